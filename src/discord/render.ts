/**
 * Answer / Summary / Paragraph -> discord.js message payloads. The only place that decides how a
 * reply looks; every payload leaves through `finalize`, which enforces Discord's limits and turns
 * off every kind of ping.
 */
import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, Passage, Summary, SummaryLength } from '../answer/types.js';
import type { Paragraph, Story } from '../story/types.js';
import { escapeRegExp, STORY_DOES_NOT_SAY, STORY_SAYS_NOTHING } from '../strings.js';
import { cleanText, escapeMarkdown, plainText, safeText } from './escape.js';
import { LIMITS, fitRendered, truncate } from './limits.js';
import { moreButtonId, paragraphButtonId } from './custom-ids.js';

/** Nothing the bot sends may ping anyone: not the users or roles it quotes, not the author it replies to. */
export const NO_MENTIONS = Object.freeze({ parse: [] as [], repliedUser: false as const });

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface Payload {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: { parse: []; repliedUser: false };
}

/** What rendering needs to know about the loaded stories. */
export interface RenderContext {
  /** Citations name the story only when there is more than one. */
  multiStory: boolean;
  titleOf(story: string): string | undefined;
}

export function renderContext(stories: readonly Pick<Story, 'id' | 'title'>[]): RenderContext {
  const titles = new Map(stories.map((s) => [s.id, s.title]));
  return { multiStory: stories.length > 1, titleOf: (id) => titles.get(id) };
}

/** Passages shown per reply; "More passages" pages through the rest. */
export const PAGE_SIZE = 3;
/** Budget for each further passage, so several fit beside a long first one. */
const FURTHER_PASSAGE_CHARS = 400;
/** "Show ¶N in full" buttons per reply, leaving room in the row for "More passages". */
const MAX_PARAGRAPH_BUTTONS = LIMITS.buttonsPerRow - 1;

const COLORS = { answered: 0x2f9e44, unanswered: 0x868e96, summary: 0x1c7ed6, paragraph: 0x495057, help: 0x5865f2 };

// ---------------------------------------------------------------------------------------------
// Citations and text pieces

/** `¶4`, or `story ¶4` when several stories are loaded; plain text (for labels and footers). */
export function citationText(ctx: RenderContext, story: string, paragraph: number): string {
  return ctx.multiStory ? `${plainText(story)} ¶${paragraph}` : `¶${paragraph}`;
}

/** The same citation, bold and escaped, for Markdown surfaces. */
export function citation(ctx: RenderContext, story: string, paragraph: number): string {
  return ctx.multiStory ? `**${safeText(story)} ¶${paragraph}**` : `**¶${paragraph}**`;
}

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

/** Wraps whole-word occurrences of `words` (case-insensitive) in highlight sentinels. */
function markWords(text: string, words: readonly string[]): string {
  const usable = [...new Set(words.map((w) => cleanText(w)).filter((w) => w.length >= 2))];
  if (usable.length === 0) return text;
  usable.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${usable.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, (w) => `${MARK_OPEN}${w}${MARK_CLOSE}`);
}

/** Escapes marked text and turns sentinels into bold, closing one a cut left open. */
function renderMarked(text: string): string {
  let balanced = text;
  if (balanced.lastIndexOf(MARK_OPEN) > balanced.lastIndexOf(MARK_CLOSE)) balanced += MARK_CLOSE;
  return escapeMarkdown(balanced.replaceAll(`${MARK_CLOSE}${MARK_OPEN}`, ''))
    .replaceAll(MARK_OPEN, '**')
    .replaceAll(MARK_CLOSE, '**');
}

/** User or story text, escaped and cut to `max` without breaking an escape. */
function fitText(raw: string, max: number, wrap: (escaped: string) => string = (s) => s): string {
  return fitRendered(cleanText(raw), (t) => wrap(escapeMarkdown(t)), max);
}

function questionTitle(question: string, prefix: string): string {
  const clean = cleanText(question);
  if (!clean) return `${prefix}(empty question)`;
  return fitRendered(clean, (t) => prefix + escapeMarkdown(t), LIMITS.embedTitle);
}

function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Limits: the single gate every payload passes

