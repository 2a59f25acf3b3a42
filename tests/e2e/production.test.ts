// The production path on a clean copy of the project, with the Dockerfile's own steps (read from
// it, so the image and this test cannot drift apart): install with dev dependencies and build,
// prune to production dependencies, copy what the image keeps, then run it against the stand-in
// from another directory: it answers, and SIGTERM (to node, or to `npm start`) stops it cleanly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from '../support/discord-standin.js';
import { ROOT, hasStackTrace, run, type Child } from '../support/child.js';
import { dockerignoreFilter, readDockerPlan, type DockerPlan } from '../support/dockerfile.js';
import { leakedSpellings } from '../support/harness.js';
import { deployCommands } from '../../src/deploy-commands.js';
import { citedParagraphs, visibleText } from '../support/wire.js';

const QUESTION = 'How many US troops are in Iraq?';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
/** Packages only the development tools need (`"dev": true` in the lock file): none may be installed. */
const devOnly = Object.entries(
  (JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> })
    .packages,
)
  .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev === true)
  .map(([path]) => path);

let plan: DockerPlan;
let base: string;
let app: string;
let elsewhere: string;
let standin: DiscordStandIn;
const children: ChildProcess[] = [];

/**
 * The environment of a person's shell: no npm or vitest variables from the test run itself. The
 * one npm setting kept is where Node's headers are for compiling native modules (better-sqlite3):
 * a machine's own, which CI points at the Node.js it runs the suite under.
 */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (
      /^npm_config_nodedir$/i.test(key) ||
      !/^(npm_|VITEST|NODE_ENV$|NODE_OPTIONS$|DISCORD_|STORY_PATH$|DATABASE_PATH$|LOG_LEVEL$)/i.test(key)
    )
      env[key] = value;
  }
  return { ...env, ...extra };
}

function sh(command: string, cwd: string): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn('sh', ['-c', command], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => done({ code, output, ms: Date.now() - started }));
  });
}

function sizeOf(path: string): number {
  const info = lstatSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

beforeAll(async () => {
  plan = readDockerPlan(ROOT);
  base = mkdtempSync(join(tmpdir(), 'storybot-prod-'));
  const build = join(base, 'build');
  app = join(base, 'app');
  elsewhere = join(base, 'elsewhere');
  mkdirSync(elsewhere);
  // COPY . . (what .dockerignore lets through: no node_modules, no dist, no .env).
  cpSync(ROOT, build, { recursive: true, filter: dockerignoreFilter(ROOT) });
  const timings: string[] = [];
  for (const step of plan.buildSteps) {
    const result = await sh(step, build);
    if (result.code !== 0) throw new Error(`"${step}" failed (exit ${result.code}):\n${result.output}`);
    timings.push(`${step}: ${(result.ms / 1000).toFixed(1)} s`);
  }
  // The final stage: only what it copies from the build stage (moved: the build stage is dropped).
  for (const { from, to } of plan.copies) {
    for (const path of from) {
      const target = from.length === 1 && to !== '.' ? join(app, to) : join(app, to, path);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(build, path), target);
    }
  }
  rmSync(build, { recursive: true, force: true });
  console.log(
    `production path: ${timings.join('; ')}; node_modules ${(sizeOf(join(app, 'node_modules')) / 1e6).toFixed(1)} MB`,
  );
  standin = await DiscordStandIn.start();
  await deployCommands({ token: standin.token, guildId: standin.guildId, apiBase: standin.apiBase });
}, 600_000);

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  await standin?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

function startNode(args: string[], env: Record<string, string>, cwd = elsewhere): Child {
  const [command, script, ...rest] = [...plan.cmd, ...args];
  expect(command).toBe('node');
  const child = run(join(app, script), rest, env, cwd);
  children.push(child.process);
  return child;
}

async function ask(question = QUESTION) {
  return standin.sendInteraction({ command: 'ask', options: { question }, user: standin.addUser('prod') }).reply(5000);
}

