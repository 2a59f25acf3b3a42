// Shards in processes of their own, end to end: the built bot (`node dist/src/main.js`) with
// SHARD_COUNT=auto and SHARDS_PER_PROCESS=1 against a stand-in that requires two shards. The
// ShardingManager process asks the stand-in (DISCORD_API_BASE, not discord.com) how many shards,
// starts one process per shard, and grants their IDENTIFYs within max_concurrency. Each server's
// questions and /story changes are handled by the shard that owns it, which alone builds its library;
// DMs go to shard 0. SIGTERM stops them all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployCommands } from '../../src/deploy-commands.js';
import {
  DiscordStandIn,
  MANAGE_GUILD,
  shardOf,
  type Guild,
  type InteractionReply,
} from '../support/discord-standin.js';
import { MAIN, ROOT, ensureBuilt, lines, run, type Child } from '../support/child.js';
import { expectCleanWire, visibleText } from '../support/wire.js';

const BRIDGE = `# Wrenfield bridge reopens

The Wrenfield bridge reopened on Monday after eighteen months of repairs costing 42 million pounds.

Engineers replaced 340 steel cables and the whole deck, said the county council.
`;

let standin: DiscordStandIn;
let workdir: string;
let bot: Child;
let onZero: Guild;
let onOne: Guild;
let users = 0;

const member = () => standin.addUser(`member${++users}`);
const seen = (reply: InteractionReply) => visibleText(reply.message ?? reply.body);
/** The shard whose log says it handled this interaction ("[shard N] … Handled /ask (id …"). */
function handledBy(interactionId: string): string[] {
  return lines(bot.output())
    .filter((line) => line.includes(`(id ${interactionId},`) && line.includes('Handled'))
    .map((line) => /^\[shard (\d+)\]/.exec(line)?.[1] ?? 'manager');
}

beforeAll(async () => {
  ensureBuilt();
  // Discord's rules for a bot this size: two shards required, one IDENTIFY per 5 s.
  standin = await DiscordStandIn.start({ shards: 2, requiredShards: 2, maxConcurrency: 1 });
  onZero = standin.addGuild('On shard zero', [0, 2]);
  onOne = standin.addGuild('On shard one', [1, 2]);
  await deployCommands({ token: standin.token, apiBase: standin.apiBase });
  workdir = mkdtempSync(join(tmpdir(), 'storybot-shards-'));
  bot = run(
    MAIN,
    [],
    {
      DISCORD_TOKEN: standin.token,
      DISCORD_API_BASE: standin.apiBase,
      DISCORD_CDN_BASE: standin.cdnBase,
      DATABASE_PATH: join(workdir, 'storybot.sqlite'),
      STORY_PATH: join(ROOT, 'seeds'),
      SHARD_COUNT: 'auto',
      SHARDS_PER_PROCESS: '1',
      COOLDOWN_REQUESTS: '0',
      LOG_LEVEL: 'debug',
    },
    workdir,
  );
  await bot.waitForOutput(/All 2 shards ready/, 60_000);
}, 90_000);

