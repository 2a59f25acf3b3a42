// Each slash command's `data` and `execute` (and autocomplete) with a fake interaction over a
// real Library.
import { describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import * as ask from '../../commands/ask.js';
import * as summary from '../../commands/summary.js';
import * as passage from '../../commands/passage.js';
import * as help from '../../commands/help.js';
import { commands, messageCommands } from '../../commands/index.js';
import { silentLogger } from '../../src/log.js';
import { Cooldown } from '../../src/discord/cooldown.js';
import type { BotContext } from '../../src/discord/context.js';
import {
  SECOND_STORY_TEXT,
  STORY_TEXT,
  expectSendable,
  fakeAutocomplete,
  fakeCommand,
  makeLibrary,
} from '../support/discord-helpers.js';

const one: BotContext = {
  library: makeLibrary({ harbour: STORY_TEXT }),
  logger: silentLogger,
  cooldown: new Cooldown({ requests: 0, seconds: 1 }),
};
const two: BotContext = { ...one, library: makeLibrary({ harbour: STORY_TEXT, mill: SECOND_STORY_TEXT }) };

describe('command definitions', () => {
  it('are valid Discord JSON with the documented options', () => {
    const json = Object.fromEntries(commands.map((c) => [c.data.name, c.data.toJSON()]));
    expect(Object.keys(json)).toEqual(['ask', 'summary', 'passage', 'help', 'story']);
    expect(json.ask.options).toMatchObject([
      { name: 'question', type: 3, required: true, max_length: 300 },
      { name: 'private', type: 5 },
      { name: 'story', type: 3, autocomplete: true },
    ]);
    expect(json.summary.options![0]).toMatchObject({
      name: 'length',
      choices: [{ value: 'short' }, { value: 'medium' }, { value: 'long' }],
    });
    expect(json.passage.options![0]).toMatchObject({
      name: 'number',
      type: 4,
      required: true,
      min_value: 1,
      autocomplete: true,
    });
    // /story: Manage Server by default, servers only; the bot checks the permission itself too.
    expect(json.story).toMatchObject({ default_member_permissions: String(1 << 5), contexts: [0] });
    expect(json.story.options!.map((o) => [o.name, o.type])).toEqual([
      ['add', 1],
      ['list', 1],
      ['remove', 1],
      ['gaps', 1],
    ]);
    expect((json.story.options![0] as { options: unknown[] }).options).toMatchObject([
      { name: 'file', type: 11, required: true },
      { name: 'title', type: 3 },
    ]);
    expect((json.story.options![2] as { options: unknown[] }).options).toMatchObject([
      { name: 'story', type: 3, required: true, autocomplete: true },
    ]);
    expect(messageCommands.map((c) => c.data.toJSON())).toEqual([
      expect.objectContaining({ name: 'Ask storybot', type: 3 }),
    ]);
  });
});

describe('/ask', () => {
  it('answers with the cited paragraph', async () => {
    const { interaction, sent } = fakeCommand('ask', { options: { question: 'Were any sailors injured?' } });
    await ask.execute(interaction, one);
    expectSendable(sent[0].payload);
    // The short answer and its place in the sentence are bold: read the words without the markers.
    expect(sent[0].payload.embeds[0].description.replaceAll('**', '')).toMatch(/three sailors were injured\. ¶2/);
    expect(sent[0].payload.flags).toBeUndefined();
  });

  it('limits the search to the chosen story, cites story ids when several are loaded', async () => {
    const { interaction, sent } = fakeCommand('ask', { options: { question: 'How many books?', story: 'mill' } });
    await ask.execute(interaction, two);
    expect(sent[0].payload.embeds[0].description).toContain('**mill ¶2**');
  });

  it('private:true is ephemeral', async () => {
    const { interaction, sent } = fakeCommand('ask', { options: { question: 'storm?', private: true } });
    await ask.execute(interaction, one);
    expect(sent[0].payload.flags).toBe(MessageFlags.Ephemeral);
  });

  it('autocompletes stories', async () => {
    const { interaction, sent } = fakeAutocomplete('ask', 'story', { focused: '' });
    await ask.autocomplete(interaction, two);
    expect(sent[0].payload.map((c: { value: string }) => c.value)).toEqual(['harbour', 'mill']);
  });
});

describe('/summary', () => {
  it('gives the chosen length with a citation after each sentence', async () => {
    const { interaction, sent } = fakeCommand('summary', { options: { length: 'short' } });
    await summary.execute(interaction, one);
    const embed = sent[0].payload.embeds[0];
    expectSendable(sent[0].payload);
    expect(embed.footer.text).toBe('short summary of harbour');
    const sentences = one.library.summarize({ length: 'short' })[0].sentences;
    expect((embed.description.match(/\*\*¶\d+\*\*/g) ?? []).length).toBe(sentences.length);
  });

  it('names an unknown story instead of guessing', async () => {
    const { interaction, sent } = fakeCommand('summary', { options: { story: 'elsewhere' } });
    await summary.execute(interaction, two);
    expect(sent[0].payload.content).toMatch(/don't know a story called elsewhere/);
  });
});

describe('/passage', () => {
  it('shows the paragraph publicly; a bad number only to the asker', async () => {
    const good = fakeCommand('passage', { options: { number: 3 } });
    await passage.execute(good.interaction, one);
    expect(good.sent[0].payload.embeds[0].description).toContain('2.5 million euros');
    expect(good.sent[0].payload.flags).toBeUndefined();
    const bad = fakeCommand('passage', { options: { number: 40 } });
    await passage.execute(bad.interaction, one);
    expect(bad.sent[0].payload.flags).toBe(MessageFlags.Ephemeral);
  });

  it('autocompletes paragraph numbers with their first words (≤25 choices of ≤100 chars)', async () => {
    const long = makeLibrary({
      big: Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} ${'text '.repeat(40)}.`).join('\n\n'),
    });
    const context = { ...one, library: long };
    const all = fakeAutocomplete('passage', 'number', { focused: '' });
    await passage.autocomplete(all.interaction, context);
    const choices = all.sent[0].payload as { name: string; value: number }[];
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);
    expect(choices[0]).toMatchObject({ value: 1, name: expect.stringMatching(/^¶1 — Paragraph 1 text/) });
    const typed = fakeAutocomplete('passage', 'number', { focused: '3' });
    await passage.autocomplete(typed.interaction, context);
    expect((typed.sent[0].payload as { value: number }[]).map((c) => c.value)).toEqual([
      3, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
    ]);
  });
});

describe('/help', () => {
  it('explains usage, privately', async () => {
    const { interaction, sent } = fakeCommand('help');
    await help.execute(interaction, two);
    expect(sent[0].payload.flags).toBe(MessageFlags.Ephemeral);
    expect(sent[0].payload.embeds[0].description).toMatch(/\/ask question:.*\n.*\/summary/);
    expect(sent[0].payload.embeds[0].description).toContain('Several stories are loaded');
  });
});
