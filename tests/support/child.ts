// Running the built bot (`node dist/src/main.js`) and the deploy script as child processes, the way
// a person starts them, with everything they print captured.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const MAIN = join(ROOT, 'dist/src/main.js');
export const DEPLOY = join(ROOT, 'dist/src/deploy-commands.js');
export const CLI = join(ROOT, 'dist/src/cli.js');
export const INVITE = join(ROOT, 'dist/src/invite-url.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The one build step of the suites (vitest's global setup runs it once): `npm test` builds first;
 * a bare `npx vitest` rebuilds when dist/ is missing or older than the sources, so child processes
 * run the code under test. tsc emits even with type errors elsewhere, which is what we want.
 */
export function ensureBuilt(): void {
  const builtAt =
    existsSync(MAIN) && existsSync(DEPLOY) ? Math.min(statSync(MAIN).mtimeMs, statSync(DEPLOY).mtimeMs) : 0;
  const sourcesAt = Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'commands')));
  if (builtAt >= sourcesAt) return;
  spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
    { cwd: ROOT, stdio: 'ignore' },
  );
  if (!existsSync(MAIN)) throw new Error('npm run build did not produce dist/src/main.js');
  if (!existsSync(join(ROOT, 'dist/lexicon.tsv')))
    spawnSync(process.execPath, [join(ROOT, 'dist/src/search/lexicon/build.js')], { cwd: ROOT, stdio: 'ignore' });
}

export interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** stdout and stderr together, in arrival order: everything a person would see. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
}

/**
 * Start a script with only the variables given (plus PATH), in `cwd` — a temporary folder, so a
 * developer's own .env in the project never leaks into a test.
 */
export function run(script: string, args: string[], env: Record<string, string>, cwd: string): Child {
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let all = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    all += chunk.toString();
    listeners.forEach((l) => l());
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    all += chunk.toString();
    listeners.forEach((l) => l());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  const waitForOutput = (pattern: RegExp, timeoutMs = 10_000) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (!pattern.test(all)) return;
        listeners.delete(check);
        clearTimeout(timer);
        done();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        fail(new Error(`no ${pattern} in the output within ${timeoutMs} ms; output:\n${all}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() =>
        setTimeout(
          () =>
            listeners.has(check) &&
            (listeners.delete(check),
            clearTimeout(timer),
            fail(new Error(`exited before printing ${pattern}; output:\n${all}`))),
          50,
        ),
      );
      check();
    });
  return { process: child, stdout: () => stdout, stderr: () => stderr, output: () => all, exited, waitForOutput };
}

/** Non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** True when a text holds a stack trace (an "    at fn (file:line)" frame). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(\(|:\d+)/m.test(text);
}
