/**
 * Server stories, measured (issue 12):
 *
 * - Adding a 1 MB story: parse + index + commit, through the same `ServerStories.add` the
 *   `/story add` command calls, on a real SQLite file; beside it, in the same run, MiniSearch
 *   indexing the same paragraphs (`addAll`), as a peer's index build for scale.
 * - Answers in other servers while one server adds stories: the real bot (discord.js) and the
 *   Discord stand-in in this process; members of two other servers (one with a story of its own,
 *   one with the shipped story only) ask at an even rate, first alone (baseline), then while an
 *   admin of a third server uploads 1 MB stories one after another. Latency is the stand-in's
 *   dispatch-to-reply time, so any pause of the bot's event loop shows in it.
 * - A server's library after a restart (what its first question waits for): built again, or read
 *   from the server's index cache file (INDEX_CACHE_DIR), on the worker thread as the bot does it,
 *   alternating the two.
 *
 *   npm run build:tools && node dist-tools/bench/server-stories.js [--quick] [--json]
 *   (--restart: only the restart measure, 5 runs)
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import { loadLibrary, type Library } from '../src/answer/library.js';
import { startBot } from '../src/discord/bot.js';
import { deployCommands } from '../src/deploy-commands.js';
import { SUMMARY_LENGTHS } from '../src/answer/summary.js';
import { createLogger } from '../src/log.js';
import { ServerStories, type ServerStoriesSettings } from '../src/server-stories/service.js';
import {
  buildLibrary,
  inspectUpload,
  InThreadWorkshop,
  prepareLibrary,
  type StorySource,
  type Workshop,
} from '../src/server-stories/workshop.js';
import { serverCacheFile } from '../src/server-stories/library-cache.js';
import type { CacheEvent } from '../src/answer/library-cache.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { WorkerWorkshop } from '../src/server-stories/worker-workshop.js';
import { DiscordStandIn, MANAGE_GUILD, type InteractionRecord } from '../tests/support/discord-standin.js';
import { distribution, projectRoot, sleep, type Distribution } from './discord/measure.js';
import { commands, messageCommands } from '../commands/index.js';

export interface StoriesBenchOptions {
  addRuns?: number;
  /** 1 MB uploads made in server A while the others ask. */
  concurrentAdds?: number;
  /** Milliseconds between asks in the other servers. */
  askEveryMs?: number;
  baselineMs?: number;
}

export interface StoriesBenchResult {
  machine: { cores: number; cpu: string; node: string; loadAverage: number };
  addOneMB: {
    bytes: number;
    paragraphs: number;
    runs: number;
    parseMs: Distribution;
    indexMs: Distribution;
    commitMs: Distribution;
    /** parse + index + commit. */
    totalMs: Distribution;
    /** The three summaries made ahead (so the first /summary does not wait for them). */
    summariesMs: Distribution;
    /** The whole `/story add` work as a running bot does it: on the worker thread, summaries included, then restored and committed here. */
    throughWorkerMs: Distribution;
    /** MiniSearch `addAll` of the same paragraphs, in the same run. */
    miniSearchIndexMs: Distribution;
    /** storybot's parse + index + commit over MiniSearch's index build, median to median. */
    ratioToMiniSearch: number;
  };
  /** Built on the worker thread, as a running bot does. */
  otherServers: OtherServers;
  /** The same, with the uploads read and indexed on the main thread: what the worker saves. */
  otherServersMainThread: OtherServers;
  restart: Restart;
  floors: { oneMegabyteAddUnder5s: boolean; otherServersNotPaused: boolean };
}

/** A server's library after a restart: built, or read from its index cache file. */
export interface Restart {
  stories: number;
  bytes: number;
  runs: number;
  /** On the worker thread, summaries made ahead and the main thread's restore included (as the bot does it). */
  builtMs: Distribution;
  fromCacheMs: Distribution;
  /** fromCache ÷ built, median to median. */
  ratio: number;
  /** On one thread, summaries apart: parse + index, and reading the file instead. */
  parseIndexMs: Distribution;
  readFileMs: Distribution;
  cacheFileBytes: number;
}

export interface OtherServers {
  baseline: Distribution;
  duringAdds: Distribution;
  adds: number;
  addsWallMs: number;
  /** Longest the event loop was blocked during the adds. */
  eventLoopDelayMaxMs: number;
  unanswered: number;
  /** Whether the builds ran on the worker thread throughout (false: main thread, by choice or fallback). */
  offThread: boolean;
}

