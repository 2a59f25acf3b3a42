// Evidence about each candidate span, for a linear model: what kind of span it is, the words
// around it, where it sits relative to the question's words in its sentence, whether it repeats
// them, and how well its sentence matches the question (what the search already found). Every
// feature also counts once more per question class ("when" x a date, "who" x a name), so the
// model learns which spans answer which questions.
import type { Candidate } from './candidates.js';
import type { AnalyzedParagraph } from './paragraph.js';
import { ASKED_KINDS, kindOfClass, QUESTION_CLASSES, type AnalyzedQuestion } from './question.js';
import {
  AFTER,
  AFTER_POS,
  BASE_COUNT,
  BEFORE,
  BEFORE_POS,
  F,
  FIRST_POS,
  LAST_POS,
  LENGTH_IDS,
  SENTENCE_END,
  SENTENCE_START,
  SOURCE_IDS,
  lengthBucket,
} from './feature-names.js';

export { FEATURE_COUNT, featureName } from './feature-names.js';

/** What the search knows about the paragraph it chose, for this question. */
export interface SearchContext {
  /** Sentence the answer quotes. */
  quoted: number;
  /** Match score of each sentence (the search's own). */
  sentenceScores?: readonly number[];
  /** Stems the search matched in the paragraph, related words included. */
  matchedTerms?: ReadonlySet<string>;
  /** Weight of a stem (idf); 1 for every stem when not given. */
  weightOf?: (term: string) => number;
}

/**
 * Features of every candidate, sparse: candidate k's are ids/values[offsets[k] .. offsets[k + 1]),
 * by base feature; each also counts in the asked kind's and the question class's rows, which
 * start at `kindRow` and `classRow`.
 */
export interface CandidateFeatures {
  ids: Uint16Array;
  values: Float32Array;
  offsets: Int32Array;
  kindRow: number;
  classRow: number;
  /** 1 for candidates made only of the question's own words: never an answer. */
  excluded: Uint8Array;
}

/** Weight of a related word (found by the search, not asked) relative to an asked one. */
const RELATED_SHARE = 0.5;

/** Features of each candidate that do not depend on the question: worked out once per paragraph. */
interface StaticFeatures {
  ids: number[];
  values: number[];
  offsets: Int32Array;
  /** Per candidate: how many of its tokens carry search terms. */
  withTerms: Int32Array;
}

const staticCache = new WeakMap<AnalyzedParagraph, StaticFeatures>();

function staticFeatures(p: AnalyzedParagraph): StaticFeatures {
  const cached = staticCache.get(p);
  if (cached) return cached;
  const { tokens, terms, sentenceStart, candidates } = p;
  const quoted = quotedTokens(p);
  const ids: number[] = [];
  const values: number[] = [];
  const offsets = new Int32Array(candidates.length + 1);
  const withTerms = new Int32Array(candidates.length);
  const add = (base: number, value = 1) => {
    if (value === 0) return;
    ids.push(base);
    values.push(value);
  };
  candidates.forEach((c: Candidate, k) => {
    offsets[k] = ids.length;
    const from = sentenceStart[c.sentence];
    const to = sentenceStart[c.sentence + 1];
    const first = tokens[c.first];
    const last = tokens[c.last];
    const length = c.last - c.first + 1;

    for (let b = 0; b < SOURCE_IDS.length; b++) if (c.sources & (1 << b)) add(SOURCE_IDS[b]);
    add(LENGTH_IDS.get(lengthBucket(length))!);
    add(F.logLength, Math.log(length));
    add(FIRST_POS.get(first.pos)!);
    add(LAST_POS.get(last.pos)!);

    const before = c.first > from ? tokens[c.first - 1] : undefined;
    const after = c.last + 1 < to ? tokens[c.last + 1] : undefined;
    if (!before) add(SENTENCE_START);
    else {
      const word = BEFORE.get(before.lower);
      add(word ?? BEFORE_POS.get(before.pos)!);
      if (before.text === '(') add(F.inBrackets);
    }
    if (!after) add(SENTENCE_END);
    else add(AFTER.get(after.lower) ?? AFTER_POS.get(after.pos)!);

    // The span itself: names, figures, verbs, quotes.
    let words = 0;
    let capitalized = 0;
    let digit = false;
    let verb = false;
    let comma = false;
    for (let i = c.first; i <= c.last; i++) {
      const t = tokens[i];
      if (t.text === ',') comma = true;
      if (t.pos === 'PUNCT') continue;
      words++;
      const code = t.text.charCodeAt(0);
      if (code >= 65 && code <= 90) capitalized++;
      if (/\d/.test(t.text)) digit = true;
      if (t.pos === 'VERB') verb = true;
      if (terms[i].length > 0) withTerms[k]++;
    }
    if (words > 0) add(F.capitalized, capitalized / words);
    if (words > 0 && capitalized === words) add(F.allCapitalized);
    if (digit) add(F.digit);
    if (verb) add(F.verb);
    if (length === 1 && /^(?:1\d{3}|20\d{2})s?$/.test(first.text)) add(F.year);
    if (first.pos === 'DET') add(F.determiner);
    if (quoted[c.first] && quoted[c.last]) {
      add(F.inQuote);
      if (!quoted[c.first - 1] && !quoted[c.last + 1]) add(F.wholeQuote);
    }
    if (comma) add(F.comma);
    if (c.sentence === 0) add(F.firstSentence);
  });
  offsets[candidates.length] = ids.length;
  const features = { ids, values, offsets, withTerms };
  staticCache.set(p, features);
  return features;
}

