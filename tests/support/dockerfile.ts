// Reads the project's Dockerfile and .dockerignore so the production test runs the image's own
// steps (no Docker engine or image registry is reachable here): the build stage's RUN commands,
// the files the final stage copies from it, its USER and its CMD. The build stage's Debian
// packages (apt-get) are listed, not run: the test checks that this machine has their tools.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DockerPlan {
  /** The build stage's RUN commands, in order, run in its WORKDIR (a copy of the project). */
  buildSteps: string[];
  /** Debian packages the build stage installs (`RUN apt-get ... install ...`), not among buildSteps. */
  systemPackages: string[];
  /** `COPY --from=<build stage> <from...> <to>` of the final stage, paths relative to the WORKDIRs. */
  copies: { from: string[]; to: string }[];
  user: string | undefined;
  cmd: string[];
  /** Every FROM image, e.g. node:24-bookworm-slim. */
  images: string[];
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): [string, string][] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return [keyword.toUpperCase(), rest.join(' ')];
    });
}

const relative = (path: string) => path.replace(/^\/app\/?/, '').replace(/^\.\/?/, '') || '.';

export function readDockerPlan(root: string): DockerPlan {
  const plan: DockerPlan = { buildSteps: [], systemPackages: [], copies: [], user: undefined, cmd: [], images: [] };
  let stage = -1;
  let buildStage: string | undefined;
  for (const [keyword, args] of instructions(readFileSync(join(root, 'Dockerfile'), 'utf8'))) {
    if (keyword === 'FROM') {
      stage++;
      const [image, as, name] = args.split(/\s+/);
      plan.images.push(image);
      if (stage === 0) buildStage = as?.toUpperCase() === 'AS' ? name : '0';
    } else if (keyword === 'RUN' && stage === 0 && /^apt-get\b/.test(args)) {
      for (const command of args.split(/&&|;/)) {
        const [tool, ...words] = command.trim().split(/\s+/);
        const install = words.indexOf('install');
        if (tool === 'apt-get' && install >= 0)
          plan.systemPackages.push(...words.slice(install + 1).filter((w) => !w.startsWith('-')));
      }
    } else if (keyword === 'RUN' && stage === 0) {
      plan.buildSteps.push(args);
    } else if (keyword === 'COPY' && stage > 0) {
      const parts = args.split(/\s+/);
      const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
      if (from !== buildStage)
        throw new Error(
          `the final stage copies from ${from ?? 'the build context'}: only COPY --from=${buildStage} is understood`,
        );
      const paths = parts.filter((p) => !p.startsWith('--'));
      plan.copies.push({ from: paths.slice(0, -1).map(relative), to: relative(paths.at(-1)!) });
    } else if (keyword === 'USER') {
      plan.user = args;
    } else if (keyword === 'CMD') {
      plan.cmd = JSON.parse(args) as string[];
    }
  }
  return plan;
}

/** A filter for cpSync that leaves out what .dockerignore names (plain paths and `*.ext` only). */
export function dockerignoreFilter(root: string): (source: string) => boolean {
  const patterns = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return (source) => {
    const path = source.slice(root.length + 1);
    if (!path) return true;
    return !patterns.some((p) =>
      p.startsWith('*.') ? path.endsWith(p.slice(1)) : path === p || path.startsWith(`${p}/`),
    );
  };
}
