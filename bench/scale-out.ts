/**
 * Scaling out, measured (issue 15): answers per second and latency of the built bot
 * (`node dist/src/main.js`, as an admin runs it) in three shapes, against the Discord stand-in in
 * this process, which is also the load generator. Everything is on loopback and bounded: a fixed
 * number of `/ask`s, at most `concurrency` in flight, in two servers (one on each shard when
 * sharded), cooldown off.
 *
 * - one process: the gateway, one shard (the default);
 * - 2 shards: SHARD_COUNT=2, SHARDS_PER_PROCESS=1 (ShardingManager, one process per shard);
 * - 2 HTTP replicas: two endpoint processes (no gateway) sharing one Postgres, the stand-in
 *   alternating between them as a round-robin load balancer would.
 *
 * Latency is the stand-in's, from sending the interaction to the reply arriving (over REST for
 * the gateway, as the HTTP response for the endpoint). Also measured: how fast a story change
 * made by one process reaches another (Postgres LISTEN/NOTIFY; SQLite's data-version watch), and
 * each process's resident memory after the load.
 *
 *   npm run build && npm run build:tools && node dist-tools/bench/scale-out.js [--quick] [--json]
 *
 * Prints Markdown (or JSON with --json) and writes bench/out/scale-out.{md,json}.
 *
 * Postgres: BENCH_POSTGRES_URL (a server URL; a database is made and dropped), else a throwaway
 * server started with tools/test-postgres.sh; without Postgres the replicas' figures are skipped.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { deployCommands } from '../src/deploy-commands.js';
import { PostgresStore } from '../src/store/postgres.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { NewStory, Store, StoryChange } from '../src/store/types.js';
import { DiscordStandIn, type Guild, type InteractionRecord } from '../tests/support/discord-standin.js';
import { distribution, projectRoot, sleep, type Distribution } from './discord/measure.js';

export interface ScaleOutOptions {
  requests?: number;
  concurrency?: number;
  propagationSamples?: number;
  /** A Postgres server's URL (default BENCH_POSTGRES_URL, else a throwaway server). */
  postgresUrl?: string;
}

export interface ModeFigures {
  /** Bot processes (a ShardingManager counts as one more). */
  processes: number;
  requests: number;
  concurrency: number;
  wallMs: number;
  answersPerSecond: number;
  latency: Distribution;
  unanswered: number;
  /** Resident memory of each bot process after the load, MB. */
  rssMB: number[];
}

export interface ScaleOutResult {
  machine: { cores: number; cpu: string; node: string; loadAverage: number };
  modes: Record<string, ModeFigures | { skipped: string }>;
  /** From the start of an add in one process (its transaction included) to another process being told of it. */
  propagation: Record<string, Distribution | { skipped: string }>;
}

const DEFAULTS = { requests: 2000, concurrency: 32, propagationSamples: 50 };
const QUICK = { requests: 400, concurrency: 16, propagationSamples: 15 };
type Settings = typeof DEFAULTS;
const ROOT = projectRoot(import.meta.dirname);
const MAIN = join(ROOT, 'dist/src/main.js');

function benchQuestions(): string[] {
  try {
    const data = JSON.parse(readFileSync(join(ROOT, 'bench/data/seed-qa-dev.json'), 'utf8')) as {
      questions: Array<{ q: string }>;
    };
    const questions = data.questions.map((q) => q.q).filter((q) => q.length <= 300);
    if (questions.length > 0) return questions;
  } catch {
    // a small fixed set below
  }
  return ['How many US troops are in Iraq?', 'Who did Pezeshkian meet?', 'What is the capital of France?'];
}

function log(message: string): void {
  process.stderr.write(`[scale-out] ${message}\n`);
}

interface Bot {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

function startBot(env: Record<string, string>, cwd: string): Bot {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      COOLDOWN_REQUESTS: '0',
      LOG_LEVEL: 'info',
      STORY_PATH: join(ROOT, 'seeds'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async waitFor(pattern, ms = 60_000) {
      const until = performance.now() + ms;
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match;
        if (child.exitCode !== null || performance.now() > until)
          throw new Error(`the bot did not print ${pattern}; it printed:\n${output.slice(-2000)}`);
        await sleep(50);
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The resident memory (MB) of a process and of its children (a ShardingManager's shards). */
function rssTree(pid: number): number[] {
  const read = (p: number) => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? NaN);
      return Math.round(kb / 102.4) / 10;
    } catch {
      return NaN;
    }
  };
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) children.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    // not Linux: the process alone
  }
  return [pid, ...children].map(read).filter((n) => Number.isFinite(n));
}

