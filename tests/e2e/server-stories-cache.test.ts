// A server's library through the index cache, through the real path: the built bot
// (`node dist/src/main.js`) against the Discord stand-in, with its SQLite file and the default
// INDEX_CACHE_DIR beside it. A story added over /story add is asked; after a restart the server's
// library is read from its cache file (the log says so, the file is not rewritten) and answers
// the same, byte for byte.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployCommands } from '../../src/deploy-commands.js';
import { DiscordStandIn, MANAGE_GUILD, type User } from '../support/discord-standin.js';
import { visibleText } from '../support/wire.js';
import { MAIN, ROOT, run, type Child } from '../support/child.js';

let standin: DiscordStandIn;
let workdir: string;
const children: Child[] = [];
let users = 0;

const STORY = [
  '# Lighthouse keeper retires',
  'The keeper of Skerry lighthouse, Morag Tulloch, retired after 31 years.',
  'She kept the light through 14 named storms, and logged 2,300 ships passing the rocks.',
  'The lighthouse board will run the light automatically from March.',
].join('\n\n');

function admin(): User {
  return standin.addUser(`cacheadmin${++users}`, {
    grant: { guild: standin.world.guild, permissions: MANAGE_GUILD },
  });
}

async function startBot(database: string): Promise<Child> {
  const child = run(
    MAIN,
    [],
    {
      DISCORD_TOKEN: standin.token,
      DISCORD_API_BASE: standin.apiBase,
      DISCORD_CDN_BASE: standin.cdnBase,
      DATABASE_PATH: database,
      STORY_PATH: join(ROOT, 'seeds'),
      COOLDOWN_REQUESTS: '0',
      LOG_LEVEL: 'debug',
    },
    workdir,
  );
  children.push(child);
  await child.waitForOutput(/Logged in/, 30_000);
  return child;
}

async function ask(question: string): Promise<string> {
  const reply = await standin.sendInteraction({ command: 'ask', options: { question }, user: admin() }).reply(20_000);
  return visibleText(reply.message ?? reply.body);
}

beforeAll(async () => {
  workdir = mkdtempSync(join(tmpdir(), 'storybot-server-cache-'));
  standin = await DiscordStandIn.start();
  await deployCommands({ token: standin.token, guildId: standin.guildId, apiBase: standin.apiBase });
}, 120_000);

afterEach(() => {
  for (const child of children.splice(0))
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
});

afterAll(async () => {
  await standin?.stop();
  rmSync(workdir, { recursive: true, force: true });
});

describe("a server's library and the index cache", () => {
  it('is written after /story add, read after a restart, and answers the same', async () => {
    const database = join(workdir, 'data', 'storybot.sqlite');
    const cacheFile = join(workdir, 'data', 'index-cache', `server-${standin.guildId}.sbindex`);
    const questions = [
      'How many years did the keeper serve?',
      'How many ships passed the rocks?',
      'Who is the keeper of Skerry lighthouse?',
    ];

    const bot = await startBot(database);
    const file = standin.addAttachment({ filename: 'lighthouse.md', content: STORY });
    const added = await standin
      .sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin() })
      .reply(20_000);
    expect(visibleText(added.message ?? added.body)).toMatch(/Added/);
    await bot.waitForOutput(/Index cache written \([^)]*none yet\): \S*server-\d+\.sbindex/, 20_000);
    expect(existsSync(cacheFile)).toBe(true);
    const before: string[] = [];
    for (const q of questions) before.push(await ask(q));
    expect(before[0]).toMatch(/lighthouse-keeper-retires ¶1/);
    bot.process.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    const written = statSync(cacheFile).mtimeMs;

    const again = await startBot(database);
    const after: string[] = [];
    for (const q of questions) after.push(await ask(q));
    expect(again.output()).toMatch(/Index loaded from the cache \([^)]*\): \S*server-\d+\.sbindex/);
    expect(again.output()).not.toMatch(/Index cache written \([^)]*\): \S*server-/);
    expect(after).toEqual(before);
    expect(statSync(cacheFile).mtimeMs).toBe(written);

    // The server's last story removed: its cache file goes.
    const removed = await standin
      .sendInteraction({
        command: 'story',
        subcommand: 'remove',
        options: { story: 'lighthouse-keeper-retires' },
        user: admin(),
      })
      .reply(20_000);
    expect(visibleText(removed.message ?? removed.body)).toMatch(/Removed/);
    expect(existsSync(cacheFile)).toBe(false);
    again.process.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 120_000);
});
