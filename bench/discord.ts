/**
 * The Discord path, measured: the real bot (`startBot`, discord.js v14) logged in to the local
 * Discord stand-in from tests/support (compiled along with this file into dist-tools/). Both run in this
 * one process, so the clock is shared and nothing crosses a real network.
 *
 * - Latency: 1,000 `/ask`s one after another; milliseconds from the stand-in dispatching
 *   INTERACTION_CREATE to the bot's interaction callback arriving over REST. Floor: median < 5 ms,
 *   p99 < 20 ms.
 * - Load: 1,000 `/ask`s from 50 users, issued at an even rate within 5 s (the issue allows 10),
 *   twice. Every one must be answered exactly once within Discord's 3-second window. Memory
 *   (RSS, heap after a full GC) before the first round and after each round shows whether it stays
 *   steady. The stand-in keeps no history in this mode, so what grows is the bot's.
 * - Cooldown: 50 requests per 10 s per user, so the load's users (20 asks each) are never slowed
 *   down, while the cooldown code still runs on every request.
 *
 *   npm run build:tools && node dist-tools/bench/discord.js [--quick] [--json]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadLibrary } from '../src/answer/library.js';
import { startBot } from '../src/discord/bot.js';
import { deployCommands } from '../src/deploy-commands.js';
import { createLogger } from '../src/log.js';
import { DiscordStandIn, type InteractionRecord } from '../tests/support/discord-standin.js';
import { distribution, memory, projectRoot, sleep, type Distribution, type MemorySnapshot } from './discord/measure.js';
import { commands, messageCommands } from '../commands/index.js';

export interface DiscordBenchOptions {
  latencySamples?: number;
  loadInteractions?: number;
  loadUsers?: number;
  /** The load's asks are issued evenly over this many milliseconds. */
  loadWindowMs?: number;
  loadRounds?: number;
}

export interface LoadRound {
  interactions: number;
  users: number;
  issuedOverMs: number;
  /** From the first dispatch to the last reply. */
  completedOverMs: number;
  answeredExactlyOnce: number;
  unanswered: number;
  /** Interactions that got more than one reply. */
  duplicated: number;
  /** Replies after 3 s, or refused by Discord for any reason. */
  lateOrRefused: number;
  /** Answered with the cooldown's ephemeral "slow down" instead of an answer (the bench asks publicly). */
  slowedDown: number;
  latency: Distribution;
  /**
   * The longest the event loop (shared by bot and stand-in) was blocked during the round. When it
   * is close to the worst reply, that reply waited for the CPU (other processes, GC), not for I/O.
   */
  eventLoopDelayMaxMs: number;
  memoryAfter: MemorySnapshot;
}

export interface DiscordBenchResult {
  /** loadAverage: the 1-minute load average when the run started; above the core count, other work competed for the CPU. */
  machine: { cores: number; cpu: string; node: string; loadAverage: number };
  latency: Distribution;
  /** Rounds keyed "1", "2", … (an object, so bench/run.ts's flattening table can show every figure). */
  load: { rounds: Record<string, LoadRound>; memoryBefore: MemorySnapshot; heapGrowthMB: number };
  cooldown: string;
  /** Warnings and errors the bot logged during the whole run (expected: 0). */
  botWarnings: number;
  floors: { latencyMedianUnder5ms: boolean; latencyP99Under20ms: boolean; everyLoadAskAnsweredOnceIn3s: boolean };
}

const DEFAULTS: Required<DiscordBenchOptions> = {
  latencySamples: 1000,
  loadInteractions: 1000,
  loadUsers: 50,
  loadWindowMs: 5000,
  loadRounds: 2,
};
const QUICK: Required<DiscordBenchOptions> = {
  latencySamples: 300,
  loadInteractions: 300,
  loadUsers: 50,
  loadWindowMs: 1500,
  loadRounds: 2,
};
const COOLDOWN = { requests: 50, seconds: 10 };

