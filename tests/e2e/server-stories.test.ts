// Issue 12 end to end: the real bot (discord.js) against the stand-in with two servers, a loopback
// CDN and a real SQLite database. An admin uploads, lists, removes and reads the gaps; members ask,
// vote and use "Ask storybot"; every refusal is one private line that changes nothing; and a
// server's story never reaches another server or a DM, however it is asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../src/answer/library.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/deploy-commands.js';
import { ServerStories } from '../../src/server-stories/service.js';
import { WorkerWorkshop } from '../../src/server-stories/worker-workshop.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import {
  DiscordStandIn,
  MANAGE_GUILD,
  type Attachment,
  type Guild,
  type InteractionReply,
  type Json,
  type Message,
  type User,
} from '../support/discord-standin.js';
import { captureLogger, leakedSpellings, type CapturedLog } from '../support/harness.js';
import { citedParagraphs, expectCleanWire, visibleText } from '../support/wire.js';
import { commands, messageCommands } from '../../commands/index.js';

const BRIDGE = `# Wrenfield bridge reopens

The Wrenfield bridge reopened on Monday after eighteen months of repairs costing 42 million pounds.

Engineers replaced 340 steel cables and the whole deck, said the county council.

The mayor, Harriet Quayle, cut the ribbon at nine in the morning.
`;
const BRIDGE_SLUG = 'wrenfield-bridge-reopens';
const CABLES = 'How many steel cables were replaced?';

const FERRY = `Harbour ferry strike ends

Ferry crews in Portmere voted to end their strike after a pay offer of 6 percent.

Services resume on Thursday, the operator Bluewake said.
`;

const MAX_PER_SERVER = 4;
const MAX_BYTES = 64 * 1024;

let standin: DiscordStandIn;
let bot: RunningBot;
let store: SqliteStore;
let service: ServerStories;
let workshop: WorkerWorkshop;
let shipped: Library;
let log: CapturedLog;
let dir: string;
let guildA: Guild;
let guildB: Guild;
let users = 0;

function member(): User {
  return standin.addUser(`member${++users}`);
}
function adminOf(guild: Guild): User {
  return standin.addUser(`admin${++users}`, { grant: { guild, permissions: MANAGE_GUILD } });
}