/** Receives each candidate's features in turn: collected for training, or scored straight away. */
export interface FeatureSink {
  candidate(k: number): void;
  add(base: number, value: number): void;
  /** Candidate k says nothing the question does not: it is never the answer. */
  exclude(k: number): void;
}

/** The rows a question's features also count in: its asked kind's and its class's. */
export function questionRows(q: AnalyzedQuestion): { kindRow: number; classRow: number } {
  return {
    kindRow: (1 + ASKED_KINDS.indexOf(kindOfClass(q.class))) * BASE_COUNT,
    classRow: (1 + ASKED_KINDS.length + QUESTION_CLASSES.indexOf(q.class)) * BASE_COUNT,
  };
}

/** Every candidate's features, sparse (for training). */
export function extractFeatures(q: AnalyzedQuestion, p: AnalyzedParagraph, context: SearchContext): CandidateFeatures {
  const ids: number[] = [];
  const values: number[] = [];
  const offsets = new Int32Array(p.candidates.length + 1);
  const excluded = new Uint8Array(p.candidates.length);
  emitFeatures(q, p, context, {
    candidate: (k) => (offsets[k] = ids.length),
    add: (base, value) => {
      ids.push(base);
      values.push(value);
    },
    exclude: (k) => (excluded[k] = 1),
  });
  offsets[p.candidates.length] = ids.length;
  return { ids: Uint16Array.from(ids), values: Float32Array.from(values), offsets, excluded, ...questionRows(q) };
}

