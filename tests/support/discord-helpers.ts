// Shared test helpers for the Discord layer: limit checks, a "renders literally" checker, real
// libraries built from in-memory stories, and fake discord.js interactions and messages that
// record what a handler sent.
import { expect } from 'vitest';
import type {
  APIEmbed,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  Message,
} from 'discord.js';
import { Library } from '../../src/answer/library.js';
import { parseStory } from '../../src/story/load.js';
import type { Payload } from '../../src/discord/render.js';
import { LIMITS } from '../../src/discord/limits.js';
import { wordData } from './search.js';

export const STORY_TEXT = [
  'Quiet Harbour Reopens After Storm',
  'The harbour at Port Elling reopened on Tuesday after a storm closed it for six days, the port authority said.',
  'About 40 fishing boats were damaged and two piers collapsed. No one was killed, but three sailors were injured.',
  'Mayor Ana Ruiz said repairs would cost 2.5 million euros. The national government promised to pay half.',
  'Farmers near the coast lost much of their harvest when sea water flooded the fields.',
].join('\n');

export const SECOND_STORY_TEXT = [
  'Library Opens in Old Mill',
  'A public library opened on Saturday in the old textile mill on River Street.',
  'The building holds 80,000 books and a reading room for 200 people. Architect Lee Chen kept the original brick walls.',
].join('\n');

/** A real Library over stories given as `id -> text`. */
export function makeLibrary(stories: Record<string, string> = { harbour: STORY_TEXT }): Library {
  return Library.fromStories(
    Object.entries(stories).map(([id, text]) => parseStory(text, id)),
    wordData(),
  );
}

// ---------------------------------------------------------------------------------------------