/** The development questions (answerable and not), so replies cover both kinds of answer. */
function benchQuestions(root: string): string[] {
  try {
    const data = JSON.parse(readFileSync(join(root, 'bench/data/seed-qa-dev.json'), 'utf8')) as {
      questions: Array<{ q: string }>;
    };
    const questions = data.questions.map((q) => q.q).filter((q) => q.length <= 300);
    if (questions.length > 0) return questions;
  } catch {
    // fall through to a small fixed set
  }
  return ['How many US troops are in Iraq?', 'Who did Pezeshkian meet?', 'What is the capital of France?'];
}

function tally(records: readonly InteractionRecord[], windowMs: number) {
  let answeredExactlyOnce = 0;
  let unanswered = 0;
  let duplicated = 0;
  let lateOrRefused = 0;
  let slowedDown = 0;
  const latencies: number[] = [];
  for (const record of records) {
    const replies = record.visibleReplies();
    if (replies === 0) unanswered++;
    if (replies > 1) duplicated++;
    const late = record.firstReply === null || record.firstReply.latencyMs > windowMs;
    if (late || record.rejected().length > 0) lateOrRefused++;
    const slowed = record.firstReply?.ephemeral === true;
    if (slowed) slowedDown++;
    if (replies === 1 && !late && !slowed && record.rejected().length === 0) answeredExactlyOnce++;
    if (record.firstReply) latencies.push(record.firstReply.latencyMs);
  }
  return { answeredExactlyOnce, unanswered, duplicated, lateOrRefused, slowedDown, latency: distribution(latencies) };
}

export async function runDiscordBench(options: DiscordBenchOptions = {}): Promise<DiscordBenchResult> {
  const settings = { ...DEFAULTS, ...options };
  const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
  const root = projectRoot(import.meta.dirname);
  const questions = benchQuestions(root);
  const standin = await DiscordStandIn.start({ keepHistory: false, replayBufferSize: 100 });
  let botWarnings = 0;
  const logger = createLogger({ level: 'warn', write: () => void botWarnings++ });
  const library = await loadLibrary(join(root, 'seeds'));
  await deployCommands({ token: standin.token, guildId: standin.guildId, apiBase: standin.apiBase });
  const bot = await startBot({
    commands,
    messageCommands,
    token: standin.token,
    library,
    apiBase: standin.apiBase,
    logger,
    cooldown: COOLDOWN,
  });
  try {
    // Latency: one at a time, so each figure is the bot's own path with nothing queued ahead of it.
    const reader = standin.addUser('reader');
    const latencies: number[] = [];
    for (let i = 0; i < settings.latencySamples; i++) {
      // A fresh user every 40 asks keeps the single reader inside the cooldown.
      const user = i % 40 === 0 && i > 0 ? standin.addUser(`reader${i}`) : reader;
      const record = standin.sendInteraction({
        command: 'ask',
        options: { question: questions[i % questions.length] },
        user,
      });
      const reply = await record.reply(5000);
      latencies.push(reply.latencyMs);
      standin.forget(record);
    }

    const users = Array.from({ length: settings.loadUsers }, (_, i) => standin.addUser(`load${i}`));
    const memoryBefore = memory();
    const rounds: LoadRound[] = [];
    for (let round = 0; round < settings.loadRounds; round++) {
      const records: InteractionRecord[] = [];
      const interval = settings.loadWindowMs / settings.loadInteractions;
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const start = performance.now();
      for (let i = 0; i < settings.loadInteractions;) {
        // Issue everything that is due, then yield to the event loop (the bot runs in this process).
        while (i < settings.loadInteractions && performance.now() - start >= i * interval) {
          const question = questions[(i * 7 + round) % questions.length];
          records.push(
            standin.sendInteraction({ command: 'ask', options: { question }, user: users[i % users.length] }),
          );
          i++;
        }
        await sleep(1);
      }
      const issuedOverMs = performance.now() - start;
      await Promise.allSettled(records.map((record) => record.reply(5000)));
      const completedOverMs = Math.max(...records.map((r) => (r.firstReply?.at ?? performance.now()) - start));
      loopDelay.disable();
      await sleep(300); // time for any duplicate reply to arrive and be counted
      const counts = tally(records, 3000);
      for (const record of records) standin.forget(record);
      rounds.push({
        interactions: records.length,
        users: users.length,
        issuedOverMs: Math.round(issuedOverMs),
        completedOverMs: Math.round(completedOverMs),
        ...counts,
        eventLoopDelayMaxMs: Math.round(loopDelay.max / 1e5) / 10,
        memoryAfter: memory(),
      });
    }

    const latency = distribution(latencies);
    const firstAfter = rounds[0].memoryAfter.heapUsedMB;
    const lastAfter = rounds.at(-1)!.memoryAfter.heapUsedMB;
    return {
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage },
      latency,
      load: {
        rounds: Object.fromEntries(rounds.map((round, i) => [String(i + 1), round])),
        memoryBefore,
        heapGrowthMB: Math.round((lastAfter - firstAfter) * 10) / 10,
      },
      cooldown: `${COOLDOWN.requests} requests per ${COOLDOWN.seconds} s per user (each load user sends ${Math.ceil(settings.loadInteractions / settings.loadUsers)} per round, ${settings.loadRounds} rounds)`,
      botWarnings,
      floors: {
        latencyMedianUnder5ms: latency.medianMs < 5,
        latencyP99Under20ms: latency.p99Ms < 20,
        everyLoadAskAnsweredOnceIn3s: rounds.every((r) => r.answeredExactlyOnce === r.interactions),
      },
    };
  } finally {
    await bot.stop();
    await standin.stop();
  }
}

