// The HTTP interactions endpoint end to end: the stand-in signs and POSTs interactions (as Discord
// does once an Interactions Endpoint URL is set) to a real endpoint, whose HTTP responses are the
// interactions' callbacks; later edits go through REST to the stand-in. Signatures are real
// Ed25519 ones: good, forged, missing, stale and replayed. Two replicas share one Postgres (or,
// where none is available, one SQLite file) and give the same answers, a story added through one
// being asked through the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlashCommandBuilder } from 'discord.js';
import { commands as shippedCommands, messageCommands } from '../../commands/index.js';
import { loadLibrary, type Library } from '../../src/answer/library.js';
import { deployCommands } from '../../src/deploy-commands.js';
import type { Command } from '../../src/discord/context.js';
import { startInteractionsEndpoint, type RunningEndpoint } from '../../src/discord/http-endpoint.js';
import { renderNotice } from '../../src/discord/render.js';
import { respond } from '../../src/discord/respond.js';
import { startServerStories, type RunningServerStories } from '../../src/server-stories/start.js';
import { DEFAULTS } from '../../src/config.js';
import {
  DiscordStandIn,
  MANAGE_GUILD,
  type Guild,
  type InteractionReply,
  type User,
} from '../support/discord-standin.js';
import { captureLogger, type CapturedLog } from '../support/harness.js';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../support/postgres.js';
import { ensureBuilt } from '../support/child.js';
import { expectCleanWire, visibleText } from '../support/wire.js';

const BRIDGE = `# Wrenfield bridge reopens

The Wrenfield bridge reopened on Monday after eighteen months of repairs costing 42 million pounds.

Engineers replaced 340 steel cables and the whole deck, said the county council.
`;

/** A command slower than the endpoint's answer window, to see the deferral and the edit. */
const slow: Command = {
  data: new SlashCommandBuilder().setName('slow').setDescription('Answers after a while'),
  async execute(interaction) {
    await new Promise((r) => setTimeout(r, 400));
    await respond(interaction, renderNotice('Done at last.'));
  },
};

let standin: DiscordStandIn;
let shipped: Library;
let log: CapturedLog;
let dir: string;
let database: TestDatabase | undefined;
const replicas: Array<{ endpoint: RunningEndpoint; stories: RunningServerStories }> = [];
let users = 0;

const member = () => standin.addUser(`member${++users}`);
const seen = (reply: InteractionReply) => visibleText(reply.message ?? reply.body);

async function startReplica(): Promise<{ endpoint: RunningEndpoint; stories: RunningServerStories }> {
  const settings = {
    ...DEFAULTS.serverStories,
    databasePath: join(dir, 'storybot.sqlite'),
    ...(database ? { databaseUrl: database.url } : {}),
  };
  const stories = await startServerStories(settings, shipped, log.logger);
  const endpoint = await startInteractionsEndpoint({
    port: 0,
    host: '127.0.0.1',
    publicKey: standin.publicKey,
    library: shipped,
    logger: log.logger,
    apiBase: standin.apiBase,
    stories: { service: stories.service, cdnBase: standin.cdnBase },
    commands: [...shippedCommands, slow],
    messageCommands,
    answerWithinMs: 200,
  });
  const replica = { endpoint, stories };
  replicas.push(replica);
  return replica;
}

beforeAll(async () => {
  ensureBuilt(); // the upload worker thread runs from dist/
  standin = await DiscordStandIn.start();
  shipped = await loadLibrary('seeds');
  log = captureLogger();
  dir = mkdtempSync(join(tmpdir(), 'storybot-http-'));
  if (testPostgresUrl()) database = await createTestDatabase();
  await deployCommands({ token: standin.token, apiBase: standin.apiBase, commands: [...shippedCommands, slow] });
  const first = await startReplica();
  await standin.useInteractionsEndpoint(first.endpoint.url);
}, 60_000);

