# storybot in a container: the README's production path, step for step (tests/e2e/production.test.ts
# runs these same steps on a clean copy). Build:  docker build -t storybot .
# Run:  docker run -d --restart unless-stopped --env-file .env -v storybot-data:/app/data --name storybot storybot
# Own stories:  add  -v "$PWD/stories:/stories:ro" -e STORY_PATH=/stories

# 1. Install everything (dev dependencies included), build, then drop the dev dependencies.
FROM node:24-bookworm-slim AS build
# better-sqlite3 compiles its native module where no prebuilt binary can be fetched: python3,
# make and g++ (only in this stage; the image gets the compiled module).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
RUN npm prune --omit=dev --no-audit --no-fund
# The database's folder (DATABASE_PATH defaults to data/storybot.sqlite beside the package).
RUN mkdir -p data

# 2. The image: production dependencies, the build and the data it reads, as a non-root user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/seeds ./seeds
COPY --from=build /app/src/search/vectors/data ./src/search/vectors/data
# The one folder the bot writes (server stories, questions, votes): the node user's, and a volume
# so the stories outlive the container.
COPY --from=build --chown=node:node /app/data ./data
VOLUME ["/app/data"]
USER node
# node itself, not npm: it receives SIGTERM from `docker stop` and logs out of Discord cleanly.
CMD ["node", "dist/src/main.js"]