/** Sends each candidate's features, in candidate order, to `sink`. */
export function emitFeatures(
  q: AnalyzedQuestion,
  p: AnalyzedParagraph,
  context: SearchContext,
  sink: FeatureSink,
): void {
  const { tokens, terms, sentenceStart, candidates } = p;
  const weightOf = context.weightOf ?? (() => 1);
  const fixed = staticFeatures(p);

  // How much of the question each token holds, and each sentence (each asked term once).
  let total = 0;
  const askedWeight = new Map<string, number>();
  for (const term of q.terms) {
    const w = weightOf(term);
    askedWeight.set(term, w);
    if (!term.endsWith('.') || !q.terms.has(term.slice(0, -1))) total += w;
  }
  total ||= 1;
  const match = new Float64Array(tokens.length);
  const asked = new Uint8Array(tokens.length); // the token is one of the question's own words
  const isHead = new Uint8Array(tokens.length);
  const sentences = sentenceStart.length - 1;
  const coverage = new Float64Array(sentences);
  const seen = new Set<string>();
  for (let s = 0; s < sentences; s++) {
    seen.clear();
    for (let i = sentenceStart[s]; i < sentenceStart[s + 1]; i++) {
      for (const term of terms[i]) {
        if (q.terms.has(term)) asked[i] = 1;
        if (term === q.head) isHead[i] = 1;
        let w = askedWeight.get(term);
        if (w === undefined && context.matchedTerms?.has(term)) w = RELATED_SHARE * weightOf(term);
        if (w === undefined) continue;
        if (w / total > match[i]) match[i] = w / total;
        if (!seen.has(term)) {
          seen.add(term);
          coverage[s] += w / total;
        }
      }
    }
  }
  const prefix = new Float64Array(tokens.length + 1);
  const askedBefore = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) {
    prefix[i + 1] = prefix[i] + match[i];
    askedBefore[i + 1] = askedBefore[i] + asked[i];
  }
  const window = (from: number, to: number) =>
    prefix[Math.max(0, Math.min(tokens.length, to))] - prefix[Math.max(0, Math.min(tokens.length, from))];
  // Matching tokens of each sentence, in order, for the nearest-match search.
  const matchesOf: number[][] = Array.from({ length: sentences }, () => []);
  for (let i = 0; i < tokens.length; i++) if (match[i] > 0) matchesOf[p.sentenceOf[i]].push(i);
  let maxCoverage = 0;
  for (let s = 0; s < sentences; s++) maxCoverage = Math.max(maxCoverage, coverage[s]);
  let maxScore = 0;
  for (const score of context.sentenceScores ?? []) maxScore = Math.max(maxScore, score);

  const add = (base: number, value = 1) => {
    if (value !== 0) sink.add(base, value);
  };

  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k];
    sink.candidate(k);
    for (let j = fixed.offsets[k]; j < fixed.offsets[k + 1]; j++) sink.add(fixed.ids[j], fixed.values[j]);
    const s = c.sentence;
    const from = sentenceStart[s];
    const to = sentenceStart[s + 1];

    // How much of the span the question already says (an answer rarely repeats it).
    if (fixed.withTerms[k] > 0) {
      const repeated = askedBefore[c.last + 1] - askedBefore[c.first];
      const share = Math.min(1, repeated / fixed.withTerms[k]);
      add(F.repeats, share);
      if (share >= 1) {
        add(F.repeatsAll);
        // "Were any sailors injured?" is not answered by "injured".
        sink.exclude(k);
      }
      if (repeated > 0) add(F.repeatsAny);
    }
    if (q.head !== undefined) {
      let holds = false;
      for (let i = c.first; i <= c.last && !holds; i++) holds = isHead[i] === 1;
      if (holds) add(F.holdsHead);
      if (c.last + 1 < to && isHead[c.last + 1]) add(F.afterIsHead);
      for (let i = Math.max(from, c.first - 3); i <= Math.min(to - 1, c.last + 3); i++) {
        if ((i < c.first || i > c.last) && isHead[i]) {
          add(F.nextToHead);
          break;
        }
      }
    }
    if (c.first > from && match[c.first - 1] > 0) add(F.beforeIsAsked);
    if (c.last + 1 < to && match[c.last + 1] > 0) add(F.afterIsAsked);

    // The sentence: how well it matches the question, and whether the search chose it.
    add(F.sentenceCoverage, coverage[s]);
    if (maxCoverage > 0) add(F.sentenceCoverageRelative, coverage[s] / maxCoverage);
    if (coverage[s] === maxCoverage && maxCoverage > 0) add(F.bestSentence);
    if (s === context.quoted) add(F.quotedSentence);
    if (maxScore > 0) add(F.sentenceScoreRelative, (context.sentenceScores?.[s] ?? 0) / maxScore);

    // Where the question's words stand around the span.
    add(F.left3, window(Math.max(from, c.first - 3), c.first));
    add(F.right3, window(c.last + 1, Math.min(to, c.last + 4)));
    add(F.left8, window(Math.max(from, c.first - 8), c.first));
    add(F.right8, window(c.last + 1, Math.min(to, c.last + 9)));
    add(F.restOfSentence, window(from, c.first) + window(c.last + 1, to));
    let nearest = Infinity;
    let nearestAt = -1;
    let firstMatch = -1;
    let lastMatch = -1;
    for (const i of matchesOf[s]) {
      if (i >= c.first && i <= c.last) continue;
      if (firstMatch < 0) firstMatch = i;
      lastMatch = i;
      const d = i < c.first ? c.first - i : i - c.last;
      if (d < nearest) {
        nearest = d;
        nearestAt = i;
      }
    }
    if (nearestAt < 0) add(F.noMatchInSentence);
    else {
      add(F.distance, Math.log1p(nearest));
      if (nearest === 1) add(F.adjacent);
      if (c.last < firstMatch) add(F.beforeAllMatches);
      else if (c.first > lastMatch) add(F.afterAllMatches);
      else add(F.betweenMatches);
      if (tokens[nearestAt].pos === 'VERB') add(nearestAt > c.last ? F.subjectOfAskedVerb : F.objectOfAskedVerb);
    }
  }
}

const OPENING_QUOTES = new Set(['“', '‘']);
const CLOSING_QUOTES = new Set(['”', '’']);

/** Which tokens stand inside quotation marks (straight quotes toggle; a paragraph end closes). */
function quotedTokens(p: AnalyzedParagraph): Uint8Array {
  const inside = new Uint8Array(p.tokens.length + 1);
  let open = false;
  p.tokens.forEach((t, i) => {
    if (t.text === '"' || t.text === '«' || t.text === '»') open = !open;
    else if (OPENING_QUOTES.has(t.text) && !t.attached) open = true;
    else if (CLOSING_QUOTES.has(t.text) && t.text !== '’') open = false;
    else if (t.text === '”') open = false;
    else inside[i] = open ? 1 : 0;
  });
  return inside;
}