const QUICK: Required<StoriesBenchOptions> = { addRuns: 2, concurrentAdds: 2, askEveryMs: 25, baselineMs: 1000 };
const FULL: Required<StoriesBenchOptions> = { addRuns: 3, concurrentAdds: 3, askEveryMs: 20, baselineMs: 2000 };
const SETTINGS: ServerStoriesSettings = { maxBytes: 1024 * 1024, maxPerServer: 1000, retentionDays: 30 };

let squadParagraphs: string[] | undefined;

/** About 1 MB of news-like text: SQuAD 1.1 dev paragraphs (CC BY-SA 4.0), blank-line separated. */
export function oneMegabyteStory(root: string, title: string): { text: string; paragraphs: string[] } {
  if (!squadParagraphs) {
    const squad = JSON.parse(gunzipSync(readFileSync(join(root, 'bench/data/squad-dev.json.gz'))).toString('utf8')) as {
      articles: Array<{ paragraphs: string[] }>;
    };
    squadParagraphs = squad.articles.flatMap((a) => a.paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()));
  }
  const head = `# ${title}\n\n`;
  const paragraphs: string[] = [];
  let bytes = Buffer.byteLength(head);
  for (const paragraph of squadParagraphs) {
    const size = Buffer.byteLength(paragraph) + 2;
    if (bytes + size > 1_000_000) break;
    bytes += size;
    paragraphs.push(paragraph);
  }
  return { text: head + paragraphs.map((p) => `${p}\n\n`).join(''), paragraphs };
}

