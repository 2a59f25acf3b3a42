/**
 * `npm start`: read .env and the environment, load the stories, then serve Discord (with a
 * token) or the local console (without one). Every start-up failure a person can cause ends in
 * one clear line on stderr and exit code 1; SIGTERM/SIGINT log out and exit 0.
 */
import { config as loadDotenv } from 'dotenv';
import { loadLibrary } from './answer/library.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import { runConsole } from './console.js';
import { LoginError, startBot, type RunningBot } from './discord/bot.js';
import { createLogger, createRedactor, type Logger } from './log.js';
import { startServerStories, type RunningServerStories } from './server-stories/start.js';
import { StoreError } from './store/errors.js';
import { StoryLoadError } from './story/load.js';

/** Longest a clean logout may take before we exit anyway. */
const SHUTDOWN_GRACE_MS = 4000;

/** Redacts the token from lines written without the logger (before it exists, or as a last resort). */
let redact = createRedactor([process.env.DISCORD_TOKEN]);

function fail(line: string): never {
  process.stderr.write(`${redact(line)}\n`);
  process.exit(1);
}

function readConfig(): Config {
  loadDotenv({ quiet: true });
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function handleSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`Received ${signal}: shutting down`);
    setTimeout(() => {
      logger.warn('Logout took too long; exiting anyway');
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.warn('Error while logging out', error);
        process.exit(0);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

async function main(): Promise<void> {
  const config = readConfig();
  redact = createRedactor([config.token, process.env.DISCORD_TOKEN]);
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection', reason));

  let library;
  try {
    library = await loadLibrary(config.storyPath);
  } catch (error) {
    if (error instanceof StoryLoadError) fail(error.message);
    fail(`Could not load the stories from ${config.storyPath}: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (!config.token) {
    process.stderr.write('No DISCORD_TOKEN set (in the environment or .env): running the local console instead.\n');
    handleSignals(logger, async () => {});
    await runConsole(library, process.stdin, process.stdout);
    return;
  }

  let stories: RunningServerStories;
  try {
    stories = await startServerStories(config.serverStories, library, logger);
  } catch (error) {
    if (error instanceof StoreError) fail(error.message);
    throw error;
  }

  let bot: RunningBot;
  try {
    bot = await startBot({
      stories: { service: stories.service, cdnBase: config.serverStories.cdnBase },
      token: config.token,
      library,
      logger,
      cooldown: config.cooldown,
      ...(config.apiBase ? { apiBase: config.apiBase } : {}),
    });
  } catch (error) {
    if (error instanceof LoginError) {
      logger.debug('Login failed', error.cause);
      fail(error.message);
    }
    fail(`Could not start the bot: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  logger.info(stories.description);
  handleSignals(logger, () => bot.stop().finally(() => stories.stop()));
}

main().catch((error: unknown) => {
  // Last resort: still one line, still redacted.
  fail(`storybot stopped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
});