/** Sends `requests` /ask's, at most `concurrency` in flight, alternating servers (and endpoints). */
async function load(
  standin: DiscordStandIn,
  guilds: Guild[],
  questions: string[],
  settings: Settings,
  endpoints: string[] = [],
): Promise<Omit<ModeFigures, 'processes' | 'rssMB'>> {
  const users = Array.from({ length: 50 }, (_, i) => standin.addUser(`load${i}-${randomBytes(2).toString('hex')}`));
  const latencies: number[] = [];
  let unanswered = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < settings.requests) {
      const i = next++;
      if (endpoints.length > 0) standin.interactionsEndpoint = endpoints[i % endpoints.length]!;
      const record: InteractionRecord = standin.sendInteraction({
        command: 'ask',
        options: { question: questions[i % questions.length] },
        user: users[i % users.length],
        guild: guilds[i % guilds.length],
      });
      try {
        const reply = await record.reply(10_000);
        latencies.push(reply.latencyMs);
      } catch {
        unanswered++;
      }
      standin.forget(record);
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  const wallMs = performance.now() - started;
  return {
    requests: settings.requests,
    concurrency: settings.concurrency,
    wallMs: Math.round(wallMs),
    answersPerSecond: Math.round((latencies.length / wallMs) * 1000),
    latency: distribution(latencies),
    unanswered,
  };
}

async function warm(standin: DiscordStandIn, guilds: Guild[], endpoints: string[] = []): Promise<void> {
  // Each process's first answer in a server builds that server's library: not what is measured.
  for (const guild of guilds) {
    for (let i = 0; i < Math.max(1, endpoints.length) * 3; i++) {
      if (endpoints.length > 0) standin.interactionsEndpoint = endpoints[i % endpoints.length]!;
      await standin
        .sendInteraction({
          command: 'ask',
          options: { question: 'How many US troops are in Iraq?' },
          user: standin.addUser(`warm${i}`),
          guild,
        })
        .reply(10_000);
    }
  }
}

interface Postgres {
  url: string;
  stop(): Promise<void>;
}