afterAll(async () => {
  if (bot && bot.process.exitCode === null) {
    bot.process.kill('SIGKILL');
    await bot.exited;
  }
  await standin?.stop();
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

describe('SHARDS_PER_PROCESS=1, SHARD_COUNT=auto', () => {
  it('asks the stand-in how many shards, then one process per shard identifies [0, 2] and [1, 2], 5 s apart', async () => {
    expect(bot.output()).toMatch(
      /Sharding: 2 shards, one process each \(Discord recommends 2; 1 may identify at once\)/,
    );
    const identifies = standin.gateway.identifies.filter((i) => i.tokenValid);
    expect(identifies.map((i) => i.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(new Set(identifies.map((i) => i.connection)).size).toBe(2);
    expect(identifies[1].at - identifies[0].at).toBeGreaterThanOrEqual(4_900);
    expect(standin.gateway.identifyViolations).toEqual([]);
    await bot.waitForOutput(/\[shard 0\] .*Logged in as storybot on shard 0 of 2/);
    await bot.waitForOutput(/\[shard 1\] .*Logged in as storybot on shard 1 of 2/);
    // Two shard processes besides the manager.
    expect(shardOf(onZero.id, 2)).toBe(0);
    expect(shardOf(onOne.id, 2)).toBe(1);
  });

  it("each server's questions are answered by its own shard's process", async () => {
    const zero = standin.sendInteraction({
      command: 'ask',
      options: { question: 'How many US troops are in Iraq?' },
      user: member(),
      guild: onZero,
    });
    const one = standin.sendInteraction({
      command: 'ask',
      options: { question: 'How many US troops are in Iraq?' },
      user: member(),
      guild: onOne,
    });
    const [a, b] = await Promise.all([zero.reply(10_000), one.reply(10_000)]);
    expect(seen(a)).toMatch(/2,500/);
    expect(seen(b)).toBe(seen(a));
    await bot.waitForOutput(new RegExp(`Handled /ask \\(id ${one.id},`));
    await bot.waitForOutput(new RegExp(`Handled /ask \\(id ${zero.id},`));
    expect(handledBy(zero.id)).toEqual(['0']);
    expect(handledBy(one.id)).toEqual(['1']);
  });

  it('a DM goes to shard 0', async () => {
    const author = member();
    const message = standin.sendMessage({ author, content: 'How many US troops are in Iraq?', dm: true });
    const reply = await standin.waitForReplyTo(message, 10_000);
    expect(reply.content + visibleText(reply)).toMatch(/2,500/);
    const dmSessions = standin.gateway.sessions.filter((s) =>
      s.buffer.some((p) => p.t === 'MESSAGE_CREATE' && (p.d as { id?: string }).id === message.id),
    );
    expect(dmSessions.map((s) => s.shard[0])).toEqual([0]);
  });

  it("/story add through a server's shard reaches that same shard, which alone builds the server's library", async () => {
    const admin = standin.addUser('admin-shards', { grant: { guild: onOne, permissions: MANAGE_GUILD } });
    const file = standin.addAttachment({ filename: 'bridge.md', content: BRIDGE, channel: onOne.channel });
    const add = standin.sendInteraction({
      command: 'story',
      subcommand: 'add',
      options: { file },
      user: admin,
      guild: onOne,
    });
    expect(seen(await add.reply(15_000))).toMatch(/Added \*\*Wrenfield bridge reopens\*\*/);
    const ask = standin.sendInteraction({
      command: 'ask',
      options: { question: 'How many steel cables were replaced?' },
      user: member(),
      guild: onOne,
    });
    expect(seen(await ask.reply(10_000))).toContain('wrenfield-bridge-reopens ¶2');
    await bot.waitForOutput(new RegExp(`Handled /ask \\(id ${ask.id},`));
    await bot.waitForOutput(new RegExp(`Handled /story \\(id ${add.id},`));
    expect(handledBy(add.id)).toEqual(['1']);
    expect(handledBy(ask.id)).toEqual(['1']);
    // The other server is untouched by it, and only shard 1 ever built server one's library.
    const elsewhere = await standin
      .sendInteraction({
        command: 'ask',
        options: { question: 'How many steel cables were replaced?' },
        user: member(),
        guild: onZero,
      })
      .reply(10_000);
    expect(seen(elsewhere)).not.toContain('wrenfield');
    const builds = lines(bot.output()).filter((line) => line.includes(`Built the library of server ${onOne.id}`));
    expect(builds.length).toBeGreaterThan(0);
    expect(builds.every((line) => line.startsWith('[shard 1]'))).toBe(true);
    expect(
      lines(bot.output())
        .filter((line) => line.includes(`Built the library of server ${onZero.id}`))
        .every((line) => line.startsWith('[shard 0]')),
    ).toBe(true);
  });

  it('sent nothing Discord would refuse; SIGTERM stops the manager and every shard, exit 0', async () => {
    expectCleanWire(standin);
    expect(bot.output()).not.toMatch(/ERROR/);
    bot.process.kill('SIGTERM');
    const exit = await bot.exited;
    expect(exit.code).toBe(0);
    await standin.waitUntil(() => standin.gateway.liveSessions() === 0, 10_000, 'every shard logged out');
    expect(
      lines(bot.output()).filter((line) => /\] .*Stopped$/.test(line) || /^\S+ INFO Stopped$/.test(line)).length,
    ).toBeGreaterThanOrEqual(1);
  });
});
