import type { Answer, Passage, Summary } from './answer/types.js';
import { STORY_DOES_NOT_SAY } from './strings.js';

/** `[¶4]`, or `[story ¶4]` when several stories are loaded and citations must name theirs. */
function bracketCitation(passage: { story: string; paragraph: number }, withStory: boolean): string {
  return withStory ? `[${passage.story} ¶${passage.paragraph}]` : `[¶${passage.paragraph}]`;
}

/**
 * `text` with the first whole-word occurrence of `span` in `**bold**`, or undefined when the
 * span is not in it (a short answer from another sentence of the paragraph).
 */
export function boldSpan(text: string, span: string): string | undefined {
  let at = text.indexOf(span);
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  while (at >= 0 && (isWordChar(text[at - 1]) || isWordChar(text[at + span.length]))) at = text.indexOf(span, at + 1);
  if (at < 0) return undefined;
  return `${text.slice(0, at)}**${span}**${text.slice(at + span.length)}`;
}

/**
 * An answer as plain text for a terminal: the short answer in bold with its citation (when
 * there is one), the answering sentence with the short answer in bold, then its passage.
 */
export function answerToText(answer: Answer, withStory = false): string {
  const cite = (p: Passage) => bracketCitation(p, withStory);
  if (answer.parts && answer.parts.length > 1) {
    // Two questions in one: each part's own answer, in order.
    return answer.parts.map((part, i) => `${i + 1}. ${part.question}\n${answerToText(part, withStory)}`).join('\n\n');
  }
  const [best, ...more] = answer.passages;
  if (!answer.answered || !best) {
    const lines = [answer.note ?? STORY_DOES_NOT_SAY];
    if (answer.passages.length > 0) {
      lines.push('Closest passages:');
      for (const p of answer.passages) lines.push(`  ${cite(p)} ${p.sentence}`);
    }
    return lines.join('\n');
  }
  const short = answer.shortAnswer;
  const inSentence = short ? boldSpan(best.sentence, short) : undefined;
  const passage = short && !inSentence ? (boldSpan(best.text, short) ?? best.text) : best.text;
  const lines = [`${inSentence ?? best.sentence} ${cite(best)}`, '', `  ${cite(best)} ${passage}`];
  if (short) lines.unshift(`**${short}** ${cite(best)}`);
  if (more.length > 0) {
    lines.push('', 'Also:');
    for (const p of more) lines.push(`  ${cite(p)} ${p.sentence}`);
  }
  return lines.join('\n');
}

/** A summary as plain text: its sentences in story order, each followed by its citation. */
export function summaryToText(summary: Summary, withTitle = false): string {
  const body = summary.sentences.map((s) => `${s.text} [¶${s.paragraph}]`).join(' ');
  return withTitle ? `${summary.title}\n${body}` : body;
}