/** A database for the bench: on BENCH_POSTGRES_URL's server, else on a throwaway server; undefined without Postgres. */
async function benchPostgres(given: string | undefined): Promise<Postgres | { skipped: string }> {
  let server = given?.trim() || process.env.BENCH_POSTGRES_URL?.trim();
  let dir: string | undefined;
  if (!server) {
    dir = mkdtempSync('/tmp/storybot-bench-pg-');
    try {
      server = execFileSync('bash', [join(ROOT, 'tools/test-postgres.sh'), 'start', dir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      return {
        skipped: `no Postgres (${((error as { stderr?: string }).stderr ?? String(error)).trim().split('\n').pop()}); set BENCH_POSTGRES_URL`,
      };
    }
  }
  const name = `storybot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      if (dir) execFileSync('bash', [join(ROOT, 'tools/test-postgres.sh'), 'stop', dir], { stdio: 'ignore' });
    },
  };
}

async function oneProcess(settings: Settings, questions: string[], workdir: string): Promise<ModeFigures> {
  const standin = await DiscordStandIn.start({ keepHistory: false, replayBufferSize: 100 });
  const guilds = [standin.addGuild('A'), standin.addGuild('B')];
  await deployCommands({ token: standin.token, apiBase: standin.apiBase });
  const bot = startBot(
    { DISCORD_TOKEN: standin.token, DISCORD_API_BASE: standin.apiBase, DATABASE_PATH: join(workdir, 'one.sqlite') },
    workdir,
  );
  try {
    await bot.waitFor(/Server stories kept in/);
    await warm(standin, guilds);
    const figures = await load(standin, guilds, questions, settings);
    return { processes: 1, ...figures, rssMB: rssTree(bot.child.pid!) };
  } finally {
    await bot.stop();
    await standin.stop();
  }
}

async function twoShards(settings: Settings, questions: string[], workdir: string): Promise<ModeFigures> {
  // max_concurrency 2: both shards may identify at once, so start-up is not what is measured.
  const standin = await DiscordStandIn.start({
    keepHistory: false,
    replayBufferSize: 100,
    shards: 2,
    maxConcurrency: 2,
  });
  const guilds = [standin.addGuild('A', [0, 2]), standin.addGuild('B', [1, 2])];
  await deployCommands({ token: standin.token, apiBase: standin.apiBase });
  const bot = startBot(
    {
      DISCORD_TOKEN: standin.token,
      DISCORD_API_BASE: standin.apiBase,
      DATABASE_PATH: join(workdir, 'shards.sqlite'),
      SHARD_COUNT: '2',
      SHARDS_PER_PROCESS: '1',
    },
    workdir,
  );
  try {
    await bot.waitFor(/All 2 shards ready/);
    await bot.waitFor(/\[shard 1\].*Server stories kept in/);
    await warm(standin, guilds);
    const figures = await load(standin, guilds, questions, settings);
    return { processes: 3, ...figures, rssMB: rssTree(bot.child.pid!) };
  } finally {
    await bot.stop();
    await standin.stop();
  }
}

async function twoReplicas(
  settings: Settings,
  questions: string[],
  workdir: string,
  database: string,
): Promise<ModeFigures> {
  const standin = await DiscordStandIn.start({ keepHistory: false, replayBufferSize: 100 });
  const guilds = [standin.addGuild('A'), standin.addGuild('B')];
  await deployCommands({ token: standin.token, apiBase: standin.apiBase });
  const env = {
    DISCORD_API_BASE: standin.apiBase,
    DISCORD_PUBLIC_KEY: standin.publicKey,
    INTERACTIONS_PORT: '0',
    INTERACTIONS_HOST: '127.0.0.1',
    DATABASE_URL: database,
  };
  const bots = [startBot(env, workdir), startBot(env, workdir)];
  try {
    const endpoints: string[] = [];
    for (const bot of bots) {
      endpoints.push((await bot.waitFor(/Answering Discord interactions at (\S+)/))[1]);
      await bot.waitFor(/Server stories kept in/);
    }
    await standin.useInteractionsEndpoint(endpoints[0]);
    await warm(standin, guilds, endpoints);
    const figures = await load(standin, guilds, questions, settings, endpoints);
    return { processes: 2, ...figures, rssMB: bots.flatMap((b) => rssTree(b.child.pid!)) };
  } finally {
    for (const bot of bots) await bot.stop();
    await standin.stop();
  }
}

function sampleStory(guildId: string, n: number): NewStory {
  return {
    guildId,
    slug: `s${n}`,
    title: `Story ${n}`,
    titleKey: `story ${n}`,
    fileName: `s${n}.txt`,
    body: `Story ${n}\n\nText ${n}.`,
    paragraphs: 1,
    sizeBytes: 20,
    sha256: 'ab'.repeat(32),
    addedBy: '1',
    addedAt: Date.now(),
  };
}

/** From addStory's commit in one store to the other store's watch hearing of it. */
async function propagation(open: () => Promise<Store>, samples: number): Promise<Distribution> {
  const writer = await open();
  const reader = await open();
  const heard = new Map<string, number>();
  const watch = await reader.watchStories((change: StoryChange | null) => {
    if (change) heard.set(`${change.guildId}:${change.version}`, performance.now());
  });
  const delays: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const guildId = `g${i}`;
      // From the start of the add (its transaction included): the commit's own moment is not visible from here.
      const started = performance.now();
      const result = await writer.addStory(sampleStory(guildId, i), { maxPerServer: 5 });
      if (!result.ok) continue;
      const key = `${guildId}:${result.version}`;
      const until = performance.now() + 5_000;
      while (!heard.has(key) && performance.now() < until) await sleep(1);
      if (heard.has(key)) delays.push(heard.get(key)! - started);
      await sleep(20);
    }
  } finally {
    await watch.stop();
    await writer.close();
    await reader.close();
  }
  return distribution(delays);
}

export async function runScaleOut(options: ScaleOutOptions = {}): Promise<ScaleOutResult> {
  const settings: Settings = { ...DEFAULTS, ...options };
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
  };
  const questions = benchQuestions();
  const workdir = mkdtempSync(join(os.tmpdir(), 'storybot-scale-out-'));
  const postgres = await benchPostgres(options.postgresUrl);
  const result: ScaleOutResult = { machine, modes: {}, propagation: {} };
  try {
    log(`one process, ${settings.requests} asks, ${settings.concurrency} in flight …`);
    result.modes['one process'] = await oneProcess(settings, questions, workdir);
    log('2 shards, one process each …');
    result.modes['2 shards (2 processes)'] = await twoShards(settings, questions, workdir);
    if ('url' in postgres) {
      log('2 HTTP replicas sharing Postgres …');
      result.modes['2 HTTP replicas + Postgres'] = await twoReplicas(settings, questions, workdir, postgres.url);
      log('story change propagation: Postgres …');
      result.propagation['Postgres LISTEN/NOTIFY'] = await propagation(
        () => PostgresStore.open(postgres.url),
        settings.propagationSamples,
      );
    } else {
      result.modes['2 HTTP replicas + Postgres'] = { skipped: postgres.skipped };
      result.propagation['Postgres LISTEN/NOTIFY'] = { skipped: postgres.skipped };
    }
    log('story change propagation: SQLite …');
    const file = join(workdir, 'propagation.sqlite');
    result.propagation['SQLite data_version watch (every 250 ms)'] = await propagation(
      () => SqliteStore.open(file),
      settings.propagationSamples,
    );
  } finally {
    if ('url' in postgres) await postgres.stop();
    rmSync(workdir, { recursive: true, force: true });
  }
  return result;
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));

export function markdownFor(result: ScaleOutResult): string {
  const rows = Object.entries(result.modes).map(([name, m]) =>
    'skipped' in m
      ? `| ${name} | – | – | – | – | – | not measured: ${m.skipped} |`
      : `| ${name} | ${m.processes} | ${m.answersPerSecond} | ${ms(m.latency.medianMs)} | ${ms(m.latency.p99Ms)} | ${ms(m.latency.maxMs)} | ${m.unanswered} unanswered of ${m.requests}; RSS ${m.rssMB.map((r) => `${Math.round(r)}`).join(' + ')} MB |`,
  );
  const propagation = Object.entries(result.propagation).map(([name, d]) =>
    'skipped' in d
      ? `| ${name} | not measured: ${d.skipped} | | |`
      : `| ${name} | ${ms(d.medianMs)} | ${ms(d.p99Ms)} | ${ms(d.maxMs)} |`,
  );
  const first = Object.values(result.modes)[0];
  const shape =
    first && !('skipped' in first) ? `${first.requests} \`/ask\`s, at most ${first.concurrency} in flight` : '';
  return [
    `Machine: ${result.machine.cores} cores (${result.machine.cpu}), Node.js ${result.machine.node}, load average ${result.machine.loadAverage} at the start. The load generator (the Discord stand-in) runs on the same cores, on loopback; ${shape}, in two servers (one per shard when sharded), cooldown off.`,
    '',
    '| shape | bot processes | answers/s | median ms | p99 ms | max ms | notes |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'A story added by one process, seen by another (from the start of the add, its transaction included, to the other process being told), over ' +
      `${Object.values(result.propagation).find((d) => !('skipped' in d)) ? (Object.values(result.propagation).find((d) => !('skipped' in d)) as Distribution).count : 0} changes:`,
    '',
    '| mechanism | median ms | p99 ms | max ms |',
    '|---|---|---|---|',
    ...propagation,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const result = await runScaleOut(quick ? QUICK : DEFAULTS);
  const markdown = markdownFor(result);
  // Where the benchmarks write partial runs' results (bench/out/, not committed); a full
  // `npm run bench` puts the same figures into bench/RESULTS.md.
  const out = join(ROOT, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'scale-out.json'),
    `${JSON.stringify({ mode: quick ? 'quick' : 'full', at: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
  writeFileSync(join(out, 'scale-out.md'), `${markdown}\n`);
  log(`wrote bench/out/scale-out.json and bench/out/scale-out.md`);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${markdown}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`scale-out benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