/**
 * The result as Markdown, for the CLI and for bench/run.ts's report. (Named so that a loader
 * looking for this module's one benchmark function by name finds runDiscordBench, not this.)
 */
export function markdownFor(result: DiscordBenchResult): string {
  const { latency, load } = result;
  const rounds = Object.values(load.rounds);
  const rows = rounds
    .map(
      (r, i) =>
        `| load round ${i + 1}: ${r.interactions} asks, ${r.users} users, issued in ${(r.issuedOverMs / 1000).toFixed(1)} s | ${r.latency.medianMs} | ${r.latency.p99Ms} | ${r.latency.maxMs} | ${r.answeredExactlyOnce}/${r.interactions} once within 3 s (${r.unanswered} missing, ${r.duplicated} duplicated, ${r.slowedDown} slowed down) | ${r.eventLoopDelayMaxMs} | ${r.memoryAfter.rssMB} MB / ${r.memoryAfter.heapUsedMB} MB |`,
    )
    .join('\n');
  return [
    `Discord path (bot + stand-in in one process; ${result.machine.cores} cores, ${result.machine.cpu}, Node ${result.machine.node}, load average ${result.machine.loadAverage} at start; cooldown ${result.cooldown})`,
    '',
    '| measurement | median ms | p99 ms | max ms | answered | event loop blocked, max ms | RSS / heap after |',
    '|---|---|---|---|---|---|---|',
    `| dispatch to reply, ${latency.count} /ask one at a time | ${latency.medianMs} | ${latency.p99Ms} | ${latency.maxMs} | | | |`,
    rows,
    '',
    `Memory before load: RSS ${load.memoryBefore.rssMB} MB, heap ${load.memoryBefore.heapUsedMB} MB; heap growth from round 1 to round ${rounds.length}: ${load.heapGrowthMB} MB. Bot warnings/errors logged: ${result.botWarnings}.`,
    `Floors: median < 5 ms ${result.floors.latencyMedianUnder5ms ? 'met' : 'MISSED'}, p99 < 20 ms ${result.floors.latencyP99Under20ms ? 'met' : 'MISSED'}, every load /ask answered once within 3 s ${result.floors.everyLoadAskAnsweredOnceIn3s ? 'met' : 'MISSED'}.`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  const result = await runDiscordBench(quick ? QUICK : DEFAULTS);
  process.stdout.write(
    process.argv.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : `${markdownFor(result)}\n`,
  );
  const met = Object.values(result.floors).every(Boolean);
  process.exitCode = met ? 0 : 1;
}
