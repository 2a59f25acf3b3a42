// Larger corpora for the speed and scale benchmark, grown from SQuAD 1.1 dev: the 2,067 real
// paragraphs stay intact and in the corpus, and distractor paragraphs are made by recombining real
// SQuAD sentences, so the vocabulary and its statistics stay real. The questions asked come from a
// seeded quarter of the paragraphs whose sentences are never reused in distractors: each question
// then has exactly one paragraph that holds its answer sentence, and top-1 stays meaningful.
import type { SquadSet } from './data.js';

/** mulberry32: a small, fast, seeded PRNG, so every run (and every child process) builds the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place with the given random source. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

// A deliberately simple splitter (end punctuation, space, capital or digit): the corpus must not
// change when storybot's own sentence splitter is tuned.
const SENTENCE_BREAK = /(?<=[.!?]["')\]]?)\s+(?=["'(\[]?[A-Z0-9])/;

export function roughSentences(paragraph: string): string[] {
  return paragraph
    .split(SENTENCE_BREAK)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface GrownQuestion {
  question: string;
  /** Position of the gold (original) paragraph in the grown corpus. */
  gold: number;
}

export interface GrownCorpus {
  texts: string[];
  /** Questions of the question paragraphs, in a seeded random order, with their gold position. */
  questions: GrownQuestion[];
  /** How many of the texts are real SQuAD paragraphs (the rest are distractors). */
  originals: number;
}

export const CORPUS_SEED = 20241002;
/** Share of the real paragraphs whose questions are asked (and whose sentences distractors never use). */
export const QUESTION_SHARE = 0.25;

/**
 * A corpus of `size` paragraphs (never fewer than the 2,067 originals): every SQuAD 1.1 dev
 * paragraph plus distractors, each as many sentences as a random real paragraph has, drawn from
 * the sentences of the paragraphs that are not asked about; all in one shuffled order.
 */
export function growCorpus(set: SquadSet, size: number, seed = CORPUS_SEED): GrownCorpus {
  const random = seededRandom(seed);
  const originals: string[] = [];
  const questionsOf: { question: string; original: number }[][] = [];
  for (const article of set.articles) {
    const offset = originals.length;
    originals.push(...article.paragraphs);
    for (let p = 0; p < article.paragraphs.length; p++) questionsOf.push([]);
    for (const q of article.questions)
      if (q.paragraph !== null)
        questionsOf[offset + q.paragraph].push({ question: q.question, original: offset + q.paragraph });
  }
  const asked = new Set(
    shuffle(
      Array.from({ length: originals.length }, (_, i) => i),
      random,
    ).slice(0, Math.round(originals.length * QUESTION_SHARE)),
  );

  const pool: string[] = [];
  const lengths: number[] = [];
  originals.forEach((p, i) => {
    const parts = roughSentences(p);
    lengths.push(parts.length);
    if (!asked.has(i)) pool.push(...parts);
  });

  const total = Math.max(size, originals.length);
  const texts: string[] = [...originals];
  for (let i = originals.length; i < total; i++) {
    const count = lengths[Math.floor(random() * lengths.length)];
    const picked: string[] = [];
    for (let s = 0; s < count; s++) picked.push(pool[Math.floor(random() * pool.length)]);
    texts.push(picked.join(' '));
  }

  // Shuffle positions so that no engine gains from ties broken toward low ids.
  const order = shuffle(
    Array.from({ length: total }, (_, i) => i),
    random,
  );
  const positionOf = new Uint32Array(total);
  const shuffled = new Array<string>(total);
  order.forEach((from, to) => {
    shuffled[to] = texts[from];
    positionOf[from] = to;
  });
  const questions = shuffle(
    [...asked].flatMap((p) => questionsOf[p]),
    random,
  ).map((q) => ({ question: q.question, gold: positionOf[q.original] }));
  return { texts: shuffled, questions, originals: originals.length };
}
