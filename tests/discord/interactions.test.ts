import { describe, expect, it } from 'vitest';
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { commands } from '../../commands/index.js';
import { createLogger } from '../../src/log.js';
import type { BotContext, Command } from '../../src/discord/context.js';
import { Cooldown } from '../../src/discord/cooldown.js';
import { createInteractionHandler } from '../../src/discord/interactions.js';
import { paragraphButtonId, moreButtonId } from '../../src/discord/custom-ids.js';
import { respond } from '../../src/discord/respond.js';
import { renderNotice } from '../../src/discord/render.js';
import {
  SECOND_STORY_TEXT,
  STORY_TEXT,
  expectSendable,
  fakeAutocomplete,
  fakeButton,
  fakeCommand,
  makeLibrary,
} from '../support/discord-helpers.js';

function setup(options: { requests?: number; extra?: Command[]; deferAfterMs?: number } = {}) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l), timestamps: false });
  const context: BotContext = {
    library: makeLibrary({ harbour: STORY_TEXT, mill: SECOND_STORY_TEXT }),
    logger,
    cooldown: new Cooldown({ requests: options.requests ?? 0, seconds: 10 }),
  };
  const handle = createInteractionHandler({
    context,
    commands: [...commands, ...(options.extra ?? [])],
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  return { handle, context, log: () => lines.join('') };
}

function failing(name: string, before?: 'reply' | 'defer'): Command {
  return {
    data: new SlashCommandBuilder().setName(name).setDescription('fails'),
    async execute(interaction) {
      if (before === 'reply') await respond(interaction, renderNotice('partial'));
      if (before === 'defer') await interaction.deferReply();
      throw new Error('handler exploded');
    },
  };
}

function slow(ms: number): Command {
  return {
    data: new SlashCommandBuilder()
      .setName('slow')
      .setDescription('slow')
      .addBooleanOption((o) => o.setName('private').setDescription('p')),
    async execute(interaction) {
      await new Promise((r) => setTimeout(r, ms));
      await respond(interaction, renderNotice('done'));
    },
  };
}

describe('interaction dispatch', () => {
  it('/ask replies publicly with a cited answer; private:true makes it ephemeral', async () => {
    const { handle } = setup();
    const pub = fakeCommand('ask', { options: { question: 'How much will the repairs cost?' } });
    await handle(pub.interaction);
    expect(pub.sent.map((s) => s.method)).toEqual(['reply']);
    expect(pub.sent[0].payload.flags).toBeUndefined();
    expect(pub.sent[0].payload.embeds[0].description).toContain('**harbour ¶3**');
    expectSendable(pub.sent[0].payload);

    const priv = fakeCommand('ask', { options: { question: 'How much will the repairs cost?', private: true } });
    await handle(priv.interaction);
    expect(priv.sent[0].payload.flags).toBe(MessageFlags.Ephemeral);
  });

  it('per-user cooldown: an ephemeral "slow down" that says when to retry, other users unaffected', async () => {
    const { handle } = setup({ requests: 2 });
    const results = [];
    for (let i = 0; i < 4; i++) {
      const call = fakeCommand('summary', { userId: 'flooder' });
      await handle(call.interaction);
      results.push(call.sent[0].payload);
    }
    expect(results.slice(0, 2).every((p) => p.embeds.length === 1)).toBe(true);
    for (const refusal of results.slice(2)) {
      expect(refusal.flags).toBe(MessageFlags.Ephemeral);
      const at = Number(/<t:(\d+):R>/.exec(refusal.content)![1]);
      expect(at * 1000).toBeGreaterThan(Date.now());
      expect(at * 1000).toBeLessThanOrEqual(Date.now() + 11_000);
    }
    const other = fakeCommand('summary', { userId: 'someone-else' });
    await handle(other.interaction);
    expect(other.sent[0].payload.embeds).toHaveLength(1);
  });

  it('/help is never rate-limited and does not count against the cooldown', async () => {
    const { handle } = setup({ requests: 2 });
    const reply = async (name: string) => {
      const call = fakeCommand(name, { userId: 'reader' });
      await handle(call.interaction);
      return call.sent[0].payload;
    };
    for (let i = 0; i < 5; i++) expect((await reply('help')).embeds[0]?.title).toBe('How to use storybot');
    // The five /help calls used none of the two requests...
    expect((await reply('summary')).embeds).toHaveLength(1);
    expect((await reply('summary')).embeds).toHaveLength(1);
    // ...the third is refused, and /help still answers the user who was just refused.
    expect((await reply('summary')).content).toMatch(/Slow down/);
    expect((await reply('help')).embeds[0]?.title).toBe('How to use storybot');
  });

  it.each([
    [undefined, ['reply'], 'reply'],
    ['reply' as const, ['reply', 'followUp'], 'followUp'],
    ['defer' as const, ['deferReply', 'editReply'], 'editReply'],
  ])(
    'a throwing handler (after %s) gets a short apology via %j and is logged',
    async (before, methods, apologyMethod) => {
      const { handle, log } = setup({ extra: [failing('boom', before)] });
      const call = fakeCommand('boom');
      await expect(handle(call.interaction)).resolves.toBeUndefined();
      expect(call.sent.map((s) => s.method)).toEqual(methods);
      const apology = call.sent.find((s) => s.method === apologyMethod)!.payload;
      expect(apology.content).toMatch(/^Sorry, something went wrong/);
      if (apologyMethod !== 'editReply') expect(apology.flags).toBe(MessageFlags.Ephemeral);
      expect(log()).toMatch(/ERROR Failed to handle \/boom .*handler exploded/);
    },
  );

  it('survives a REST failure while answering and while apologising', async () => {
    const { handle, log } = setup();
    const call = fakeCommand('ask', { options: { question: 'storm?' }, failOn: 'reply' });
    await expect(handle(call.interaction)).resolves.toBeUndefined();
    expect(log()).toMatch(/Failed to handle \/ask.*fake reply failure/s);
    expect(log()).toMatch(/Could not send an apology/);
    const next = fakeCommand('ask', { options: { question: 'storm?' } });
    await handle(next.interaction);
    expect(next.sent).toHaveLength(1);
  });

  it('defers slow work (keeping the private flag) and then edits the deferred reply', async () => {
    const { handle } = setup({ extra: [slow(60)], deferAfterMs: 10 });
    const call = fakeCommand('slow', { options: { private: true } });
    await handle(call.interaction);
    expect(call.sent.map((s) => s.method)).toEqual(['deferReply', 'editReply']);
    expect(call.sent[0].payload).toEqual({ flags: MessageFlags.Ephemeral });
    expect(call.sent[1].payload.content).toBe('done');
  });

  it('does not defer fast work, and never races a reply already under way', async () => {
    // The timer is long enough for the work to start its reply on a loaded machine; the REST reply is slower still.
    const { handle } = setup({ extra: [slow(0)], deferAfterMs: 200 });
    const call = fakeCommand('slow', { latencyMs: 400 });
    await handle(call.interaction);
    await new Promise((r) => setTimeout(r, 50));
    expect(call.sent.map((s) => s.method)).toEqual(['reply']);
  });

  it('autocomplete lists stories, is never rate-limited, and answers [] for unknown commands', async () => {
    const { handle } = setup({ requests: 1 });
    for (let i = 0; i < 3; i++) {
      const call = fakeAutocomplete('ask', 'story', { focused: 'mi', userId: 'typist' });
      await handle(call.interaction);
      expect(call.sent[0]).toEqual({
        method: 'respond',
        payload: [{ name: 'Library Opens in Old Mill (mill)', value: 'mill' }],
      });
    }
    const unknown = fakeAutocomplete('nope', 'x');
    await handle(unknown.interaction);
    expect(unknown.sent[0]).toEqual({ method: 'respond', payload: [] });
  });

  it('buttons: "Show ¶N in full" and "More passages" answer ephemerally from the id alone', async () => {
    const { handle } = setup();
    const para = fakeButton(paragraphButtonId('mill', 2)!);
    await handle(para.interaction);
    expect(para.sent[0].payload.flags).toBe(MessageFlags.Ephemeral);
    expect(para.sent[0].payload.embeds[0].description).toContain('80,000 books');

    const more = fakeButton(moreButtonId('boats harbour storm', 1)!);
    await handle(more.interaction);
    expect(more.sent[0].payload.embeds[0].title).toBe('More for: boats harbour storm');

    const stale = fakeButton('v0:whatever');
    await handle(stale.interaction);
    expect(stale.sent[0].payload.content).toMatch(/no longer supported/);
  });

  it('answers an unknown (stale) slash command with a notice', async () => {
    const { handle } = setup();
    const call = fakeCommand('retired');
    await handle(call.interaction);
    expect(call.sent[0].payload).toMatchObject({
      content: expect.stringMatching(/try \/help/),
      flags: MessageFlags.Ephemeral,
    });
  });
});