afterAll(async () => {
  for (const { endpoint, stories } of replicas) {
    await endpoint.stop();
    await stories.stop();
  }
  await standin?.stop();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('signatures: only Discord is answered', () => {
  const ping = () =>
    JSON.stringify({
      id: `${Date.now()}${users++}`,
      application_id: standin.application.id,
      type: 1,
      token: 'x',
      version: 1,
    });

  it('a signed PING gets a PONG; the stand-in checked that before using the endpoint', async () => {
    const answer = await standin.postToEndpoint(ping());
    expect(answer).toMatchObject({ status: 200, json: { type: 1 } });
    expect(standin.interactionsEndpoint).toBe(replicas[0].endpoint.url);
  });

  it('a forged, missing or malformed signature is 401, and nothing is answered', async () => {
    const body = JSON.stringify({
      id: '1',
      type: 2,
      token: 't',
      application_id: standin.application.id,
      data: { name: 'ask', type: 1 },
    });
    const forged = await standin.postToEndpoint(body, await standin.signatureHeaders(body, { forge: true }));
    const missing = await standin.postToEndpoint(body, {});
    const onlyTimestamp = await standin.postToEndpoint(body, {
      'x-signature-timestamp': String(Math.floor(Date.now() / 1000)),
    });
    const garbage = await standin.postToEndpoint(body, { 'x-signature-ed25519': 'zz', 'x-signature-timestamp': 'now' });
    expect([forged.status, missing.status, onlyTimestamp.status, garbage.status]).toEqual([401, 401, 401, 401]);
    // A body changed after signing fails too.
    const headers = await standin.signatureHeaders(body);
    expect((await standin.postToEndpoint(body.replace('ask', 'summary'), headers)).status).toBe(401);
  });

  it('a timestamp older than 5 minutes is refused (a captured request played later)', async () => {
    const body = ping();
    const old = await standin.postToEndpoint(
      body,
      await standin.signatureHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
    );
    expect(old.status).toBe(401);
    const recent = await standin.postToEndpoint(
      body,
      await standin.signatureHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 240 }),
    );
    expect(recent.status).toBe(200);
  });

  it('the same signed request sent twice is answered once: the replay is 401', async () => {
    const body = ping();
    const headers = await standin.signatureHeaders(body);
    expect((await standin.postToEndpoint(body, headers)).status).toBe(200);
    expect((await standin.postToEndpoint(body, headers)).status).toBe(401);
    expect(replicas[0].endpoint.refused.replayed).toBeGreaterThanOrEqual(1);
  });

  it('GET /healthz answers 200 for load balancers; other paths and methods are refused', async () => {
    const base = replicas[0].endpoint.url.replace(/\/interactions$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/interactions`)).status).toBe(405);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });
});

describe('interactions answered in the HTTP response', () => {
  it('/ask: the answer is the response itself (type 4), cited, well within 3 s', async () => {
    const reply = await standin
      .sendInteraction({ command: 'ask', options: { question: 'How many US troops are in Iraq?' }, user: member() })
      .reply();
    expect(reply.via).toBe('callback');
    expect(reply.callbackType).toBe(4);
    expect(seen(reply)).toMatch(/2,500/);
    expect(seen(reply)).toMatch(/¶3/);
    expect(reply.latencyMs).toBeLessThan(2500);
    expect(standin.gateway.sessions).toHaveLength(0); // nothing went over a gateway
  });

  it('autocomplete (type 8), a button press and a message command answer the same way', async () => {
    const choices = await standin
      .sendAutocomplete({ command: 'passage', focused: 'number', options: { number: '3' }, user: member() })
      .reply();
    expect(choices.callbackType).toBe(8);
    expect((choices.body.choices as Array<{ value: number }>).map((c) => c.value)).toContain(3);
    const answer = await standin
      .sendInteraction({ command: 'ask', options: { question: 'Who visited Iraq?' }, user: member() })
      .reply();
    const button = standin.buttonsOf(answer.message!).find((id) => !id.startsWith('vote:'))!;
    const pressed = await standin.sendButton({ message: answer.message!, customId: button, user: member() }).reply();
    expect(pressed).toMatchObject({ callbackType: 4, ephemeral: true });
    expect(seen(pressed)).toMatch(/¶\d/);
    const author = member();
    const message = standin.sendMessage({ author, content: 'How many US troops are in Iraq?' });
    const viaMenu = await standin.sendMessageCommand({ command: 'Ask storybot', message, user: member() }).reply();
    expect(viaMenu.callbackType).toBe(4);
    expect(seen(viaMenu)).toMatch(/2,500/);
  });

  it('an answer not ready within the window is deferred (type 5), then edited in through REST', async () => {
    const record = standin.sendInteraction({ command: 'slow', user: member() });
    const reply = await record.reply();
    expect(record.acknowledged).toBe(5);
    expect(reply.via).toBe('edit');
    expect(seen(reply)).toContain('Done at last.');
    expect(record.rejected()).toEqual([]);
  });

  it('/story add through one replica is asked through another (shared database), and both answer alike', async () => {
    const second = await startReplica();
    const guild: Guild = standin.addGuild('Replicated');
    const admin: User = standin.addUser('admin-http', { grant: { guild, permissions: MANAGE_GUILD } });
    const file = standin.addAttachment({ filename: 'bridge.md', content: BRIDGE, channel: guild.channel });
    // Replica 2 has answered in this server before: it holds the server's library, without the story.
    standin.interactionsEndpoint = second.endpoint.url;
    const before = await standin
      .sendInteraction({
        command: 'ask',
        options: { question: 'How many steel cables were replaced?' },
        user: member(),
        guild,
      })
      .reply(10_000);
    expect(seen(before)).not.toContain('wrenfield-bridge-reopens');
    expect(second.stories.service.libraries.isLoaded(guild.id)).toBe(true);
    standin.interactionsEndpoint = replicas[0].endpoint.url; // the load balancer picks replica 1
    const added = await standin
      .sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin, guild })
      .reply(10_000);
    expect(seen(added)).toMatch(/Added \*\*Wrenfield bridge reopens\*\*/);
    // Told by the database (Postgres NOTIFY, or SQLite's data version), replica 2 drops its copy.
    await standin.waitUntil(
      () => !second.stories.service.libraries.isLoaded(guild.id),
      3000,
      'replica 2 hearing of the new story',
    );
    standin.interactionsEndpoint = second.endpoint.url; // … and replica 2 for the question
    const asked = await standin
      .sendInteraction({
        command: 'ask',
        options: { question: 'How many steel cables were replaced?' },
        user: member(),
        guild,
      })
      .reply(10_000);
    expect(seen(asked)).toContain('wrenfield-bridge-reopens ¶2');
    standin.interactionsEndpoint = replicas[0].endpoint.url;
    const again = await standin
      .sendInteraction({
        command: 'ask',
        options: { question: 'How many steel cables were replaced?' },
        user: member(),
        guild,
      })
      .reply(10_000);
    expect(seen(again)).toBe(seen(asked));
  });

  it('sent nothing Discord would refuse, and pinged nobody', () => {
    expectCleanWire(standin);
    expect(log.text()).not.toMatch(/ERROR/);
  });
});
