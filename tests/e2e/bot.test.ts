// storybot end to end: the deploy script registers the commands with the stand-in, the bot logs in
// with the real discord.js client, and a user plays /ask, /summary, buttons, autocomplete,
// mentions and DMs. Everything is asserted on what the bot sent over the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/deploy-commands.js';
import { loadLibrary, type Library } from '../../src/answer/library.js';
import { Close, DiscordStandIn, type Json, type User } from '../support/discord-standin.js';
import { captureLogger, leakedSpellings, type CapturedLog } from '../support/harness.js';
import { citedParagraphs, expectCleanWire, visibleText } from '../support/wire.js';
import { commands, messageCommands } from '../../commands/index.js';

let standin: DiscordStandIn;
let bot: RunningBot;
let library: Library;
let log: CapturedLog;
let users = 0;

/** A fresh user per scenario, so the per-user cooldown of one test never touches another. */
function newUser(): User {
  return standin.addUser(`reader${++users}`);
}

/** Text without Markdown escapes, whitespace collapsed: what a reader sees. */
function plain(text: string): string {
  return text
    .replace(/\\([\\`*_~|>#\-\[\]().!])/g, '$1')
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ');
}

function words(text: string, count: number): string {
  return text.replace(/\s+/g, ' ').split(' ').slice(0, count).join(' ');
}

beforeAll(async () => {
  standin = await DiscordStandIn.start();
  library = await loadLibrary('seeds');
  await deployCommands({ token: standin.token, guildId: standin.guildId, apiBase: standin.apiBase });
  log = captureLogger();
  bot = await startBot({
    commands,
    messageCommands,
    token: standin.token,
    library,
    apiBase: standin.apiBase,
    logger: log.logger,
  });
});

afterAll(async () => {
  await bot?.stop();
  await standin?.stop();
});

describe('storybot against the Discord stand-in', () => {
  it('the deploy script registered /ask, /summary, /passage, /help, /story and "Ask storybot" to the guild', () => {
    const put = standin.rest.calls.filter((c) => c.route === 'PUT /applications/:appId/guilds/:guildId/commands');
    expect(put.map((c) => c.status)).toEqual([200]);
    const registered = standin.commands.guild.get(standin.guildId)!;
    expect([...registered.keys()].sort()).toEqual(['Ask storybot', 'ask', 'help', 'passage', 'story', 'summary']);
    const ask = registered.get('ask') as { options: Json[] };
    expect(ask.options[0]).toMatchObject({ name: 'question', type: 3, required: true });
    expect(ask.options[0].max_length).toBeLessThanOrEqual(6000);
    expect(ask.options.find((o) => o.name === 'private')).toMatchObject({ type: 5 });
    expect(standin.commands.global.size).toBe(0);
  });

  it('logged in with only Guilds, GuildMessages and DirectMessages, and said so without the token', () => {
    expect(standin.gateway.identifies).toHaveLength(1);
    expect(standin.gateway.identifies[0].intents).toBe(1 | (1 << 9) | (1 << 12));
    expect(log.text()).toMatch(/Logged in/);
  });

  it('/ask answers with the sentence and the passage it comes from, citing ¶N', async () => {
    const question = 'How many US troops are in Iraq?';
    const expected = library.ask(question);
    expect(expected.answered).toBe(true);
    const reply = await standin.sendInteraction({ command: 'ask', options: { question }, user: newUser() }).reply();
    expect(reply.ephemeral).toBe(false);
    const text = visibleText(reply.message!);
    expect(citedParagraphs(text)).toContain(expected.passages[0].paragraph);
    expect(plain(text)).toContain(words(expected.passages[0].sentence, 6));
    const paragraphs = library.stories[0].paragraphs.length;
    for (const n of citedParagraphs(text)) expect(n).toBeLessThanOrEqual(paragraphs);
  });

  it('/ask with private: true is ephemeral from the first response (flag 64)', async () => {
    const record = standin.sendInteraction({
      command: 'ask',
      options: { question: 'Who did Pezeshkian meet?', private: true },
      user: newUser(),
    });
    const reply = await record.reply();
    expect(reply.ephemeral).toBe(true);
    const callback = record.events.find((e) => e.kind === 'callback')!;
    expect(Number(callback.body.flags ?? 0) & 64).toBe(64);
    // Ephemeral replies are not posted to the channel, so Discord dispatches no MESSAGE_CREATE for them.
    expect(standin.world.messages.get(reply.message!.id)!.flags & 64).toBe(64);
  });

  it('/ask says plainly when the story does not answer', async () => {
    // Off-topic questions from the issue; the core must refuse at least one of them (its own tests check all).
    const question = ['What is the capital of France?', 'How do I bake bread?', 'Hello there!'].find(
      (q) => !library.ask(q).answered,
    );
    expect(question, 'the library answers every off-topic question').toBeDefined();
    const reply = await standin
      .sendInteraction({ command: 'ask', options: { question: question! }, user: newUser() })
      .reply();
    expect(visibleText(reply.message!)).toMatch(/doesn.t say|does not say|not say|no answer/i);
  });

  it('/summary cites a paragraph after the sentences of the medium summary', async () => {
    const [summary] = library.summarize();
    const reply = await standin.sendInteraction({ command: 'summary', user: newUser() }).reply();
    const text = visibleText(reply.message!);
    const cited = citedParagraphs(text);
    for (const sentence of summary.sentences) {
      expect(plain(text)).toContain(words(sentence.text, 5));
      expect(cited).toContain(sentence.paragraph);
    }
  });

  it('the "show ¶N" button on an answer shows that paragraph in full', async () => {
    const user = newUser();
    const answer = await standin
      .sendInteraction({
        command: 'ask',
        options: { question: 'Where did Pezeshkian go on his first trip abroad?' },
        user,
      })
      .reply();
    const buttons = standin.buttonsOf(answer.message!);
    const show = buttons.find((id) => id.startsWith('para:'));
    expect(show, `buttons: ${buttons.join(', ')}`).toBeDefined();
    const n = Number(show!.split(':').pop());
    const pressed = await standin.sendButton({ message: answer.message!, customId: show!, user }).reply();
    const paragraph = library.paragraph(library.stories[0].id, n)!;
    expect(plain(visibleText(pressed.message ?? pressed.body))).toContain(words(paragraph.text, 8));
  });

  it('the "more passages" button pages through further passages', async () => {
    // A broad question with more passages than one page holds (the bot shows 3 at a time): one of
    // the story's own words that several paragraphs answer about equally well.
    const storyWords = [
      ...new Set(library.stories[0].paragraphs.flatMap((p) => p.text.match(/[A-Za-z][A-Za-z-]{3,}/g) ?? [])),
    ];
    const question = ['What happened during the visit?', 'Iran and Iraq', ...storyWords].find(
      (q) => library.ask(q, { limit: 4 }).passages.length > 3,
    );
    expect(question, 'no candidate question has a second page of passages').toBeDefined();
    const user = newUser();
    const answer = await standin.sendInteraction({ command: 'ask', options: { question: question! }, user }).reply();
    const more = standin.buttonsOf(answer.message!).find((id) => id.startsWith('more:'));
    expect(more, `buttons: ${standin.buttonsOf(answer.message!).join(', ')}`).toBeDefined();
    const pressed = await standin.sendButton({ message: answer.message!, customId: more!, user }).reply();
    const fourth = library.ask(question!, { limit: 4 }).passages[3].paragraph;
    expect(citedParagraphs(visibleText(pressed.message ?? pressed.body))).toContain(fourth);
  });

  it('autocompletes the story option and the /passage number', async () => {
    const user = newUser();
    const story = library.stories[0];
    const stories = await standin
      .sendAutocomplete({
        command: 'ask',
        focused: 'story',
        options: { question: 'x', story: story.id.slice(0, 3) },
        user,
      })
      .reply();
    expect((stories.body.choices as Json[]).map((c) => c.value)).toContain(story.id);
    const numbers = await standin
      .sendAutocomplete({ command: 'passage', focused: 'number', options: { number: '1' }, user })
      .reply();
    const choices = numbers.body.choices as Array<{ name: string; value: number }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(choice.value).toBeLessThanOrEqual(story.paragraphs.length);
  });

  it('/passage shows a paragraph, and /help answers', async () => {
    const user = newUser();
    const passage = await standin.sendInteraction({ command: 'passage', options: { number: 2 }, user }).reply();
    expect(plain(visibleText(passage.message!))).toContain(words(library.stories[0].paragraphs[1].text, 8));
    const help = await standin.sendInteraction({ command: 'help', user }).reply();
    expect(visibleText(help.message!)).toMatch(/\/ask/);
  });

  it('a mention in a channel gets a reply to that message with the /ask answer, pinging nobody', async () => {
    const question = 'How many US troops are in Iraq?';
    const message = standin.sendMessage({ author: newUser(), content: `${standin.botMention} ${question}` });
    const reply = await standin.waitForReplyTo(message);
    expect(reply.channel_id).toBe(standin.channel.id);
    expect(citedParagraphs(visibleText(reply))).toContain(library.ask(question).passages[0].paragraph);
    const sent = standin.outgoing.find(
      (o) =>
        o.path === `/channels/${standin.channel.id}/messages` &&
        (o.body.message_reference as Json | undefined)?.message_id === message.id,
    )!;
    expect(sent.pinged).toEqual([]);
  });

  it('a DM gets an answer in the DM channel; "summary" by mention gives the summary', async () => {
    const user = newUser();
    const dm = standin.sendMessage({ author: user, content: 'Who did Pezeshkian meet?', dm: true });
    const reply = await standin.waitForReplyTo(dm);
    expect(reply.channel_id).toBe(dm.channel_id);
    expect(citedParagraphs(visibleText(reply)).length).toBeGreaterThan(0);
    const ask = standin.sendMessage({ author: user, content: `${standin.botMention} summary` });
    const summary = await standin.waitForReplyTo(ask);
    const [expected] = library.summarize();
    expect(plain(visibleText(summary))).toContain(words(expected.sentences[0].text, 5));
  });

  it('stays silent for a non-mention, @everyone alone, another bot, and its own messages', async () => {
    const user = newUser();
    const robot = standin.addUser('otherbot', { bot: true });
    const silent = [
      standin.sendMessage({ author: user, content: 'How many US troops are in Iraq?' }),
      standin.sendMessage({ author: user, content: '@everyone how many US troops are in Iraq?' }),
      standin.sendMessage({ author: user, content: '@here' }),
      standin.sendMessage({ author: robot, content: `${standin.botMention} how many US troops are in Iraq?` }),
    ];
    // Gateway events arrive in order: once a later mention is answered, the earlier ones were seen.
    const sentinel = standin.sendMessage({ author: newUser(), content: `${standin.botMention} help` });
    await standin.waitForReplyTo(sentinel);
    for (const message of silent) expect(standin.repliesTo(message), message.content).toEqual([]);
    const botMessages = new Set(standin.channelMessagesFromBot().map((m) => m.id));
    const repliesToItself = [...standin.world.messages.values()].filter((m) =>
      botMessages.has(String((m.message_reference as Json | undefined)?.message_id)),
    );
    expect(repliesToItself).toEqual([]);
  });

  it('echoes nothing from a hostile question that could ping, link or break Markdown', async () => {
    const victim = newUser();
    const question = `@everyone <@${victim.id}> <@&${standin.guildId}> [click](https://evil.example) **bold** \`\`\`fence troops in Iraq?`;
    const reply = await standin.sendInteraction({ command: 'ask', options: { question }, user: newUser() }).reply();
    const text = visibleText(reply.message!);
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toContain(`<@${victim.id}>`);
    expect(text, 'an unescaped masked link').not.toMatch(/(?<!\\)\]\(\s*https?:\/\//);
    expect(reply.message!.mentions).toEqual([]);
  });

  it('a mention flood from one user gets at most its cooldown of answers plus one "slow down"', async () => {
    // A channel of its own: the bot also limits replies per channel, which must not mix with other tests.
    const channel = standin.addChannel('flood-one');
    const user = newUser();
    const flood = Array.from({ length: 12 }, (_, i) =>
      standin.sendMessage({ author: user, channel, content: `${standin.botMention} question ${i} about troops` }),
    );
    const sentinel = standin.sendMessage({ author: newUser(), content: `${standin.botMention} help` });
    await standin.waitForReplyTo(sentinel);
    const answered = flood.filter((m) => standin.repliesTo(m).length > 0).length;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(6); // default cooldown: 5 per 10 s, then one "slow down"
    expect(standin.repliesTo(flood.at(-1)!)).toEqual([]);
  });

  it('many users mentioning it at once in one channel do not make it flood that channel', async () => {
    const channel = standin.addChannel('flood-many');
    const crowd = Array.from({ length: 30 }, (_, i) =>
      standin.sendMessage({ author: newUser(), channel, content: `${standin.botMention} troops ${i}?` }),
    );
    const sentinel = standin.sendMessage({ author: newUser(), content: `${standin.botMention} help` });
    await standin.waitForReplyTo(sentinel);
    const replies = standin.channelMessagesFromBot().filter((m) => m.channel_id === channel.id).length;
    expect(replies).toBeGreaterThan(0);
    expect(replies).toBeLessThan(crowd.length);
  });

  it('a /ask flood from one user gets an ephemeral "slow down" that says when to retry', async () => {
    const user = newUser();
    const records = Array.from({ length: 7 }, (_, i) =>
      standin.sendInteraction({ command: 'ask', options: { question: `troops ${i}?` }, user }),
    );
    const replies = await Promise.all(records.map((r) => r.reply()));
    const slowed = replies.filter((r) => r.ephemeral && /slow|wait|again/i.test(visibleText(r.message ?? r.body)));
    expect(slowed.length).toBeGreaterThanOrEqual(1);
    expect(visibleText(slowed[0].message ?? slowed[0].body)).toMatch(/<t:\d+:R>/);
    for (const record of records) expect(record.visibleReplies()).toBe(1);
  });

  it('after a forced resumable disconnect it resumes, gets the missed /ask, and answers it', async () => {
    const identifies = standin.gateway.identifies.length;
    standin.closeGateway(Close.UnknownError);
    const missed = standin.sendInteraction({
      command: 'ask',
      options: { question: 'How many US troops are in Iraq?' },
      user: newUser(),
    });
    const reply = await missed.reply();
    expect(citedParagraphs(visibleText(reply.message!)).length).toBeGreaterThan(0);
    expect(standin.gateway.resumes.at(-1)).toMatchObject({ outcome: 'resumed', path: '/resume' });
    expect(standin.gateway.identifies).toHaveLength(identifies);
  });

  it('never logged the token, and every message it sent was within limits and pinged nobody', () => {
    expect(leakedSpellings(log.text(), standin.token)).toEqual([]);
    expectCleanWire(standin);
    for (const record of standin.interactions.values()) {
      if (record.kind !== 'autocomplete')
        expect(record.visibleReplies(), `${record.kind} ${record.name}`).toBeGreaterThanOrEqual(1);
    }
  });
});