/** Text without Markdown escapes, bold or code marks: what a reader sees. */
function plain(text: string): string {
  return text
    .replace(/(?<!\\)(\*\*|`)/g, '')
    .replace(/\\([\\`*_~|>#\-\[\]().!])/g, '$1')
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ');
}
const seen = (reply: InteractionReply) => plain(visibleText(reply.message ?? reply.body));

function upload(admin: User, guild: Guild, attachment: Attachment, title?: string) {
  return standin.sendInteraction({
    command: 'story',
    subcommand: 'add',
    options: { file: attachment, ...(title ? { title } : {}) },
    user: admin,
    guild,
  });
}
function attach(
  filename: string,
  content: string | Uint8Array,
  guild: Guild = guildA,
  extra: Partial<Parameters<DiscordStandIn['addAttachment']>[0]> = {},
): Attachment {
  return standin.addAttachment({ filename, content, channel: guild.channel, ...extra });
}
async function ask(
  question: string,
  guild: Guild | 'dm',
  options: Record<string, string | boolean> = {},
): Promise<InteractionReply> {
  const where = guild === 'dm' ? { dm: true } : { guild };
  return standin
    .sendInteraction({ command: 'ask', options: { question, ...options }, user: member(), ...where })
    .reply();
}
async function storyList(guild: Guild): Promise<string> {
  return seen(
    await standin.sendInteraction({ command: 'story', subcommand: 'list', user: adminOf(guild), guild }).reply(),
  );
}

beforeAll(async () => {
  standin = await DiscordStandIn.start();
  guildA = standin.world.guild;
  guildB = standin.addGuild('Second Server');
  // Global commands: both servers and DMs see them, as after a release deploy.
  await deployCommands({ token: standin.token, apiBase: standin.apiBase });
  dir = mkdtempSync(join(tmpdir(), 'storybot-stories-e2e-'));
  store = await SqliteStore.open(join(dir, 'storybot.sqlite'));
  shipped = await loadLibrary('seeds');
  // As the running bot does (src/server-stories/start.ts): uploads read and indexed on a worker thread.
  workshop = new WorkerWorkshop(shipped);
  service = new ServerStories(
    store,
    shipped,
    { maxBytes: MAX_BYTES, maxPerServer: MAX_PER_SERVER, retentionDays: 30 },
    { workshop },
  );
  log = captureLogger();
  bot = await startBot({
    commands,
    messageCommands,
    token: standin.token,
    library: shipped,
    apiBase: standin.apiBase,
    logger: log.logger,
    stories: { service, cdnBase: standin.cdnBase, downloadTimeoutMs: 1500 },
  });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await workshop?.close();
  await standin?.stop();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an admin adds a story; members ask it in that server', () => {
  it('/story add: ephemeral reply with the title and paragraph count; downloaded once from the CDN', async () => {
    const admin = adminOf(guildA);
    const file = attach('bridge.md', BRIDGE);
    const reply = await upload(admin, guildA, file).reply(10_000);
    expect(reply.ephemeral).toBe(true);
    expect(seen(reply)).toMatch(/Added Wrenfield bridge reopens .*wrenfield-bridge-reopens.*: 3 paragraphs/);
    expect(standin.cdn.requests.filter((r) => r.path.includes(file.id))).toEqual([
      expect.objectContaining({ status: 200 }),
    ]);
    expect((await store.listStories(guildA.id)).map((s) => [s.slug, s.addedBy, s.paragraphs])).toEqual([
      [BRIDGE_SLUG, admin.id, 3],
    ]);
  });

  it('is asked at once in the server: /ask cites its paragraph, and the story option autocompletes it', async () => {
    const reply = await ask(CABLES, guildA);
    expect(seen(reply)).toContain(`${BRIDGE_SLUG} ¶2`);
    expect(seen(reply)).toContain('340 steel cables');
    const choices = await standin
      .sendAutocomplete({
        command: 'ask',
        focused: 'story',
        options: { question: 'x', story: 'wren' },
        user: member(),
        guild: guildA,
      })
      .reply();
    expect((choices.body.choices as Json[]).map((c) => c.value)).toEqual([BRIDGE_SLUG]);
    const scoped = await ask(CABLES, guildA, { story: 'Wrenfield bridge reopens' });
    expect(citedParagraphs(seen(scoped))).toContain(2);
  });

  it("/story list shows the server's stories, then the shipped ones, with paragraphs, who and when", async () => {
    const text = await storyList(guildA);
    expect(text).toMatch(/This server's stories \(1 of 4\)/);
    expect(text).toMatch(
      new RegExp(`Wrenfield bridge reopens \\(${BRIDGE_SLUG}\\) · 3 paragraphs · added by <@\\d+> <t:\\d+:R>`),
    );
    expect(text.indexOf('Wrenfield')).toBeLessThan(text.indexOf(shipped.stories[0].title));
    expect(text).toMatch(/Shipped with the bot/);
  });

  it('"Ask storybot" on a message answers its text in the channel, quoting it, without Message Content', async () => {
    const author = member();
    const message = standin.sendMessage({ author, content: CABLES, guild: guildA });
    const reply = await standin.sendMessageCommand({ command: 'Ask storybot', message, user: member() }).reply();
    expect(reply.ephemeral).toBe(false);
    const text = seen(reply);
    expect(text).toContain(`Q: ${CABLES}`);
    expect(text).toContain(`${BRIDGE_SLUG} ¶2`);
    const empty = standin.sendMessage({ author, content: '', guild: guildA });
    const refusal = await standin
      .sendMessageCommand({ command: 'Ask storybot', message: empty, user: member() })
      .reply();
    expect(refusal.ephemeral).toBe(true);
    expect(seen(refusal)).toMatch(/no text to ask about/);
  });

  it('a mention in the server is answered from its stories', async () => {
    const message = standin.sendMessage({
      author: member(),
      content: `${standin.botMention} ${CABLES}`,
      guild: guildA,
    });
    const reply = await standin.waitForReplyTo(message);
    expect(plain(visibleText(reply))).toContain(`${BRIDGE_SLUG} ¶2`);
  });
});

describe("isolation: server A's story never reaches server B or a DM", () => {
  const guessed = [BRIDGE_SLUG, 'Wrenfield bridge reopens', 'WRENFIELD-BRIDGE-REOPENS'];
  const leaks = (text: string) => /wrenfield|340 steel|quayle/i.test(text);

  it('/ask in B and in DMs: the same question is not answered from it, and naming it gets "no such story"', async () => {
    for (const where of [guildB, 'dm'] as const) {
      const reply = await ask(CABLES, where);
      expect(leaks(seen(reply)), seen(reply)).toBe(false);
      for (const name of guessed) {
        const named = await ask(CABLES, where, { story: name });
        expect(seen(named)).toMatch(/don't know a story called/);
        expect(leaks(seen(named).replace(/called .*? Loaded/, 'called Loaded'))).toBe(false);
      }
    }
  });

  it('autocomplete, /summary, /passage, /help and mentions in B and DMs never show it', async () => {
    for (const where of [{ guild: guildB }, { dm: true }]) {
      for (const typed of ['', 'wren', 'bridge']) {
        const choices = await standin
          .sendAutocomplete({
            command: 'ask',
            focused: 'story',
            options: { question: 'x', story: typed },
            user: member(),
            ...where,
          })
          .reply();
        expect(JSON.stringify(choices.body.choices)).not.toMatch(/wrenfield/i);
      }
      const summary = await standin
        .sendInteraction({ command: 'summary', options: { story: BRIDGE_SLUG }, user: member(), ...where })
        .reply();
      expect(leaks(seen(summary).replace(/called .*? Loaded/, ''))).toBe(false);
      const passage = await standin
        .sendInteraction({ command: 'passage', options: { number: 2, story: BRIDGE_SLUG }, user: member(), ...where })
        .reply();
      expect(seen(passage)).toMatch(/don't know a story called/);
      const help = await standin.sendInteraction({ command: 'help', user: member(), ...where }).reply();
      expect(leaks(seen(help))).toBe(false);
    }
    const mention = standin.sendMessage({
      author: member(),
      content: `${standin.botMention} ${CABLES}`,
      guild: guildB,
    });
    expect(leaks(plain(visibleText(await standin.waitForReplyTo(mention))))).toBe(false);
    const dm = standin.sendMessage({ author: member(), content: `Wrenfield bridge: ${CABLES}`, dm: true });
    expect(leaks(plain(visibleText(await standin.waitForReplyTo(dm))).replace(/Q: .*/, ''))).toBe(false);
  });

  it("buttons made for A's story, pressed in B, show nothing of it", async () => {
    for (const customId of [`para:${BRIDGE_SLUG}:2`, `more:${BRIDGE_SLUG}:0:${CABLES}`]) {
      // A forged message in B carrying a button the bot made in A.
      const message = standin.world.createMessage({
        channelId: guildB.channel.id,
        author: standin.bot,
        content: 'forged',
        components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: customId }] }],
      });
      const reply = await standin.sendButton({ message, customId, user: member() }).reply();
      expect(leaks(seen(reply).replace(/called .*? Loaded/, '')), seen(reply)).toBe(false);
    }
  });

  it('/story list, remove, gaps and the remove autocomplete in B know nothing of it', async () => {
    const list = await storyList(guildB);
    expect(leaks(list)).toBe(false);
    expect(list).toMatch(/This server's stories \(0 of 4\)/);
    const admin = adminOf(guildB);
    for (const name of guessed) {
      const removed = await standin
        .sendInteraction({
          command: 'story',
          subcommand: 'remove',
          options: { story: name },
          user: admin,
          guild: guildB,
        })
        .reply();
      expect(seen(removed)).toMatch(/no story called/);
    }
    const choices = await standin
      .sendAutocomplete({
        command: 'story',
        subcommand: 'remove',
        focused: 'story',
        options: { story: '' },
        user: adminOf(guildB),
        guild: guildB,
      })
      .reply();
    expect(choices.body.choices).toEqual([]);
    expect(await store.listStories(guildA.id)).toHaveLength(1); // still there
    // A question asked only in A is in A's gaps, never in B's.
    await ask('What colour is the paint on the new deck?', guildA);
    const gapsA = await standin
      .sendInteraction({ command: 'story', subcommand: 'gaps', user: adminOf(guildA), guild: guildA })
      .reply();
    expect(seen(gapsA)).toMatch(/colour is the paint/);
    const gapsB = await standin
      .sendInteraction({ command: 'story', subcommand: 'gaps', user: adminOf(guildB), guild: guildB })
      .reply();
    expect(seen(gapsB)).not.toMatch(/colour is the paint/);
  });

  it('a vote button of an answer in A, pressed in B, is not counted', async () => {
    const answer = await ask(CABLES, guildA);
    const down = standin.buttonsOf(answer.message!).find((id) => id.startsWith('vote:down:'))!;
    const message = standin.world.createMessage({
      channelId: guildB.channel.id,
      author: standin.bot,
      content: 'forged',
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: down }] }],
    });
    const reply = await standin.sendButton({ message, customId: down, user: member() }).reply();
    expect(seen(reply)).toMatch(/too old to vote/);
    expect((await store.gaps(guildA.id, 0, 50)).downvoted).toEqual([]);
  });
});