function fitEmbed(embed: APIEmbed, budget: number): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.authorName) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || '\u200B',
      value: truncate(f.value, LIMITS.fieldValue) || '\u200B',
    }));
  }
  // Over the shared budget: drop trailing fields first, then shorten the description.
  while (embedLength(out) > budget && out.fields && out.fields.length > 0) out.fields = out.fields.slice(0, -1);
  const excess = embedLength(out) - budget;
  if (excess > 0 && out.description)
    out.description = truncate(out.description, Math.max(0, out.description.length - excess));
  if (embedLength(out) > budget && out.title)
    out.title = truncate(out.title, Math.max(0, out.title.length - (embedLength(out) - budget)));
  if (out.fields?.length === 0) delete out.fields;
  return out;
}

/** Enforces every limit (a safety net: the renderers already build within budget). */
export function finalize(payload: Omit<Payload, 'allowedMentions'>): Payload {
  const embeds: APIEmbed[] = [];
  let remaining: number = LIMITS.embedTotal;
  for (const embed of payload.embeds.slice(0, LIMITS.embeds)) {
    if (remaining <= 0) break;
    const fitted = fitEmbed(embed, remaining);
    remaining -= embedLength(fitted);
    embeds.push(fitted);
  }
  const components = payload.components
    .slice(0, LIMITS.actionRows)
    .map((row) => ({
      ...row,
      components: row.components
        .filter((b) => b.custom_id.length <= LIMITS.customId)
        .slice(0, LIMITS.buttonsPerRow)
        .map((b) => ({ ...b, label: truncate(b.label ?? '', LIMITS.buttonLabel) })),
    }))
    .filter((row) => row.components.length > 0);
  const result: Payload = { embeds, components, allowedMentions: { ...NO_MENTIONS, parse: [] } };
  if (payload.content !== undefined) result.content = truncate(payload.content, LIMITS.content);
  if (result.content === '' && embeds.length === 0) result.content = '\u200B';
  return result;
}

// ---------------------------------------------------------------------------------------------
// Buttons

function button(label: string, customId: string): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: truncate(label, LIMITS.buttonLabel),
    custom_id: customId,
  };
}

