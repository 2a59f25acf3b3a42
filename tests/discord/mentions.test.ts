import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLogger } from '../../src/log.js';
import { Cooldown } from '../../src/discord/cooldown.js';
import { createMentionHandler, parseMention } from '../../src/discord/mentions.js';
import { BOT_ID, STORY_TEXT, expectSendable, fakeMessage, makeLibrary } from '../support/discord-helpers.js';
import { hostileText } from '../support/hostile.js';

function setup(requests = 0, channelRequests = 0) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l), timestamps: false });
  const handle = createMentionHandler({
    context: {
      library: makeLibrary({ harbour: STORY_TEXT }),
      logger,
      cooldown: new Cooldown({ requests, seconds: 10 }),
    },
    channelCooldown: new Cooldown({ requests: channelRequests, seconds: 10 }),
  });
  return { handle, log: () => lines.join('') };
}

describe('parseMention', () => {
  it('needs a direct user mention in a server, accepts anything in a DM', () => {
    expect(parseMention(`<@${BOT_ID}> how many boats?`, BOT_ID, false)).toEqual({
      kind: 'ask',
      question: 'how many boats?',
    });
    expect(parseMention(`hey <@!${BOT_ID}>, how many boats?`, BOT_ID, false)).toEqual({
      kind: 'ask',
      question: 'hey how many boats?',
    });
    expect(parseMention('how many boats?', BOT_ID, false)).toBeUndefined();
    expect(parseMention('@everyone how many boats?', BOT_ID, false)).toBeUndefined();
    expect(parseMention('@here', BOT_ID, false)).toBeUndefined();
    expect(parseMention(`<@&${BOT_ID}> role mention`, BOT_ID, false)).toBeUndefined();
    expect(parseMention('<@123> someone else', BOT_ID, false)).toBeUndefined();
    expect(parseMention('how many boats?', BOT_ID, true)).toEqual({ kind: 'ask', question: 'how many boats?' });
  });

  it('recognises help, summary and passage requests', () => {
    expect(parseMention(`<@${BOT_ID}>`, BOT_ID, false)).toEqual({ kind: 'help' });
    expect(parseMention(`<@${BOT_ID}> help`, BOT_ID, false)).toEqual({ kind: 'help' });
    expect(parseMention(`<@${BOT_ID}> summary`, BOT_ID, false)).toEqual({ kind: 'summary' });
    expect(parseMention(`<@${BOT_ID}> Summary LONG`, BOT_ID, false)).toEqual({ kind: 'summary', length: 'long' });
    expect(parseMention(`<@${BOT_ID}> passage 3`, BOT_ID, false)).toEqual({ kind: 'passage', paragraph: 3 });
    expect(parseMention(`<@${BOT_ID}> help me understand the storm`, BOT_ID, false)).toMatchObject({ kind: 'ask' });
  });
});

describe('mention handler', () => {
  it('replies to a mention with the /ask answer, without pinging the author', async () => {
    const { handle } = setup();
    const { message, replies } = fakeMessage({ content: `<@${BOT_ID}> How much will the repairs cost?` });
    await handle(message);
    expect(replies).toHaveLength(1);
    expectSendable(replies[0]);
    expect(replies[0].allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(replies[0].embeds[0].description).toContain('**¶3**');
  });

  it('answers DMs without a mention; summary and bare mention work', async () => {
    const { handle } = setup();
    const dm = fakeMessage({ content: 'summary', dm: true });
    await handle(dm.message);
    expect(dm.replies[0].embeds[0].title).toMatch(/^Summary: /);
    const bare = fakeMessage({ content: `<@${BOT_ID}>` });
    await handle(bare.message);
    expect(bare.replies[0].embeds[0].title).toBe('How to use storybot');
  });

  it('ignores bots (itself included), non-mentions and @everyone/@here alone', async () => {
    const { handle } = setup();
    const ignored = [
      fakeMessage({ content: `<@${BOT_ID}> hi`, bot: true, authorId: 'other-bot' }),
      fakeMessage({ content: `<@${BOT_ID}> hi`, authorId: BOT_ID }),
      fakeMessage({ content: 'what happened in the storm?' }),
      fakeMessage({ content: '@everyone what happened?' }),
      fakeMessage({ content: '@here' }),
      fakeMessage({ content: '@everyone', dm: true, bot: true }),
    ];
    for (const { message } of ignored) await handle(message);
    expect(ignored.flatMap((m) => m.replies)).toEqual([]);
  });

  it('a flood from one user: its allowance, one "slow down", then silence', async () => {
    const { handle } = setup(2, 100);
    const all = [];
    for (let i = 0; i < 8; i++) {
      const m = fakeMessage({ content: `<@${BOT_ID}> storm ${i}?`, authorId: 'flooder' });
      await handle(m.message);
      all.push(...m.replies);
    }
    expect(all).toHaveLength(3);
    expect(all[2].content).toMatch(/Slow down a little: you can ask again <t:\d+:R>/);
  });

  it('a flood from many users in one channel is capped by the channel budget', async () => {
    const { handle } = setup(5, 3);
    const all = [];
    for (let i = 0; i < 20; i++) {
      const m = fakeMessage({ content: `<@${BOT_ID}> storm?`, authorId: `user${i}`, channelId: 'busy' });
      await handle(m.message);
      all.push(...m.replies);
    }
    expect(all).toHaveLength(4); // 3 answers + one "busy" note
    expect(all[3].content).toMatch(/This channel is busy/);
  });

  it('a failing reply is logged and does not throw', async () => {
    const { handle, log } = setup();
    const { message } = fakeMessage({ content: `<@${BOT_ID}> storm?`, failReply: true });
    await expect(handle(message)).resolves.toBeUndefined();
    expect(log()).toMatch(/ERROR Failed to answer message/);
  });

  it('property: any mention text gets one sendable, ping-free reply', async () => {
    const { handle } = setup();
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const { message, replies } = fakeMessage({ content: `<@${BOT_ID}> ${text}` });
        await handle(message);
        expect(replies).toHaveLength(1);
        expectSendable(replies[0]);
      }),
      { numRuns: 150 },
    );
  });
});
