/**
 * What `/story` shows admins: the stories a server can ask, and its gaps report. Everything from
 * a story file or a question is escaped; every reply passes `finalize` (limits, no pings).
 */
import type { Story } from '../story/types.js';
import type { Gaps, StoredStoryInfo } from '../store/types.js';
import { formatBytes } from '../server-stories/upload.js';
import { cleanText, safeText } from './escape.js';
import { LIMITS, truncate } from './limits.js';
import { finalize, renderNotice, type Payload } from './render.js';

const COLOR = 0x5865f2;
const TITLE_CHARS = 80;

/** `<t:…:R>`: Discord shows each reader "3 days ago" in their own language and time zone. */
function when(ms: number, style: 'R' | 'd' = 'R'): string {
  return `<t:${Math.floor(ms / 1000)}:${style}>`;
}

/** A user's mention, shown as their name; never pings (allowed mentions are off everywhere). */
function who(userId: string): string {
  return /^\d{1,20}$/.test(userId) ? `<@${userId}>` : 'someone';
}

/** Lines that fit `budget` characters, with "…and N more" when some do not. */
function fitLines(lines: readonly string[], budget: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const more = `…and ${lines.length - i} more.`;
    if (used + line.length + 1 + more.length + 1 > budget && i < lines.length - 1) {
      kept.push(more);
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return truncate(kept.join('\n'), budget);
}

/** A name in a code span: shown as typed (no escapes there), never closing the span early. */
function code(name: string): string {
  return `\`${cleanText(name).replace(/`/g, "'") || '?'}\``;
}

function paragraphs(n: number): string {
  return `${n} paragraph${n === 1 ? '' : 's'}`;
}

export function renderStoryAdded(story: StoredStoryInfo, titleFrom: string): Payload {
  const source =
    titleFrom === 'text' ? 'from the file' : titleFrom === 'option' ? 'from the title option' : 'from the file name';
  return renderNotice(
    `Added **${safeText(truncate(story.title, TITLE_CHARS))}** (${code(story.slug)}, title ${source}): ${paragraphs(story.paragraphs)}, ${formatBytes(story.sizeBytes)}. Members can ask it now with /ask in this server.`,
  );
}

export function renderStoryRemoved(story: StoredStoryInfo): Payload {
  return renderNotice(
    `Removed **${safeText(truncate(story.title, TITLE_CHARS))}** (${code(story.slug)}): it is no longer asked or cited in this server.`,
  );
}

export function renderStoryList(
  own: readonly StoredStoryInfo[],
  shipped: readonly Story[],
  maxPerServer: number,
): Payload {
  const ownLines = own.map(
    (s) =>
      `• **${safeText(truncate(s.title, TITLE_CHARS))}** (${code(s.slug)}) · ${paragraphs(s.paragraphs)} · added by ${who(s.addedBy)} ${when(s.addedAt)}`,
  );
  const shippedLines = shipped.map(
    (s) =>
      `• **${safeText(truncate(s.title, TITLE_CHARS))}** (${code(s.id)}) · ${paragraphs(s.paragraphs.length)} · shipped with the bot`,
  );
  const ownHead = `**This server's stories** (${own.length} of ${maxPerServer})`;
  const ownBody = ownLines.length > 0 ? fitLines(ownLines, 3000) : 'None yet: add one with `/story add file:`.';
  const shippedHead = '**Shipped with the bot** (cannot be removed here)';
  const shippedBody =
    shippedLines.length > 0
      ? fitLines(shippedLines, LIMITS.embedDescription - 3100 - ownHead.length - shippedHead.length)
      : 'None.';
  const description = [ownHead, ownBody, '', shippedHead, shippedBody].join('\n');
  return finalize({ embeds: [{ title: 'Stories this server can ask', description, color: COLOR }], components: [] });
}

function quote(question: string): string {
  return `“${safeText(truncate(question, 200))}”`;
}

export function renderGaps(gaps: Gaps & { days: number }): Payload {
  const unanswered = gaps.unanswered.map(
    (g, i) =>
      `${i + 1}. ${quote(g.question)} · asked ${g.asked} time${g.asked === 1 ? '' : 's'}, last ${when(g.lastAskedAt)}`,
  );
  const downvoted = gaps.downvoted.map((g, i) => {
    const cited =
      g.storySlug !== undefined && g.paragraph !== undefined
        ? ` · answered from ${code(g.storySlug)} ¶${g.paragraph}`
        : '';
    return `${i + 1}. ${quote(g.question)} · 👎 ${g.down} · 👍 ${g.up}${cited}`;
  });
  const embeds = [
    {
      title: `Questions the stories could not answer (last ${gaps.days} days)`,
      description:
        unanswered.length > 0 ? fitLines(unanswered, 2700) : 'None: every question asked here found its answer.',
      color: COLOR,
      footer: { text: 'Most asked first. Add a story that answers them with /story add.' },
    },
    {
      title: 'Answers members voted down',
      description: downvoted.length > 0 ? fitLines(downvoted, 2700) : 'None.',
      color: COLOR,
    },
  ];
  return finalize({ embeds, components: [] });
}

/** A refusal or problem: one line, escaped (it may quote a file name or a title). */
export function renderProblem(problem: string): Payload {
  return renderNotice(safeText(problem));
}
