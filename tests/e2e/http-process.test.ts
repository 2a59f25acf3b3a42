// The HTTP endpoint as an admin runs it: the built bot (`node dist/src/main.js`) with
// INTERACTIONS_PORT and DISCORD_PUBLIC_KEY. Two replicas without a token share one database
// (Postgres through DATABASE_URL where the tests have one, else one SQLite file) behind a "load
// balancer" (the stand-in alternating between them); a third process runs the gateway and the
// endpoint together, mentions and DMs arriving over the gateway. SIGTERM stops each with exit 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployCommands } from '../../src/deploy-commands.js';
import { DiscordStandIn, MANAGE_GUILD, type InteractionReply } from '../support/discord-standin.js';
import { MAIN, ROOT, ensureBuilt, run, type Child } from '../support/child.js';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../support/postgres.js';
import { expectCleanWire, visibleText } from '../support/wire.js';

const BRIDGE = `# Wrenfield bridge reopens

The Wrenfield bridge reopened on Monday after eighteen months of repairs costing 42 million pounds.

Engineers replaced 340 steel cables and the whole deck, said the county council.
`;

let standin: DiscordStandIn;
let workdir: string;
let database: TestDatabase | undefined;
const children: Child[] = [];
let users = 0;
const member = () => standin.addUser(`member${++users}`);
const seen = (reply: InteractionReply) => visibleText(reply.message ?? reply.body);

function env(extra: Record<string, string>): Record<string, string> {
  return {
    DISCORD_API_BASE: standin.apiBase,
    DISCORD_CDN_BASE: standin.cdnBase,
    DISCORD_PUBLIC_KEY: standin.publicKey,
    INTERACTIONS_PORT: '0',
    INTERACTIONS_HOST: '127.0.0.1',
    STORY_PATH: join(ROOT, 'seeds'),
    DATABASE_PATH: join(workdir, 'storybot.sqlite'),
    ...(database ? { DATABASE_URL: database.url } : {}),
    COOLDOWN_REQUESTS: '0',
    ...extra,
  };
}

async function start(extra: Record<string, string> = {}): Promise<{ child: Child; url: string }> {
  const child = run(MAIN, [], env(extra), workdir);
  children.push(child);
  await child.waitForOutput(/Answering Discord interactions at (\S+)/, 30_000);
  await child.waitForOutput(/Server stories kept in/, 30_000);
  const url = /Answering Discord interactions at (\S+)/.exec(child.output())![1];
  return { child, url };
}

beforeAll(async () => {
  ensureBuilt();
  standin = await DiscordStandIn.start();
  await deployCommands({ token: standin.token, apiBase: standin.apiBase });
  workdir = mkdtempSync(join(tmpdir(), 'storybot-http-process-'));
  if (testPostgresUrl()) database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await standin?.stop();
  await database?.drop();
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

describe('HTTP replicas (no token) sharing one database', () => {
  it('two replicas answer alike; a story added through one is asked through the other; SIGTERM exits 0', async () => {
    const one = await start();
    const two = await start();
    expect(one.child.output()).toContain(
      database ? 'Server stories kept in postgres at postgres://postgres@' : 'Server stories kept in sqlite',
    );
    expect(one.child.output()).not.toMatch(/DISCORD_TOKEN is not set/);
    await standin.useInteractionsEndpoint(one.url);
    expect((await fetch(two.url.replace(/interactions$/, 'healthz'))).status).toBe(200);

    const guild = standin.addGuild('Replicated');
    const question = 'How many steel cables were replaced?';
    standin.interactionsEndpoint = two.url;
    expect(
      seen(await standin.sendInteraction({ command: 'ask', options: { question }, user: member(), guild }).reply()),
    ).not.toContain('wrenfield');
    standin.interactionsEndpoint = one.url;
    const admin = standin.addUser('admin-replicas', { grant: { guild, permissions: MANAGE_GUILD } });
    const file = standin.addAttachment({ filename: 'bridge.md', content: BRIDGE, channel: guild.channel });
    expect(
      seen(
        await standin
          .sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin, guild })
          .reply(15_000),
      ),
    ).toMatch(/Added \*\*Wrenfield/);
    standin.interactionsEndpoint = two.url;
    let answer = '';
    // Replica two hears of the change from the database (NOTIFY, or SQLite's data version every 250 ms).
    for (let i = 0; i < 40 && !answer.includes('wrenfield-bridge-reopens ¶2'); i++) {
      answer = seen(
        await standin.sendInteraction({ command: 'ask', options: { question }, user: member(), guild }).reply(),
      );
      if (!answer.includes('wrenfield')) await new Promise((r) => setTimeout(r, 50));
    }
    expect(answer).toContain('wrenfield-bridge-reopens ¶2');
    for (const { child } of [one, two]) {
      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
    }
    expectCleanWire(standin);
  });
});

describe('gateway and HTTP endpoint in one process', () => {
  it('interactions come over HTTP, mentions and DMs over the gateway', async () => {
    const both = await start({ DISCORD_TOKEN: standin.token });
    await both.child.waitForOutput(/Logged in as/, 30_000);
    await standin.useInteractionsEndpoint(both.url);
    const slash = await standin
      .sendInteraction({ command: 'ask', options: { question: 'How many US troops are in Iraq?' }, user: member() })
      .reply();
    expect(slash.callbackType).toBe(4);
    expect(seen(slash)).toMatch(/2,500/);
    const mention = standin.sendMessage({
      author: member(),
      content: `${standin.botMention} how many US troops are in Iraq?`,
    });
    expect(visibleText(await standin.waitForReplyTo(mention))).toMatch(/2,500/);
    const dm = standin.sendMessage({ author: member(), content: 'how many US troops are in Iraq?', dm: true });
    expect(visibleText(await standin.waitForReplyTo(dm))).toMatch(/2,500/);
    both.child.process.kill('SIGTERM');
    expect((await both.child.exited).code).toBe(0);
    expect(both.child.output()).not.toContain(standin.token);
    expectCleanWire(standin);
  });

  it('INTERACTIONS_PORT without DISCORD_PUBLIC_KEY is one line naming it, exit 1', async () => {
    const child = run(MAIN, [], { ...env({}), DISCORD_PUBLIC_KEY: '' }, workdir);
    children.push(child);
    const { code } = await child.exited;
    expect(code).toBe(1);
    expect(child.output().trim().split('\n')).toEqual([expect.stringMatching(/^DISCORD_PUBLIC_KEY is not set/)]);
  });
});
