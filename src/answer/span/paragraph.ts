// What the short answer needs to know of a paragraph, whatever the question: its tagged tokens,
// the sentence and search term of each, and the candidate spans. Worked out once per paragraph.
import { analyze } from '../../search/text.js';
import { candidatesOf, type Candidate } from './candidates.js';
import { tag, type Tagged, type TaggedToken } from './tagging.js';

export interface SentenceRange {
  start: number;
  end: number;
}

export interface AnalyzedParagraph {
  text: string;
  tokens: TaggedToken[];
  /** Sentence of each token (by the story's own sentence splitter). */
  sentenceOf: Int32Array;
  /** First token of each sentence, and one past the last token of the paragraph at the end. */
  sentenceStart: Int32Array;
  /** Search terms (stems, as the index has them) of each token; most tokens have one, stop words none. */
  terms: string[][];
  candidates: Candidate[];
}

/** Tags a paragraph (wink-nlp unless told: bench/span-taggers.ts compares another tagger). */
export function analyzeParagraph(
  text: string,
  sentences: readonly SentenceRange[],
  tagger: (text: string) => Tagged = tag,
): AnalyzedParagraph {
  const { tokens, entities } = tagger(text);
  const sentenceOf = new Int32Array(tokens.length);
  const sentenceStart = new Int32Array(sentences.length + 1);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s + 1 < sentences.length && tokens[i].start >= sentences[s + 1].start) {
      s++;
      sentenceStart[s] = i;
    }
    sentenceOf[i] = s;
  }
  for (let k = s + 1; k <= sentences.length; k++) sentenceStart[k] = tokens.length;
  // The index's terms, placed on the tokens they fall in ("al-Sudani" is one token, two terms).
  const terms: string[][] = tokens.map(() => []);
  let t = 0;
  for (const term of analyze(text)) {
    while (t + 1 < tokens.length && tokens[t].end <= term.start) t++;
    if (tokens[t] && term.start < tokens[t].end) terms[t].push(term.term);
  }
  // wink cuts an empty token inside "A0..0": a candidate of nothing but it would quote nothing.
  const candidates = candidatesOf({ tokens, entities }, sentenceOf).filter(
    (c) => tokens[c.last].end > tokens[c.first].start,
  );
  return { text, tokens, sentenceOf, sentenceStart, terms, candidates };
}

/** The candidate's words exactly as the paragraph has them. */
export function spanText(p: AnalyzedParagraph, c: Candidate): string {
  return p.text.slice(p.tokens[c.first].start, p.tokens[c.last].end);
}