describe('refusals: one private line each, and nothing changes', () => {
  async function refused(attachment: Attachment, problem: RegExp, title?: string): Promise<void> {
    const before = await store.listStories(guildA.id);
    const reply = await upload(adminOf(guildA), guildA, attachment, title).reply(10_000);
    expect(reply.ephemeral).toBe(true);
    const text = seen(reply);
    expect(text).toMatch(problem);
    expect(text.split('\n')).toHaveLength(1);
    expect(await store.listStories(guildA.id)).toEqual(before);
  }
  const cdnHits = (a: Attachment) => standin.cdn.requests.filter((r) => r.path.includes(a.id)).length;

  it('a file that is not .txt/.md, or declared over the limit, is refused before any download', async () => {
    const pdf = attach('story.pdf', '%PDF-1.4 not a story');
    await refused(pdf, /not a \.txt or \.md file/);
    const big = attach('huge.txt', 'x', guildA, { declaredSize: MAX_BYTES + 1 });
    await refused(big, /over the 64 KB limit/);
    expect(cdnHits(pdf) + cdnHits(big)).toBe(0);
  });

  it('a file whose declared size lies is stopped while reading', async () => {
    const liar = attach('liar.txt', `Title\n\n${'word '.repeat(30_000)}`, guildA, { declaredSize: 100, chunked: true });
    await refused(liar, /over the 64 KB limit/);
  });

  it('Latin-1 and UTF-16 files are told to save as UTF-8; binary and empty-of-text files are refused', async () => {
    await refused(
      attach(
        'latin.txt',
        Uint8Array.from([
          ...Buffer.from('Caf'),
          0xe9,
          ...Buffer.from(' news\n\nThe caf'),
          0xe9,
          ...Buffer.from(' opened.'),
        ]),
      ),
      /save it as UTF-8/,
    );
    await refused(
      attach('wide.txt', Buffer.from('\ufeffWide story\n\nA paragraph.', 'utf16le')),
      /UTF-16.*save it as UTF-8/,
    );
    await refused(
      attach(
        'blob.txt',
        Uint8Array.from({ length: 200 }, (_, i) => (i * 37) % 256),
      ),
      /not (UTF-8|text)/,
    );
    await refused(attach('heading.md', '# Only a heading\n'), /no paragraphs/);
  });

  it("a duplicate title in the server is refused (also a shipped story's title)", async () => {
    await refused(
      attach('again.md', BRIDGE.replace('# Wrenfield', '# WRENFIELD')),
      /already ask a story titled "Wrenfield bridge reopens"/,
    );
    await refused(
      attach('copy.txt', `${shipped.stories[0].title}\n\nA paragraph that copies nothing.`),
      /already ask a story titled/,
    );
  });

  it('a redirect to another origin, a URL off the CDN, a CDN error and a stalled download are refused', async () => {
    await refused(
      attach('moved.txt', FERRY, guildA, { redirectTo: `${standin.apiBase}/v10/gateway` }),
      /does not come from Discord's file server/,
    );
    const offCdn = { ...attach('elsewhere.txt', FERRY), url: `${standin.apiBase}/v10/gateway?file=elsewhere.txt` };
    await refused(offCdn, /does not come from Discord's file server/);
    await refused(attach('gone.txt', FERRY, guildA, { status: 500 }), /answered 500/);
    await refused(attach('stall.txt', FERRY, guildA, { stallAfterBytes: 10 }), /took longer than/);
  });

  it('members without Manage Server: Discord does not offer /story; if the owner opens it, the bot still refuses', async () => {
    const someone = member();
    expect(() =>
      standin.sendInteraction({ command: 'story', subcommand: 'list', user: someone, guild: guildA }),
    ).toThrow(/does not offer \/story/);
    expect(() => standin.sendInteraction({ command: 'story', subcommand: 'list', user: someone, dm: true })).toThrow(
      /does not offer \/story in DMs/,
    );
    standin.openCommandToEveryone(guildA, 'story');
    for (const subcommand of ['list', 'gaps', 'add', 'remove'] as const) {
      const options: Record<string, string | Attachment> =
        subcommand === 'add'
          ? { file: attach('sneaky.txt', FERRY) }
          : subcommand === 'remove'
            ? { story: BRIDGE_SLUG }
            : {};
      const reply = await standin
        .sendInteraction({ command: 'story', subcommand, options, user: member(), guild: guildA })
        .reply();
      expect(reply.ephemeral).toBe(true);
      expect(seen(reply)).toMatch(/Only members with the Manage Server permission/);
    }
    const choices = await standin
      .sendAutocomplete({
        command: 'story',
        subcommand: 'remove',
        focused: 'story',
        options: { story: '' },
        user: member(),
        guild: guildA,
      })
      .reply();
    expect(choices.body.choices).toEqual([]);
    expect((await store.listStories(guildA.id)).map((s) => s.slug)).toEqual([BRIDGE_SLUG]);
  });

  it('past STORIES_PER_SERVER the server is told to remove one first, before any download', async () => {
    const admin = adminOf(guildB);
    for (let i = 1; i <= MAX_PER_SERVER; i++) {
      const reply = await upload(
        admin,
        guildB,
        attach(`s${i}.txt`, `Story number ${i}\n\nParagraph of story ${i}.`, guildB),
      ).reply(10_000);
      expect(seen(reply)).toMatch(/^Added/);
    }
    const extra = attach('one-more.txt', FERRY, guildB);
    const reply = await standin
      .sendInteraction({
        command: 'story',
        subcommand: 'add',
        options: { file: extra },
        user: adminOf(guildB),
        guild: guildB,
      })
      .reply();
    expect(seen(reply)).toMatch(/already has 4 stories.*remove one/);
    expect(cdnHits(extra)).toBe(0);
  });

  it('/story add counts against the cooldown; autocomplete stays free', async () => {
    const admin = adminOf(guildA);
    const records = Array.from({ length: 6 }, (_, i) => upload(admin, guildA, attach(`x${i}.pdf`, 'x')));
    const replies = await Promise.all(records.map((r) => r.reply()));
    expect(replies.filter((r) => /Slow down/.test(seen(r)))).toHaveLength(1);
    for (let i = 0; i < 8; i++) {
      const choices = await standin
        .sendAutocomplete({
          command: 'story',
          subcommand: 'remove',
          focused: 'story',
          options: { story: 'w' },
          user: admin,
          guild: guildA,
        })
        .reply();
      expect((choices.body.choices as Json[]).map((c) => c.value)).toEqual([BRIDGE_SLUG]);
    }
  });
});

describe('feedback: votes and gaps', () => {
  it('public answers carry 👍 and 👎; private ones do not', async () => {
    const pub = await ask(CABLES, guildA);
    expect(standin.buttonsOf(pub.message!).filter((id) => id.startsWith('vote:'))).toHaveLength(2);
    const priv = await ask(CABLES, guildA, { private: true });
    expect(standin.buttonsOf(priv.message!).filter((id) => id.startsWith('vote:'))).toEqual([]);
  });

  it('a vote is kept once per member per answer; clicking again changes it; acknowledged privately', async () => {
    const answer = await ask('Who cut the ribbon?', guildA);
    const [up, down] = ['up', 'down'].map((k) =>
      standin.buttonsOf(answer.message!).find((id) => id.startsWith(`vote:${k}:`))!,
    );
    const voter = member();
    const press = async (customId: string, user: User) =>
      seen(await standin.sendButton({ message: answer.message!, customId, user }).reply());
    expect(await press(down, voter)).toMatch(/your 👎 is counted/);
    expect(await press(down, voter)).toMatch(/already voted 👎/);
    expect(await press(up, voter)).toMatch(/Changed your vote to 👍/);
    expect(await press(down, member())).toMatch(/counted/);
    const rows = (await store.gaps(guildA.id, 0, 50)).downvoted.filter((r) => r.question === 'who cut the ribbon');
    expect(rows).toEqual([expect.objectContaining({ down: 1, up: 1, storySlug: BRIDGE_SLUG })]);
  });

  it('/story gaps lists what went unanswered, grouped and most asked first, and answers voted down', async () => {
    for (const q of [
      'When does the ferry service resume?',
      'when does the ferry service resume',
      'WHEN DOES THE FERRY SERVICE RESUME??',
      'Who won the world cup?',
    ]) {
      const reply = await ask(q, guildA);
      expect(reply.message!.embeds.length).toBeGreaterThan(0);
    }
    const reply = await standin
      .sendInteraction({ command: 'story', subcommand: 'gaps', user: adminOf(guildA), guild: guildA })
      .reply();
    expect(reply.ephemeral).toBe(true);
    const text = seen(reply);
    expect(text).toMatch(/could not answer \(last 30 days\)/);
    const ferry = text.indexOf('when does the ferry service resume');
    expect(ferry).toBeGreaterThan(-1);
    expect(text).toMatch(/when does the ferry service resume” · asked 3 times/);
    expect(ferry).toBeLessThan(text.indexOf('who won the world cup'));
    expect(text).toMatch(/voted down[\s\S]*who cut the ribbon” · 👎 1 · 👍 1/);
    // The log holds no member id.
    expect(JSON.stringify(await store.gaps(guildA.id, 0, 100))).not.toMatch(/\d{17,20}/);
  });

  it('then the admin adds the missing story, and the question is answered', async () => {
    const reply = await upload(adminOf(guildA), guildA, attach('ferry.txt', FERRY)).reply(10_000);
    expect(seen(reply)).toMatch(/Added Harbour ferry strike ends/);
    const answer = await ask('When does the ferry service resume?', guildA);
    expect(seen(answer)).toContain('harbour-ferry-strike-ends ¶2');
  });
});

describe('removing', () => {
  it("autocomplete offers only this server's stories; remove takes it out of answers; shipped ones cannot go", async () => {
    const admin = adminOf(guildA);
    const choices = await standin
      .sendAutocomplete({
        command: 'story',
        subcommand: 'remove',
        focused: 'story',
        options: { story: '' },
        user: admin,
        guild: guildA,
      })
      .reply();
    expect((choices.body.choices as Json[]).map((c) => c.value)).toEqual([BRIDGE_SLUG, 'harbour-ferry-strike-ends']);
    const removed = await standin
      .sendInteraction({
        command: 'story',
        subcommand: 'remove',
        options: { story: 'harbour-ferry-strike-ends' },
        user: admin,
        guild: guildA,
      })
      .reply();
    expect(removed.ephemeral).toBe(true);
    expect(seen(removed)).toMatch(/Removed Harbour ferry strike ends/);
    expect(seen(await ask('When does the ferry service resume?', guildA))).not.toContain('harbour-ferry-strike-ends');
    const shippedId = shipped.stories[0].id;
    const refusal = await standin
      .sendInteraction({
        command: 'story',
        subcommand: 'remove',
        options: { story: shippedId },
        user: admin,
        guild: guildA,
      })
      .reply();
    expect(seen(refusal)).toMatch(/ships with the bot/);
  });

  it('read and indexed every upload on the worker thread', () => {
    expect(workshop.offThread).toBe(true);
  });

  it('never logged the token; every message was within limits and pinged nobody', () => {
    expect(leakedSpellings(log.text(), standin.token)).toEqual([]);
    expectCleanWire(standin);
    expect(log.lines.filter((l) => /ERROR/.test(l))).toEqual([]);
  });
});

// Keep the type import used (Message is part of the stand-in's API surface used above).
export type { Message };
