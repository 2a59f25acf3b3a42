// Baselines for the short answer, as the issue names them:
// - the whole quoted sentence (what a lexical bot gives);
// - the SQuAD paper's sliding-window baseline (Rajpurkar et al. 2016, section 5.1, after
//   Richardson et al. 2013): among candidate spans, keep those whose sentence (without the span)
//   shares the most question unigrams and bigrams; among those, the sliding-window score: the
//   question's words (weighted by inverse count in the paragraph) found in a window around the
//   span, the size of the question, and the distance-based extension (minus the distance to the
//   question's words). The paper's candidates are the constituents of a full parse; ours are the
//   bot's own candidate spans (noun phrases, names, entities, clauses), the closest we have.
// - a quick pick of a figure, a date or a capitalised name from the quoted sentence by the asked
//   kind (the reference the issue quotes: F1 24 on SQuAD, 11 on news).
import { AnswerKind, askedKind } from '../../src/search/answer-type.js';
import type { AnalyzedParagraph } from '../../src/answer/span/paragraph.js';
import { spanText } from '../../src/answer/span/paragraph.js';

/** Lowercase word tokens of a text (letters and digits), for overlap counts. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'at',
  'to',
  'is',
  'was',
  'were',
  'are',
  'what',
  'which',
  'who',
  'whom',
  'when',
  'where',
  'why',
  'how',
  'did',
  'does',
  'do',
  'and',
  'or',
  'for',
  'by',
  'with',
  'as',
  'that',
  'it',
  'its',
  'be',
  'from',
]);

/** The SQuAD paper's sliding-window baseline over the paragraph's candidate spans. */
export function slidingWindow(question: string, p: AnalyzedParagraph): string | null {
  const q = words(question);
  const qSet = new Set(q.filter((w) => !STOP.has(w)));
  const qBigrams = new Set(q.slice(1).map((w, i) => `${q[i]} ${w}`));
  const lower = p.tokens.map((t) => t.lower);
  const counts = new Map<string, number>();
  for (const w of lower) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ic = (w: string) => Math.log(1 + 1 / (counts.get(w) ?? 1));
  let bestOverlap = -1;
  let kept: number[] = [];
  p.candidates.forEach((c, k) => {
    const from = p.sentenceStart[c.sentence];
    const to = p.sentenceStart[c.sentence + 1];
    let overlap = 0;
    const seen = new Set<string>();
    for (let i = from; i < to; i++) {
      if (i >= c.first && i <= c.last) continue;
      if (qSet.has(lower[i]) && !seen.has(lower[i])) {
        seen.add(lower[i]);
        overlap++;
      }
      if (i + 1 < to && (i + 1 < c.first || i > c.last) && qBigrams.has(`${lower[i]} ${lower[i + 1]}`)) overlap++;
    }
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      kept = [k];
    } else if (overlap === bestOverlap) kept.push(k);
  });
  if (kept.length === 0) return null;
  const window = qSet.size + 1;
  let best = -1;
  let bestScore = -Infinity;
  for (const k of kept) {
    const c = p.candidates[k];
    const from = p.sentenceStart[c.sentence];
    const to = p.sentenceStart[c.sentence + 1];
    let sw = 0;
    const found = new Set<string>();
    for (let i = Math.max(from, c.first - window); i < Math.min(to, c.last + 1 + window); i++) {
      if (i >= c.first && i <= c.last) continue;
      if (qSet.has(lower[i]) && !found.has(lower[i])) {
        found.add(lower[i]);
        sw += ic(lower[i]);
      }
    }
    let distance = 0;
    for (const w of qSet) {
      let d = Infinity;
      for (let i = from; i < to; i++)
        if (lower[i] === w && (i < c.first || i > c.last)) d = Math.min(d, i < c.first ? c.first - i : i - c.last);
      distance += Number.isFinite(d) ? d / Math.max(1, to - from) : 1;
    }
    const score = sw - distance / Math.max(1, qSet.size);
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best < 0 ? null : spanText(p, p.candidates[best]);
}

const YEAR_OR_DATE =
  /\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?|(?:1\d{3}|20\d{2})s?)\b/;
const FIGURE = /(?:[$£€]\s?)?\d[\d,.]*(?:\s?(?:%|percent|million|billion|thousand))?/;
const NAME = /(?<=\s)(?:\p{Lu}[\p{L}'’.-]+)(?:\s+(?:of\s+|de\s+|the\s+)?\p{Lu}[\p{L}'’.-]+)*/u;

/** The quick pick: the first figure, date or capitalised name of the quoted sentence, by the asked kind. */
export function quickPick(question: string, sentence: string): string | null {
  const kind = askedKind(question);
  const inQuestion = new Set(words(question));
  const fresh = (m: RegExpMatchArray | null) => (m && words(m[0]).some((w) => !inQuestion.has(w)) ? m[0] : null);
  const firstFresh = (pattern: RegExp) => {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const m of sentence.matchAll(global)) if (fresh(m)) return m[0];
    return null;
  };
  if (kind === AnswerKind.Date) return firstFresh(YEAR_OR_DATE) ?? firstFresh(FIGURE);
  if (kind === AnswerKind.Number) return firstFresh(FIGURE);
  return firstFresh(NAME) ?? firstFresh(FIGURE);
}
