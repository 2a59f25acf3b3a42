// The stand-in serves several shards, proved against the real discord.js client with no bot code
// in between: GET /gateway/bot recommends a count, IDENTIFY carries `shard: [id, n]`, each server's
// events (and interactions) reach only its shard ((guild_id >> 22) % n), DMs shard 0, and IDENTIFYs
// must keep to max_concurrency (one per bucket per 5 s) or the session is invalidated.
import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type Message } from 'discord.js';
import { DiscordStandIn, shardOf } from '../support/discord-standin.js';

let standin: DiscordStandIn | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await standin?.stop();
  standin = undefined;
});

function client(options: { shards?: number[] | 'auto'; shardCount?: number } = {}): Client {
  const made = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: standin!.apiBase },
    ...options,
  });
  clients.push(made);
  return made;
}

async function login(made: Client): Promise<void> {
  const ready = once(made, Events.ClientReady);
  await made.login(standin!.token);
  await ready;
}

describe('stand-in: shards', () => {
  it('recommends 2 shards; discord.js with shards "auto" runs both in one process; each server is on its own shard', async () => {
    standin = await DiscordStandIn.start({ shards: 2, maxConcurrency: 2, requiredShards: 2 });
    const first = standin.addGuild('On shard 0', [0, 2]);
    const second = standin.addGuild('On shard 1', [1, 2]);
    expect([shardOf(first.id, 2), shardOf(second.id, 2)]).toEqual([0, 1]);
    const bot = client({ shards: 'auto' });
    await login(bot);
    expect(standin.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.guilds.cache.get(first.id)?.shardId).toBe(0);
    expect(bot.guilds.cache.get(second.id)?.shardId).toBe(1);
    // A message in each server arrives once, on the server's shard; a DM on shard 0.
    const seen: Array<[string, number]> = [];
    bot.on(Events.MessageCreate, (message: Message) => seen.push([message.content, message.guild?.shardId ?? -1]));
    const author = standin.addUser('author');
    standin.sendMessage({ author, content: `${standin.botMention} zero`, guild: first });
    standin.sendMessage({ author, content: `${standin.botMention} one`, guild: second });
    standin.sendMessage({ author, content: 'in a DM', dm: true });
    await standin.waitUntil(() => seen.length === 3, 5000, 'three messages');
    expect(seen.slice(0, 2).sort()).toEqual([
      [`${standin.botMention} one`, 1],
      [`${standin.botMention} zero`, 0],
    ]);
    const dms = Object.fromEntries(
      standin.gateway.sessions.map((s) => [
        s.shard[0],
        s.buffer.filter((p) => p.t === 'MESSAGE_CREATE' && !(p.d as { guild_id?: string }).guild_id).length,
      ]),
    );
    expect(dms).toEqual({ 0: 1, 1: 0 }); // the DM went to shard 0 only
    expect(standin.gateway.identifyViolations).toEqual([]);
  });

  it('a bot that does not shard when Discord requires it is refused (4011)', async () => {
    standin = await DiscordStandIn.start({ shards: 2, requiredShards: 2 });
    const bot = client({ shards: [0], shardCount: 1 });
    await expect(bot.login(standin.token)).rejects.toThrow();
    await standin.waitUntil(() => standin!.gateway.closes.some((c) => c.code === 4011), 5000, 'a 4011 close');
  });

  it('IDENTIFYs keep to max_concurrency: discord.js waits 5 s per bucket; two processes identifying at once are caught', async () => {
    standin = await DiscordStandIn.start({ shards: 2, maxConcurrency: 1 });
    standin.addGuild('On shard 1', [1, 2]);
    const together = client({ shards: 'auto' });
    await login(together);
    const [a, b] = standin.gateway.identifies.map((i) => i.at);
    expect(b - a).toBeGreaterThanOrEqual(4_900);
    expect(standin.gateway.identifyViolations).toEqual([]);
    await together.destroy();
    // Two separate clients (as two processes would be) that do not coordinate: the second is too early.
    const zero = client({ shards: [0], shardCount: 2 });
    const one = client({ shards: [1], shardCount: 2 });
    await Promise.all([zero.login(standin.token), one.login(standin.token)]).catch(() => undefined);
    await standin.waitUntil(() => standin!.gateway.identifyViolations.length > 0, 8000, 'an identify violation');
    expect(standin.gateway.identifyViolations[0].sinceLastMs).toBeLessThan(5000);
  }, 30_000);
});
