import type { Answer, Passage, Summary } from './answer/types.js';

/** `[¶4]`, or `[story ¶4]` when several stories are loaded and citations must name theirs. */
export function citation(passage: { story: string; paragraph: number }, withStory: boolean): string {
  return withStory ? `[${passage.story} ¶${passage.paragraph}]` : `[¶${passage.paragraph}]`;
}

/** An answer as plain text for a terminal: the answering sentence first, then its passage. */
export function answerToText(answer: Answer, withStory = false): string {
  const cite = (p: Passage) => citation(p, withStory);
  const [best, ...more] = answer.passages;
  if (!answer.answered || !best) {
    const lines = ["The story doesn't say."];
    if (answer.passages.length > 0) {
      lines.push('Closest passages:');
      for (const p of answer.passages) lines.push(`  ${cite(p)} ${p.sentence}`);
    }
    return lines.join('\n');
  }
  const lines = [`${best.sentence} ${cite(best)}`, '', `  ${cite(best)} ${best.text}`];
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