async function measureAdds(root: string, shipped: Library, runs: number): Promise<StoriesBenchResult['addOneMB']> {
  const dir = mkdtempSync(join(os.tmpdir(), 'storybot-bench-stories-'));
  const store = await SqliteStore.open(join(dir, 'bench.sqlite'));
  const workshop = new WorkerWorkshop(shipped);
  workshop.prepare();
  try {
    const service = new ServerStories(store, shipped, SETTINGS, { workshop });
    const phases = {
      parse: [] as number[],
      index: [] as number[],
      summaries: [] as number[],
      commit: [] as number[],
      total: [] as number[],
      worker: [] as number[],
      mini: [] as number[],
    };
    let bytes = 0;
    let paragraphs = 0;
    for (let run = 0; run < runs; run++) {
      const { text, paragraphs: texts } = oneMegabyteStory(root, `Bench story ${run}`);
      const encoded = new TextEncoder().encode(text);
      bytes = encoded.length;
      // The steps of an add, one by one on this thread (the same functions ServerStories calls).
      const t0 = performance.now();
      const read = inspectUpload({ fileName: 'big.md', bytes: encoded, maxBytes: SETTINGS.maxBytes });
      if (!read.ok) throw new Error(`the 1 MB story was refused: ${read.problem}`);
      const t1 = performance.now();
      const library = buildLibrary(shipped.stories, [
        { slug: 'big', title: read.value.title, body: read.value.text, fileName: 'big.md' },
      ]);
      const t2 = performance.now();
      for (const length of SUMMARY_LENGTHS) library.summarize({ story: 'big', length });
      const t3 = performance.now();
      const committed = await store.addStory(
        {
          guildId: `steps-${run}`,
          slug: 'big',
          title: read.value.title,
          titleKey: `big ${run}`,
          fileName: 'big.md',
          body: read.value.text,
          paragraphs: read.value.paragraphs,
          sizeBytes: bytes,
          sha256: read.value.sha256,
          addedBy: '1',
          addedAt: Date.now(),
        },
        { maxPerServer: SETTINGS.maxPerServer },
      );
      const t4 = performance.now();
      if (!committed.ok) throw new Error(`commit refused: ${committed.reason}`);
      paragraphs = read.value.paragraphs;
      phases.parse.push(t1 - t0);
      phases.index.push(t2 - t1);
      phases.summaries.push(t3 - t2);
      phases.commit.push(t4 - t3);
      phases.total.push(t2 - t0 + (t4 - t3));
      // The whole add as the bot does it.
      const started = performance.now();
      const added = await service.add({ guildId: `bench-${run}`, userId: '1', fileName: 'big.md', bytes: encoded });
      if (!added.ok) throw new Error(`the 1 MB story was refused: ${added.problem}`);
      phases.worker.push(performance.now() - started);
      const peer = performance.now();
      new MiniSearch<{ id: number; text: string }>({ fields: ['text'] }).addAll(
        texts.map((p, id) => ({ id, text: p })),
      );
      phases.mini.push(performance.now() - peer);
    }
    const total = distribution(phases.total);
    const mini = distribution(phases.mini);
    return {
      bytes,
      paragraphs,
      runs,
      parseMs: distribution(phases.parse),
      indexMs: distribution(phases.index),
      commitMs: distribution(phases.commit),
      totalMs: total,
      summariesMs: distribution(phases.summaries),
      throughWorkerMs: distribution(phases.worker),
      miniSearchIndexMs: mini,
      ratioToMiniSearch: Math.round((total.medianMs / mini.medianMs) * 100) / 100,
    };
  } finally {
    await workshop.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureRestart(root: string, shipped: Library, runs: number): Promise<Restart> {
  const dir = mkdtempSync(join(os.tmpdir(), 'storybot-bench-restart-'));
  const { text } = oneMegabyteStory(root, 'Restart story');
  const own: StorySource[] = [{ slug: 'restart', title: 'Restart story', body: text, fileName: 'restart.md' }];
  const slugs = own.map((s) => s.slug);
  const events: CacheEvent[] = [];
  const built = new WorkerWorkshop(shipped);
  const cached = new WorkerWorkshop(shipped, undefined, undefined, {
    cacheDir: dir,
    onCache: (_guild, event) => events.push(event),
  });
  try {
    built.prepare();
    cached.prepare();
    // Each worker started, and the cache file written, before the runs.
    await built.build(own, slugs);
    await cached.build(own, slugs, 'bench');
    while (!events.some((e) => e.kind === 'written')) await sleep(20);
    const times = { built: [] as number[], cached: [] as number[], parseIndex: [] as number[], read: [] as number[] };
    for (let run = 0; run < runs; run++) {
      let t = performance.now();
      await built.build(own, slugs);
      times.built.push(performance.now() - t);
      t = performance.now();
      await cached.build(own, slugs, 'bench');
      times.cached.push(performance.now() - t);
      if (events.at(-1)?.kind !== 'loaded') throw new Error('the server library was not read from its cache file');
      t = performance.now();
      prepareLibrary(shipped.stories, own);
      times.parseIndex.push(performance.now() - t);
      t = performance.now();
      const read = prepareLibrary(shipped.stories, own, [], { dir, guildId: 'bench' });
      times.read.push(performance.now() - t);
      if (read.event?.kind !== 'loaded') throw new Error('the server library was not read from its cache file');
    }
    const builtMs = distribution(times.built);
    const fromCacheMs = distribution(times.cached);
    return {
      stories: own.length,
      bytes: Buffer.byteLength(text),
      runs,
      builtMs,
      fromCacheMs,
      ratio: Math.round((fromCacheMs.medianMs / builtMs.medianMs) * 100) / 100,
      parseIndexMs: distribution(times.parseIndex),
      readFileMs: distribution(times.read),
      cacheFileBytes: statSync(serverCacheFile({ dir, guildId: 'bench' })).size,
    };
  } finally {
    await built.close();
    await cached.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureOtherServers(
  root: string,
  shipped: Library,
  settings: Required<StoriesBenchOptions>,
  onWorker: boolean,
): Promise<OtherServers> {
  const dir = mkdtempSync(join(os.tmpdir(), 'storybot-bench-servers-'));
  const store = await SqliteStore.open(join(dir, 'bench.sqlite'));
  const standin = await DiscordStandIn.start({ keepHistory: false, replayBufferSize: 100 });
  // As a running bot does it (src/server-stories/start.ts): reading and indexing on a worker thread.
  const workshop: Workshop = onWorker ? new WorkerWorkshop(shipped) : new InThreadWorkshop(shipped.stories);
  if (workshop instanceof WorkerWorkshop) workshop.prepare();
  const service = new ServerStories(store, shipped, SETTINGS, { workshop });
  const bot = await startBot({
    commands,
    messageCommands,
    token: standin.token,
    library: shipped,
    apiBase: standin.apiBase,
    logger: createLogger({ level: 'error', write: () => undefined }),
    cooldown: false,
    stories: { service, cdnBase: standin.cdnBase },
  });
  try {
    await deployCommands({ token: standin.token, apiBase: standin.apiBase });
    const adder = standin.world.guild;
    const withOwn = standin.addGuild('Server with its own story');
    const shippedOnly = standin.addGuild('Server with the shipped story only');
    const admin = standin.addUser('admin', { grant: { guild: adder, permissions: MANAGE_GUILD } });
    const otherAdmin = standin.addUser('other-admin', { grant: { guild: withOwn, permissions: MANAGE_GUILD } });
    const own = standin.addAttachment({
      filename: 'bridge.md',
      channel: withOwn.channel,
      content:
        '# Wrenfield bridge reopens\n\nThe bridge reopened on Monday after repairs costing 42 million pounds.\n\nEngineers replaced 340 steel cables.',
    });
    await standin
      .sendInteraction({
        command: 'story',
        subcommand: 'add',
        options: { file: own },
        user: otherAdmin,
        guild: withOwn,
      })
      .reply(10_000);
    const asks = [
      { guild: withOwn, question: 'How many steel cables were replaced?' },
      { guild: shippedOnly, question: 'How many US troops are in Iraq?' },
    ];
    const reader = standin.addUser('reader');
    // Warm both servers' libraries, so the baseline does not include their first build.
    for (const a of asks)
      await standin
        .sendInteraction({ command: 'ask', options: { question: a.question }, user: reader, guild: a.guild })
        .reply(10_000);

    const askDuring = async (until: () => boolean): Promise<InteractionRecord[]> => {
      const records: InteractionRecord[] = [];
      const start = performance.now();
      for (let i = 0; until();) {
        while (performance.now() - start >= i * settings.askEveryMs) {
          const a = asks[i % asks.length];
          records.push(
            standin.sendInteraction({
              command: 'ask',
              options: { question: a.question },
              user: reader,
              guild: a.guild,
            }),
          );
          i++;
        }
        await sleep(1);
      }
      await Promise.allSettled(records.map((r) => r.reply(10_000)));
      return records;
    };
    const latencies = (records: InteractionRecord[]) =>
      records.flatMap((r) => (r.firstReply ? [r.firstReply.latencyMs] : []));

    const baselineEnd = performance.now() + settings.baselineMs;
    const baseline = await askDuring(() => performance.now() < baselineEnd);

    // Made before the clock starts: the bench's own work must not block the bot's event loop.
    const texts = Array.from(
      { length: settings.concurrentAdds },
      (_, i) => oneMegabyteStory(root, `Big story ${i}`).text,
    );
    let adding = true;
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const addsStarted = performance.now();
    const uploads = (async () => {
      for (let i = 0; i < settings.concurrentAdds; i++) {
        const text = texts[i];
        const file = standin.addAttachment({ filename: `big-${i}.md`, channel: adder.channel, content: text });
        const reply = await standin
          .sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin, guild: adder })
          .reply(30_000);
        const shown = JSON.stringify(reply.body);
        if (!/Added/.test(shown)) throw new Error(`upload ${i} was not added: ${shown.slice(0, 200)}`);
      }
    })().finally(() => {
      adding = false;
    });
    const during = await askDuring(() => adding);
    await uploads;
    const addsWallMs = performance.now() - addsStarted;
    loopDelay.disable();
    return {
      baseline: distribution(latencies(baseline)),
      duringAdds: distribution(latencies(during)),
      adds: settings.concurrentAdds,
      addsWallMs: Math.round(addsWallMs),
      eventLoopDelayMaxMs: Math.round(loopDelay.max / 1e5) / 10,
      unanswered: [...baseline, ...during].filter((r) => !r.firstReply).length,
      offThread: workshop instanceof WorkerWorkshop && workshop.offThread,
    };
  } finally {
    await workshop.close();
    await bot.stop();
    await standin.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runStoriesBench(quick = false): Promise<StoriesBenchResult> {
  const settings = quick ? QUICK : FULL;
  const root = projectRoot(import.meta.dirname);
  const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
  const shipped = await loadLibrary(join(root, 'seeds'));
  const addOneMB = await measureAdds(root, shipped, settings.addRuns);
  const otherServers = await measureOtherServers(root, shipped, settings, true);
  const otherServersMainThread = await measureOtherServers(root, shipped, settings, false);
  const restart = await measureRestart(root, shipped, settings.addRuns);
  return {
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage },
    addOneMB,
    otherServers,
    otherServersMainThread,
    restart,
    floors: {
      oneMegabyteAddUnder5s: addOneMB.totalMs.maxMs < 5000,
      // A pause is as long as a build: answers elsewhere must not wait that long (p99), and none is lost.
      otherServersNotPaused:
        otherServers.offThread &&
        otherServers.duringAdds.p99Ms < addOneMB.indexMs.medianMs &&
        otherServers.unanswered === 0,
    },
  };
}

const ms = (v: number) => (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);

export function markdownFor(result: StoriesBenchResult): string {
  const a = result.addOneMB;
  const row = (name: string, d: Distribution) => `| ${name} | ${ms(d.medianMs)} | ${ms(d.maxMs)} |`;
  const servers = (name: string, o: OtherServers) => [
    `| ${name}: alone (baseline) | ${o.baseline.count} | ${ms(o.baseline.medianMs)} | ${ms(o.baseline.p99Ms)} | ${ms(o.baseline.maxMs)} | |`,
    `| ${name}: during ${o.adds} uploads of 1 MB (${ms(o.addsWallMs)}) | ${o.duringAdds.count} | ${ms(o.duringAdds.medianMs)} | ${ms(o.duringAdds.p99Ms)} | ${ms(o.duringAdds.maxMs)} | ${ms(o.eventLoopDelayMaxMs)} |`,
  ];
  return [
    `Adding a ${(a.bytes / 1e6).toFixed(2)} MB story (${a.paragraphs.toLocaleString('en-US')} paragraphs), ${a.runs} runs:`,
    '',
    '| step | median | max |',
    '| --- | --- | --- |',
    row('parse (decode, the rules of files on disk)', a.parseMs),
    row("index (the server's library: shipped stories + this one)", a.indexMs),
    row('commit (one SQLite transaction)', a.commitMs),
    row('**parse + index + commit**', a.totalMs),
    row('summaries made ahead (short, medium, long)', a.summariesMs),
    row('the whole `/story add` as the bot does it (worker thread, summaries included)', a.throughWorkerMs),
    row('peer, same run: MiniSearch `addAll` of the same paragraphs', a.miniSearchIndexMs),
    '',
    `Parse + index + commit takes ${a.ratioToMiniSearch}× MiniSearch's index build alone.`,
    '',
    'Answers in two other servers (one with a story of its own, one with the shipped story only), asked at an even rate through the stand-in while a third server uploads:',
    '',
    '| uploads built | asks | median | p99 | max | longest event-loop block |',
    '| --- | --- | --- | --- | --- | --- |',
    ...servers('on the worker thread (as the bot runs)', result.otherServers),
    ...servers('on the main thread (for comparison)', result.otherServersMainThread),
    '',
    `Unanswered: ${result.otherServers.unanswered + result.otherServersMainThread.unanswered}. Load average at start: ${result.machine.loadAverage} on ${result.machine.cores} cores.`,
    '',
    ...restartLines(result.restart),
  ].join('\n');
}

function restartLines(r: Restart): string[] {
  const row = (name: string, d: Distribution) => `| ${name} | ${ms(d.medianMs)} | ${ms(d.maxMs)} |`;
  return [
    `A server's library after a restart (the shipped stories + ${r.stories} of ${(r.bytes / 1e6).toFixed(2)} MB), ${r.runs} runs, alternating:`,
    '',
    '| library | median | max |',
    '| --- | --- | --- |',
    row('built again (worker thread, summaries made ahead, restored here)', r.builtMs),
    row("read from the server's index cache file (the same way)", r.fromCacheMs),
    row('one thread, summaries apart: parse + index', r.parseIndexMs),
    row('one thread, summaries apart: read the cache file', r.readFileMs),
    '',
    `From the cache: ${r.ratio}× the build; the file is ${(r.cacheFileBytes / 2 ** 20).toFixed(1)} MB.`,
  ];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--restart')) {
    const root = projectRoot(import.meta.dirname);
    const restart = await measureRestart(root, await loadLibrary(join(root, 'seeds')), 5);
    const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ restart, loadAverage }, null, 2)}\n`);
    else process.stdout.write(`${[...restartLines(restart), `Load average at the end: ${loadAverage}.`].join('\n')}\n`);
    return;
  }
  const result = await runStoriesBench(argv.includes('--quick'));
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`${markdownFor(result)}\n`);
  process.exitCode = Object.values(result.floors).every(Boolean) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench/server-stories failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  });
}
