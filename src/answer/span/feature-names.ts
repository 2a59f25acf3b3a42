// The short answer's feature vocabulary: every feature's name and id (features.ts emits them).
import { SOURCES } from './candidates.js';
import { ASKED_KINDS, QUESTION_CLASSES } from './question.js';
import type { PartOfSpeech } from './tagging.js';

export const POS: readonly PartOfSpeech[] = [
  'ADJ',
  'ADP',
  'ADV',
  'AUX',
  'CCONJ',
  'DET',
  'INTJ',
  'NOUN',
  'NUM',
  'PART',
  'PRON',
  'PROPN',
  'PUNCT',
  'SCONJ',
  'SYM',
  'VERB',
  'X',
  'SPACE',
];
/** Words before a span that say much about it ("in 1990", "by the Romans", "called X"). */
export const BEFORE_WORDS = [
  'in',
  'on',
  'at',
  'by',
  'of',
  'from',
  'to',
  'for',
  'with',
  'as',
  'than',
  'about',
  'during',
  'since',
  'after',
  'before',
  'until',
  'between',
  'into',
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'called',
  'named',
  'known',
  'the',
  'a',
  'an',
  'its',
  'his',
  'their',
  'and',
  'or',
  ',',
  '(',
  '"',
  'including',
  'such',
  'like',
  'because',
  'through',
  'which',
  'who',
  'that',
  'over',
  'under',
  'nearly',
  'approximately',
  'around',
  'said',
  'says',
  'became',
  'has',
  'had',
  'have',
  ':',
  '-',
  '—',
  'year',
  'and',
  'not',
  'due',
  'so',
  'amid',
  'following',
  'citing',
  'would',
  'will',
  'could',
  'must',
  'should',
  'can',
  'may',
  'to',
  'of',
];
/** Words after a span ("2,500 troops", "X, who", "X (born ...)"). */
export const AFTER_WORDS = [
  "'s",
  ')',
  ',',
  '.',
  'and',
  'of',
  'in',
  'to',
  'was',
  'is',
  'has',
  'had',
  'who',
  'which',
  'that',
  'percent',
  '%',
  'people',
  'years',
  'year',
  'million',
  'billion',
  '(',
  'for',
  'on',
  'at',
  'by',
  'as',
  'were',
  'are',
  'said',
  'says',
  ':',
  ';',
  '"',
  '-',
  '—',
  'from',
  'with',
  'or',
  'than',
  'per',
];
export const LENGTHS = ['1', '2', '3', '4', '5-6', '7-9', '10+'];

export function lengthBucket(n: number): string {
  if (n <= 4) return String(n);
  if (n <= 6) return '5-6';
  if (n <= 9) return '7-9';
  return '10+';
}

/** Feature names without the question class, in a fixed order (the model's columns). */
export const BASE_FEATURES: readonly string[] = [
  ...SOURCES.map((s) => `source:${s}`),
  ...LENGTHS.map((l) => `length:${l}`),
  ...POS.map((p) => `firstPos:${p}`),
  ...POS.map((p) => `lastPos:${p}`),
  ...[...new Set(BEFORE_WORDS)].map((w) => `before:${w}`),
  ...POS.map((p) => `beforePos:${p}`),
  'before:^',
  ...[...new Set(AFTER_WORDS)].map((w) => `after:${w}`),
  ...POS.map((p) => `afterPos:${p}`),
  'after:$',
  'capitalized',
  'allCapitalized',
  'digit',
  'year',
  'determiner',
  'comma',
  'inBrackets',
  'inQuote',
  'wholeQuote',
  'verb',
  'beforeIsAsked',
  'afterIsAsked',
  'afterIsHead',
  'holdsHead',
  'nextToHead',
  'repeats',
  'repeatsAll',
  'repeatsAny',
  'sentenceCoverage',
  'sentenceCoverageRelative',
  'bestSentence',
  'quotedSentence',
  'sentenceScoreRelative',
  'firstSentence',
  'noMatchInSentence',
  'left3',
  'right3',
  'left8',
  'right8',
  'restOfSentence',
  'distance',
  'adjacent',
  'beforeAllMatches',
  'afterAllMatches',
  'betweenMatches',
  'subjectOfAskedVerb',
  'objectOfAskedVerb',
  'logLength',
];
export const BASE_COUNT = BASE_FEATURES.length;
export const BASE_ID = new Map(BASE_FEATURES.map((name, i) => [name, i]));
/**
 * Row 0: features for every question; row 1 + k: the same for questions asking for kind k (a
 * number, a date, a name...); row 1 + kinds + c: for questions of class c. Classes with few
 * examples ("percent") lean on their kind's row.
 */
export const FEATURE_COUNT = BASE_COUNT * (1 + ASKED_KINDS.length + QUESTION_CLASSES.length);

export function featureName(id: number): string {
  const row = Math.floor(id / BASE_COUNT);
  const base = BASE_FEATURES[id % BASE_COUNT];
  if (row === 0) return base;
  if (row <= ASKED_KINDS.length) return `${ASKED_KINDS[row - 1]}×${base}`;
  return `${QUESTION_CLASSES[row - 1 - ASKED_KINDS.length]}×${base}`;
}

export function id(name: string): number {
  const found = BASE_ID.get(name);
  if (found === undefined) throw new Error(`span feature ${name} is not listed`);
  return found;
}

export const SOURCE_IDS = SOURCES.map((s) => id(`source:${s}`));
export const LENGTH_IDS = new Map(LENGTHS.map((l) => [l, id(`length:${l}`)]));
export const FIRST_POS = new Map(POS.map((p) => [p, id(`firstPos:${p}`)]));
export const LAST_POS = new Map(POS.map((p) => [p, id(`lastPos:${p}`)]));
export const BEFORE = new Map(BEFORE_WORDS.map((w) => [w, id(`before:${w}`)]));
export const BEFORE_POS = new Map(POS.map((p) => [p, id(`beforePos:${p}`)]));
export const AFTER = new Map(AFTER_WORDS.map((w) => [w, id(`after:${w}`)]));
export const AFTER_POS = new Map(POS.map((p) => [p, id(`afterPos:${p}`)]));
export const F = Object.fromEntries(BASE_FEATURES.filter((n) => !n.includes(':')).map((n) => [n, id(n)])) as Record<
  string,
  number
>;
export const SENTENCE_START = id('before:^');
export const SENTENCE_END = id('after:$');