function answerButtons(ctx: RenderContext, passages: readonly Passage[], more?: string): ButtonRow[] {
  const buttons: APIButtonComponentWithCustomId[] = [];
  const seen = new Set<string>();
  for (const p of passages) {
    const key = `${p.story}\u0000${p.paragraph}`;
    if (seen.has(key) || buttons.length >= MAX_PARAGRAPH_BUTTONS) continue;
    seen.add(key);
    const id = paragraphButtonId(p.story, p.paragraph);
    if (id) buttons.push(button(`Show ${citationText(ctx, p.story, p.paragraph)} in full`, id));
  }
  if (more) buttons.push(button('More passages', more));
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

// ---------------------------------------------------------------------------------------------
// Answers

export interface AnswerView {
  /** Passages already shown on earlier pages (0 for the first reply). */
  offset?: number;
  /** The story the question was limited to, if any (kept in the "More passages" button). */
  story?: string;
  /** Whether the library has passages beyond the ones given. */
  hasMore?: boolean;
}

/** Wraps the first whole-word occurrence of `span` in highlight sentinels, or undefined when absent. */
function markSpan(text: string, span: string): string | undefined {
  const clean = cleanText(span);
  if (!clean) return undefined;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(clean)}(?![\\p{L}\\p{N}])`, 'u');
  const found = pattern.exec(text);
  if (!found) return undefined;
  return `${text.slice(0, found.index)}${MARK_OPEN}${clean}${MARK_CLOSE}${text.slice(found.index + clean.length)}`;
}

/**
 * The short answer first (bold, cited), then the answering sentence with the short answer in
 * bold (or, with none, all bold), over its paragraph as a quote with matched words bold.
 */
function passageBlock(ctx: RenderContext, p: Passage, max: number, shortAnswer?: string | null): string {
  const cite = citation(ctx, p.story, p.paragraph);
  const sentence = cleanText(p.sentence) || cleanText(p.text);
  if (!sentence) return cite;
  const short = shortAnswer ? cleanText(shortAnswer) : '';
  const lead = short
    ? `${fitText(short, Math.min(300, Math.max(0, max - cite.length - 8)), (s) => `**${s}**`)} ${cite}\n`
    : '';
  const markedSentence = short ? markSpan(sentence, short) : undefined;
  const sentenceRoom = Math.min(1500, max - lead.length - cite.length - 8);
  const head =
    lead +
    (markedSentence
      ? fitRendered(markedSentence, (t) => `${renderMarked(t)} ${cite}`, sentenceRoom)
      : fitText(sentence, sentenceRoom, (t) => (short ? `${t} ${cite}` : `**${t}** ${cite}`)));
  const paragraph = cleanText(p.text);
  if (!paragraph || paragraph === sentence) return head;
  const room = max - head.length - 3;
  if (room < 40) return head;
  // A short answer from another sentence of the paragraph is shown bold where it stands.
  const inParagraph = short && !markedSentence ? markSpan(paragraph, short) : undefined;
  const quote = fitRendered(inParagraph ?? markWords(paragraph, p.matched), (t) => `> ${renderMarked(t)}`, room);
  return `${head}\n${quote}`;
}

function furtherField(ctx: RenderContext, p: Passage, label: string): APIEmbedField {
  const sentence = cleanText(p.sentence) || cleanText(p.text);
  return {
    name: [label, escapeMarkdown(citationText(ctx, p.story, p.paragraph))].filter(Boolean).join(' '),
    value: fitRendered(markWords(sentence, p.matched), renderMarked, FURTHER_PASSAGE_CHARS) || '\u200B',
  };
}

export function renderAnswer(answer: Answer, ctx: RenderContext, view: AnswerView = {}): Payload {
  const offset = view.offset ?? 0;
  const shown = answer.passages.slice(0, PAGE_SIZE);
  const continued = offset > 0;
  const title = questionTitle(answer.question, continued ? 'More for: ' : 'Q: ');
  const more = view.hasMore ? moreButtonId(cleanText(answer.question), offset + shown.length, view.story) : undefined;
  const components = answerButtons(ctx, shown, more);

  const embed: APIEmbed = { title, color: answer.answered ? COLORS.answered : COLORS.unanswered };
  const storyTitle = shown[0] ? ctx.titleOf(shown[0].story) : undefined;
  if (storyTitle) embed.footer = { text: truncate(plainText(storyTitle), LIMITS.embedTitle) };
  if (answer.parts && answer.parts.length > 1 && !continued) {
    // Two questions in one: each part's own answer, in order, sharing the description.
    const budget = Math.floor((LIMITS.embedDescription - 16 * answer.parts.length) / answer.parts.length);
    embed.description = answer.parts
      .map((part, i) => {
        const label = fitRendered(cleanText(part.question), (t) => `**${i + 1}.** ${escapeMarkdown(t)}`, 300);
        const [best] = part.passages;
        const body =
          part.answered && best
            ? passageBlock(ctx, best, budget - label.length - 1, part.shortAnswer)
            : safeText(part.note ?? "The story doesn't say.");
        return `${label}\n${body}`;
      })
      .join('\n\n');
  } else if (answer.answered && shown.length > 0) {
    const [first, ...rest] = shown as [Passage, ...Passage[]];
    embed.fields = rest.map((p) => furtherField(ctx, p, continued ? '' : 'Also'));
    // The first passage gets whatever the shared 6,000-character budget leaves.
    const used =
      title.length +
      (embed.footer?.text.length ?? 0) +
      embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    const header = continued ? `Passages ${offset + 1}–${offset + shown.length}:\n` : '';
    // The short answer belongs to the first passage of the first page only.
    const short = continued ? null : answer.shortAnswer;
    embed.description =
      header +
      passageBlock(ctx, first, Math.min(LIMITS.embedDescription, LIMITS.embedTotal - used) - header.length, short);
  } else if (continued) {
    embed.description = shown.length > 0 ? 'Further passages that may be related:' : 'There are no further passages.';
    embed.fields = shown.map((p) => furtherField(ctx, p, 'Closest:'));
  } else {
    // The note says what the story does mention ("The story mentions X but doesn't give an age.").
    const said = answer.note ? safeText(answer.note) : STORY_DOES_NOT_SAY;
    embed.description =
      shown.length > 0
        ? `${said} These are the closest passages, and they may not answer it:`
        : answer.note
          ? said
          : STORY_SAYS_NOTHING;
    embed.fields = shown.map((p) => furtherField(ctx, p, 'Closest:'));
  }
  return finalize({ embeds: [embed], components });
}

// ---------------------------------------------------------------------------------------------
// Summaries, paragraphs, help, notices

export function renderSummary(summary: Summary, ctx: RenderContext, length: SummaryLength, note?: string): Payload {
  const title = fitText(summary.title || summary.story, LIMITS.embedTitle, (t) => `Summary: ${t}`);
  const parts: string[] = [];
  let used = 0;
  for (const s of summary.sentences) {
    const cite = citation(ctx, summary.story, s.paragraph);
    const separator = parts.length > 0 ? 1 : 0;
    const room = LIMITS.embedDescription - used - separator;
    const full = `${safeText(s.text)} ${cite}`;
    if (full.length <= room) {
      parts.push(full);
      used += full.length + separator;
    } else if (parts.length === 0) {
      parts.push(fitText(s.text, room, (t) => `${t} ${cite}`)); // one over-long sentence: cut it
      break;
    } else break;
  }
  const footer = [`${length} summary of ${plainText(summary.story)}`, note ? plainText(note) : '']
    .filter(Boolean)
    .join(' · ');
  return finalize({
    embeds: [
      {
        title,
        description: parts.length > 0 ? parts.join(' ') : 'This story has nothing to summarize.',
        color: COLORS.summary,
        footer: { text: footer },
      },
    ],
    components: [],
  });
}

export function renderParagraph(story: Story, paragraph: Paragraph, ctx: RenderContext): Payload {
  const cite = citationText(ctx, story.id, paragraph.n);
  const title = fitText(story.title || story.id, LIMITS.embedTitle, (t) => `${escapeMarkdown(cite)} · ${t}`);
  const text = cleanText(paragraph.text);
  const description = text ? fitRendered(text, escapeMarkdown, LIMITS.embedDescription) : '(empty paragraph)';
  const footer = `${plainText(story.id)} · paragraph ${paragraph.n} of ${story.paragraphs.length}`;
  return finalize({
    embeds: [{ title, description, color: COLORS.paragraph, footer: { text: footer } }],
    components: [],
  });
}

export function renderHelp(ctx: RenderContext, stories: readonly Pick<Story, 'id' | 'title'>[]): Payload {
  const lines = [
    '`/ask question:` — ask about the story; the answer cites paragraphs as ¶N. Add `private:True` to see it alone.',
    '`/summary` — the story in a few cited sentences (`length:` short, medium or long).',
    '`/passage number:` — read one paragraph in full.',
    'Or mention me: `@bot how many troops are there?`, `@bot summary`, `@bot help`. DMs work too.',
    'Right-click a message → Apps → **Ask storybot** to ask its text. In a server, vote 👍/👎 on answers: the admins see what went wrong.',
  ];
  if (ctx.multiStory)
    lines.push('Several stories are loaded: pick one with the `story:` option, or ask all of them at once.');
  const loaded = stories.map((s) => `${safeText(s.title || s.id)}${ctx.multiStory ? ` (${safeText(s.id)})` : ''}`);
  const description = truncate([...lines, '', `Loaded: ${loaded.join(', ')}`].join('\n'), LIMITS.embedDescription);
  return finalize({ embeds: [{ title: 'How to use storybot', description, color: COLORS.help }], components: [] });
}

/** A short text reply the bot wrote itself; anything from a user inside must already be escaped. */
export function renderNotice(text: string): Payload {
  return finalize({ content: text, embeds: [], components: [] });
}

/** "Slow down" with a Discord relative timestamp, so each reader sees their own "in 8 seconds". */
export function renderCooldown(retryAt: number): Payload {
  return renderNotice(`Slow down a little: you can ask again <t:${Math.ceil(retryAt / 1000)}:R>.`);
}

export const APOLOGY = 'Sorry, something went wrong while answering that. Please try again in a moment.';