describe('the image (Dockerfile) and the production install', () => {
  it('is built in a stage of its own and runs node itself as a non-root user', () => {
    expect(plan.images.length).toBeGreaterThanOrEqual(2);
    expect(plan.images.every((image) => /^node:(22|24)\b/.test(image))).toBe(true);
    expect(plan.buildSteps.join('\n')).toMatch(/npm ci[\s\S]*npm prune --omit=dev/);
    expect(plan.user).toBeDefined();
    expect(plan.user).not.toMatch(/^(root|0)$/);
    expect(plan.cmd).toEqual(['node', 'dist/src/main.js']);
  });

  it('installs what better-sqlite3 compiles with in the build stage only (this machine has the same tools)', () => {
    expect(plan.systemPackages).toEqual(expect.arrayContaining(['python3', 'make', 'g++']));
    for (const tool of ['python3', 'make', 'g++']) expect(spawnSync(tool, ['--version']).status, tool).toBe(0);
  });

  it('keeps the production dependencies and none of the packages only development needs', () => {
    expect(devOnly.length).toBeGreaterThan(10);
    for (const path of devOnly) expect(existsSync(join(app, path, 'package.json')), path).toBe(false);
    for (const name of Object.keys(pkg.dependencies))
      expect(existsSync(join(app, 'node_modules', name, 'package.json')), name).toBe(true);
    expect(existsSync(join(app, 'dist/lexicon.tsv'))).toBe(true);
    // The SQLite driver compiled in the build stage, and the database's (empty) folder.
    expect(existsSync(join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(readdirSync(join(app, 'data'))).toEqual([]);
  });

  it('runs every script without a dev dependency, from another directory', async () => {
    const scripts: [string, string[], Record<string, string>, RegExp][] = [
      ['dist/src/cli.js', ['ask', '--json', QUESTION], {}, /"answered":true/],
      ['dist/src/deploy-commands.js', ['--dry-run'], {}, /"name": "ask"/],
      ['dist/src/invite-url.js', [], { DISCORD_CLIENT_ID: '123456789012345678' }, /client_id=123456789012345678/],
      ['dist/src/main.js', ['--version'], {}, /^\d+\.\d+\.\d+/],
    ];
    for (const [script, args, env, expected] of scripts) {
      const child = run(join(app, script), args, env, elsewhere);
      children.push(child.process);
      child.process.stdin!.end();
      const { code } = await child.exited;
      expect(code, `${script}: ${child.output()}`).toBe(0);
      expect(child.stdout()).toMatch(expected);
    }
  });
});

describe('the production bot', () => {
  it('answers from its own seeds/ when started elsewhere, and SIGTERM logs out and exits 0 within 5 s', async () => {
    const child = startNode([], { DISCORD_TOKEN: standin.token, DISCORD_API_BASE: standin.apiBase });
    await child.waitForOutput(/Logged in/, 20_000);
    const reply = await ask();
    expect(citedParagraphs(visibleText(reply.message!))).toContain(3);
    // Server stories opened their database with the pruned install's driver, beside the package.
    const database = join(app, 'data', 'storybot.sqlite');
    await child.waitForOutput(/Server stories kept in/, 5000);
    expect(child.stderr()).toContain(database);
    expect(existsSync(database)).toBe(true);
    const closes = standin.gateway.closes.length;
    const sentAt = Date.now();
    child.process.kill('SIGTERM');
    const { code } = await child.exited;
    expect(code).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(5000);
    expect(standin.gateway.closes.slice(closes)).toContainEqual(expect.objectContaining({ by: 'client', code: 1000 }));
    expect(child.stderr()).toMatch(/Received SIGTERM: shutting down/);
    expect(child.stderr()).not.toMatch(/reconnecting/i);
    expect(hasStackTrace(child.output())).toBe(false);
    expect(leakedSpellings(child.output(), standin.token)).toEqual([]);
  });

  it('reads .env beside the package (a relative STORY_PATH from there) and serves a Markdown story without its markup', async () => {
    mkdirSync(join(app, 'stories'), { recursive: true });
    writeFileSync(
      join(app, 'stories', 'harbour.md'),
      '# Storm closes **coastal** roads\n\nThe council said repairs to the *harbour wall* will cost **£2.4 million**.\n\n- Buses run as usual.\n- Ferries are cancelled until Friday.\n',
    );
    writeFileSync(
      join(app, '.env'),
      `DISCORD_TOKEN=${standin.token}\nDISCORD_API_BASE=${standin.apiBase}\nSTORY_PATH=stories\n`,
    );
    try {
      const child = startNode([], {});
      await child.waitForOutput(/Logged in/, 20_000);
      const reply = await ask('How much will the repairs cost?');
      const text = visibleText(reply.message!);
      // The only bold is the bot's own, around the short answer (shown first, then in its
      // sentence): the story's **bold** and *italics* show neither raw nor escaped.
      expect(text).toContain('**£2.4 million** **¶1**');
      expect(text).toContain('The council said repairs to the harbour wall will cost **£2.4 million**.');
      expect(text).not.toContain('***');
      expect(text).not.toMatch(/\\\*/);
      expect(text).toContain('Storm closes coastal roads');
      const ferries = await ask('When do ferries run again?');
      expect(citedParagraphs(visibleText(ferries.message!))).toContain(3);
      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
    } finally {
      rmSync(join(app, '.env'), { force: true });
    }
  });

  it('SIGTERM to `npm start` stops the bot too, logged, within 5 s', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: app,
      env: cleanEnv({ DISCORD_TOKEN: standin.token, DISCORD_API_BASE: standin.apiBase }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(npm);
    let output = '';
    npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // Every process holding npm's output pipes (npm, its shell, node) is gone when they close.
    const allGone = new Promise<void>((done) => npm.on('close', () => done()));
    const deadline = Date.now() + 20_000;
    while (!/Logged in/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(output).toMatch(/Logged in/);
    await ask();
    const closes = standin.gateway.closes.length;
    const sentAt = Date.now();
    npm.kill('SIGTERM');
    await allGone;
    expect(Date.now() - sentAt).toBeLessThan(5000);
    expect(standin.gateway.closes.slice(closes)).toContainEqual(expect.objectContaining({ by: 'client', code: 1000 }));
    expect(output).toMatch(/shutting down/);
    expect(output).toMatch(/Stopped/);
  });
});
