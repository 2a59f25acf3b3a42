// SHARD_COUNT=auto with every shard in one process (SHARDS_PER_PROCESS=all, the default): the real
// bot asks the stand-in, which requires two shards, and runs both; each server is answered.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commands, messageCommands } from '../../commands/index.js';
import { loadLibrary } from '../../src/answer/library.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/deploy-commands.js';
import { gatewayClientOptions } from '../../src/scale/process.js';
import { DiscordStandIn, type Guild } from '../support/discord-standin.js';
import { captureLogger } from '../support/harness.js';
import { visibleText } from '../support/wire.js';

let standin: DiscordStandIn;
let bot: RunningBot;
let guilds: Guild[];
const log = captureLogger();

beforeAll(async () => {
  standin = await DiscordStandIn.start({ shards: 2, requiredShards: 2, maxConcurrency: 2 });
  guilds = [standin.addGuild('Zero', [0, 2]), standin.addGuild('One', [1, 2])];
  await deployCommands({ token: standin.token, apiBase: standin.apiBase });
  bot = await startBot({
    commands,
    messageCommands,
    token: standin.token,
    apiBase: standin.apiBase,
    library: await loadLibrary('seeds'),
    logger: log.logger,
    gateway: gatewayClientOptions({ count: 'auto', perProcess: 'all' }, {}),
  });
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await standin?.stop();
});

it('runs the two shards Discord asks for in this one process and answers in servers on both', async () => {
  expect(standin.gateway.identifies.map((i) => i.shard).sort()).toEqual([
    [0, 2],
    [1, 2],
  ]);
  expect(standin.gateway.identifyViolations).toEqual([]);
  expect(log.text()).toMatch(/Logged in as storybot on shards 0, 1 of 2/);
  for (const guild of guilds) {
    const reply = await standin
      .sendInteraction({
        command: 'ask',
        options: { question: 'How many US troops are in Iraq?' },
        user: standin.addUser(`m${guild.id}`),
        guild,
      })
      .reply();
    expect(visibleText(reply.message ?? reply.body)).toMatch(/2,500/);
    expect(bot.client.guilds.cache.get(guild.id)?.shardId).toBe(guilds.indexOf(guild));
  }
});
