// Nothing lost, nothing half-done: the built bot (`node dist/src/main.js`) with its SQLite file,
// killed with SIGKILL before, during and after an upload, then started again. After each restart
// the server has either the whole story (text byte for byte, every paragraph, askable) or none
// of it, and the database passes SQLite's integrity check.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { deployCommands } from '../../src/deploy-commands.js';
import { DiscordStandIn, MANAGE_GUILD, type User } from '../support/discord-standin.js';
import { visibleText } from '../support/wire.js';
import { MAIN, ROOT, run, type Child } from '../support/child.js';

let standin: DiscordStandIn;
let workdir: string;
const children: Child[] = [];
let users = 0;

/** A long story (about 400 KB), so an upload takes long enough to be killed in the middle. */
const LONG = [
  '# The long harbour report',
  ...Array.from(
    { length: 2500 },
    (_, i) =>
      `Paragraph ${i + 1} of the harbour report says the quay number ${i + 1} was rebuilt by crew ${(i * 7) % 13} at a cost of ${1000 + i} pounds, after the storm of the previous winter.`,
  ),
].join('\n\n');
const SHORT =
  '# Lighthouse keeper retires\n\nThe keeper of Skerry lighthouse, Morag Tulloch, retired after 31 years.\n\nShe kept the light through 14 named storms.';

function admin(): User {
  return standin.addUser(`admin${++users}`, { grant: { guild: standin.world.guild, permissions: MANAGE_GUILD } });
}

function dbPath(name: string): string {
  return join(workdir, name, 'storybot.sqlite');
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
    },
    workdir,
  );
  children.push(child);
  await child.waitForOutput(/Logged in/, 30_000);
  return child;
}

async function kill(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  const { signal } = await child.exited;
  expect(signal).toBe('SIGKILL');
}

/** What the database holds for the guild, checked for consistency. */
function stored(
  database: string,
): Array<{ title: string; body: string; paragraphs: number; sha256: string; size_bytes: number }> {
  const db = new Database(database);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db
      .prepare('SELECT title, body, paragraphs, sha256, size_bytes FROM stories WHERE guild_id = ?')
      .all(standin.guildId) as never;
  } finally {
    db.close();
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

async function listed(): Promise<string> {
  // Right after a restart (stories of 2,500 paragraphs in the database) the deferred list took over
  // 10 s once on a loaded 2-core machine; this test is about what is listed, not how fast.
  const reply = await standin.sendInteraction({ command: 'story', subcommand: 'list', user: admin() }).reply(30_000);
  return visibleText(reply.message ?? reply.body);
}

beforeAll(async () => {
  workdir = mkdtempSync(join(tmpdir(), 'storybot-sigkill-'));
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

describe('SIGKILL and restart', () => {
  it('after an upload: the story is all there after the restart, and asked', async () => {
    const database = dbPath('after');
    const bot = await startBot(database);
    const file = standin.addAttachment({ filename: 'lighthouse.md', content: SHORT });
    const reply = await standin
      .sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin() })
      .reply(10_000);
    expect(visibleText(reply.message ?? reply.body)).toMatch(/Added/);
    await kill(bot);

    const rows = stored(database);
    expect(rows).toEqual([
      {
        title: 'Lighthouse keeper retires',
        body: SHORT,
        paragraphs: 2,
        sha256: sha256(SHORT),
        size_bytes: Buffer.byteLength(SHORT),
      },
    ]);
    const again = await startBot(database);
    expect(await listed()).toMatch(/Lighthouse keeper retires/);
    const answer = await standin
      .sendInteraction({ command: 'ask', options: { question: 'How many years did the keeper serve?' }, user: admin() })
      .reply(10_000);
    expect(visibleText(answer.message!)).toMatch(/lighthouse-keeper-retires ¶1/);
    again.process.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 90_000);

  it('during an upload (the download under way): none of it after the restart', async () => {
    const database = dbPath('during');
    const bot = await startBot(database);
    const file = standin.addAttachment({ filename: 'stalled.md', content: LONG, stallAfterBytes: 1000 });
    standin.sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin() });
    await standin.waitUntil(
      () => standin.cdn.requests.some((r) => r.path.includes(file.id)),
      10_000,
      'the download to start',
    );
    await kill(bot);
    expect(stored(database)).toEqual([]);
    const again = await startBot(database);
    expect(await listed()).not.toMatch(/long harbour report/);
    await kill(again);
  }, 90_000);

  it('at any moment of a long upload: after each restart the story is whole or absent, never partial', async () => {
    const outcomes: string[] = [];
    const round = async (database: string, label: string, killAfter: number | 'reply'): Promise<number> => {
      const bot = await startBot(database);
      const content = LONG.replace('# The long harbour report', `# The long harbour report ${label}`);
      const file = standin.addAttachment({ filename: `report-${label}.md`, content });
      const sent = Date.now();
      const record = standin.sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin() });
      if (killAfter === 'reply') await record.reply(60_000);
      else await new Promise((r) => setTimeout(r, killAfter));
      const took = Date.now() - sent;
      await kill(bot);
      const row = stored(database).find((r) => r.title === `The long harbour report ${label}`);
      if (row) {
        expect(row.body).toBe(content);
        expect(row.sha256).toBe(sha256(content));
        expect(row.paragraphs).toBe(2500);
      }
      outcomes.push(`${label}: ${row ? 'whole' : 'absent'}`);
      if (killAfter === 'reply') expect(row, 'a story whose upload was confirmed').toBeDefined();
      return took;
    };
    // Every round starts from the same database (one story already in it), so each upload does
    // the same work: once to the end to learn how long that takes here, then killed at moments
    // spread over that time, the commit among them.
    const base = dbPath('any-base');
    await round(base, 'first', 'reply');
    const checkpoint = new Database(base);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    const copy = (name: string) => {
      const path = dbPath(name);
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(base, path);
      return path;
    };
    const uploadMs = await round(copy('any-calibration'), 'to the end', 'reply');
    for (const share of [0, 0.2, 0.4, 0.6, 0.75, 0.85, 0.95, 1.05, 1.2]) {
      const label = `${Math.round(share * 100)}%`;
      const database = copy(`any-${label}`);
      await round(database, label, Math.round(share * uploadMs));
      const again = await startBot(database);
      const text = await listed();
      for (const title of stored(database).map((r) => r.title)) expect(text).toContain(title);
      await kill(again);
    }
    process.stderr.write(`SIGKILL outcomes (an upload takes ${uploadMs} ms here): ${outcomes.join(', ')}\n`);
    expect(outcomes).toContain('0%: absent'); // killed before the command could even arrive
  }, 300_000);
});