function embedLength(e: APIEmbed): number {
  let n =
    (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Every Discord limit, and no pings. */
export function expectSendable(payload: Payload): void {
  expect(payload.allowedMentions).toEqual({ parse: [], repliedUser: false });
  expect((payload.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  expect(payload.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(payload.content !== undefined || payload.embeds.length > 0).toBe(true);
  let total = 0;
  for (const e of payload.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    total += embedLength(e);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(payload.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  for (const row of payload.components) {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect((b.label ?? '').length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      expect((b.label ?? '').length).toBeGreaterThan(0);
    }
  }
  // No lone surrogate anywhere: Discord would reject or mangle the message.
  expect(JSON.stringify(payload)).not.toMatch(
    /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i,
  );
}

/** All Markdown-rendered text of a payload (content, titles, descriptions, fields). */
export function markdownText(payload: Payload): string {
  const parts = [payload.content ?? ''];
  for (const e of payload.embeds) {
    parts.push(e.title ?? '', e.description ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

/** Plain-text surfaces (footer, labels): shown as typed, so only mention syntax matters there. */
export function plainSurfaces(payload: Payload): string {
  const parts: string[] = [];
  for (const e of payload.embeds) parts.push(e.footer?.text ?? '', e.author?.name ?? '');
  for (const row of payload.components) for (const b of row.components) parts.push(b.label ?? '');
  return parts.join('\n');
}

/**
 * Why `text` (escaped user text, placed anywhere in a line of Markdown) would render as
 * something other than its characters; undefined when it renders literally. A small model of
 * Discord's parser: every Markdown special must be backslash-escaped, nothing may start a
 * block at the start of the text, and mention / mass-mention / URL syntax must be broken.
 */
export function literalProblem(text: string): string | undefined {
  const specials = new Set(['*', '_', '~', '`', '|', '[', ']', '<', '>']);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) return 'dangling backslash at the end';
      if (!/[!-/:-@[-`{-~]/.test(next)) return `backslash before ${JSON.stringify(next)} shows as a backslash`;
      i += 1;
      continue;
    }
    if (specials.has(c)) return `unescaped ${JSON.stringify(c)} at ${i}`;
  }
  if (/^[ \t]*([#>+-]|\d+[.)])/.test(text)) return 'block syntax at the start';
  if (/@(everyone|here)/i.test(text)) return 'mass mention';
  if (/<[@#:/!&a-z0-9]/i.test(text)) return 'mention or tag syntax';
  if (/[a-z0-9+.-]:\/\//i.test(text)) return 'autolinked URL';
  if (/\]\(/.test(text)) return 'masked link';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Fake interactions and messages

export interface SentCall {
  method: 'reply' | 'deferReply' | 'editReply' | 'followUp' | 'respond';
  payload: any;
}

interface FakeOptions {
  options?: Record<string, string | number | boolean>;
  focused?: string;
  userId?: string;
  /** Makes the given method reject (REST failure). */
  failOn?: SentCall['method'];
  /** Milliseconds each response call takes (simulated REST latency). */
  latencyMs?: number;
}

let nextId = 1000;

function base(kind: 'chat' | 'button' | 'autocomplete', fake: FakeOptions, sent: SentCall[]) {
  const state = { replied: false, deferred: false, responded: false };
  const call = (method: SentCall['method'], update: () => void) => async (payload?: any) => {
    if (fake.latencyMs) await new Promise((r) => setTimeout(r, fake.latencyMs));
    if (fake.failOn === method) throw Object.assign(new Error(`fake ${method} failure`), { status: 500 });
    if ((method === 'reply' || method === 'deferReply') && (state.replied || state.deferred)) {
      throw new Error('InteractionAlreadyReplied');
    }
    sent.push({ method, payload });
    update();
  };
  return {
    id: String(nextId++),
    type: kind === 'autocomplete' ? 4 : kind === 'button' ? 3 : 2,
    user: { id: fake.userId ?? 'user-1' },
    get replied() {
      return state.replied;
    },
    get deferred() {
      return state.deferred;
    },
    get responded() {
      return state.responded;
    },
    isChatInputCommand: () => kind === 'chat',
    isButton: () => kind === 'button',
    isAutocomplete: () => kind === 'autocomplete',
    isMessageContextMenuCommand: () => false,
    isRepliable: () => kind !== 'autocomplete',
    guildId: null,
    reply: call('reply', () => (state.replied = true)),
    deferReply: call('deferReply', () => (state.deferred = true)),
    editReply: call('editReply', () => (state.replied = true)),
    followUp: call('followUp', () => {}),
    respond: call('respond', () => (state.responded = true)),
  };
}

function optionsResolver(fake: FakeOptions, focusedName?: string) {
  const values = fake.options ?? {};
  const get = (type: string) => (name: string, required?: boolean) => {
    const value = values[name];
    if (value === undefined) {
      if (required) throw new TypeError(`Required option "${name}" not found.`);
      return null;
    }
    if (typeof value !== type) throw new TypeError(`Option "${name}" is of the wrong type.`);
    return value;
  };
  return {
    getString: get('string'),
    getBoolean: get('boolean'),
    getInteger: get('number'),
    getFocused: (full?: boolean) => {
      const value = fake.focused ?? '';
      return full ? { name: focusedName ?? '', value } : value;
    },
  };
}

export function fakeCommand(commandName: string, fake: FakeOptions = {}) {
  const sent: SentCall[] = [];
  const interaction = Object.assign(base('chat', fake, sent), { commandName, options: optionsResolver(fake) });
  return { interaction: interaction as unknown as ChatInputCommandInteraction & Interaction, sent };
}

export function fakeAutocomplete(commandName: string, focusedName: string, fake: FakeOptions = {}) {
  const sent: SentCall[] = [];
  const interaction = Object.assign(base('autocomplete', fake, sent), {
    commandName,
    options: optionsResolver(fake, focusedName),
  });
  return { interaction: interaction as unknown as AutocompleteInteraction & Interaction, sent };
}

export function fakeButton(customId: string, fake: FakeOptions = {}) {
  const sent: SentCall[] = [];
  const interaction = Object.assign(base('button', fake, sent), { customId });
  return { interaction: interaction as unknown as ButtonInteraction & Interaction, sent };
}

export const BOT_ID = '900000000000000001';

interface FakeMessageOptions {
  content: string;
  authorId?: string;
  bot?: boolean;
  dm?: boolean;
  channelId?: string;
  failReply?: boolean;
}

export function fakeMessage(opts: FakeMessageOptions) {
  const replies: Payload[] = [];
  const message = {
    id: String(nextId++),
    content: opts.content,
    channelId: opts.channelId ?? 'channel-1',
    system: false,
    webhookId: null,
    author: { id: opts.authorId ?? 'user-1', bot: opts.bot ?? false },
    client: { user: { id: BOT_ID } },
    inGuild: () => !opts.dm,
    reply: async (payload: Payload) => {
      if (opts.failReply) throw new Error('fake reply failure');
      replies.push(payload);
    },
  };
  return { message: message as unknown as Message, replies };
}
