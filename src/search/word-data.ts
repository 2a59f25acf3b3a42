// The word data the search reads beyond the stories: the WordNet lexicon (related words, how
// common a word is) and the word vectors. Loaded by the entry points, once per process, and
// given to the Library: the search itself reads no files.

import { loadLexicon, LexiconLoadError, type Lexicon } from './lexicon/index.js';
import { loadWordVectors, VectorsLoadError, type WordVectors } from './vectors/load.js';

export { LexiconLoadError } from './lexicon/index.js';
export { VectorsLoadError } from './vectors/load.js';

/** The lexicon and the word vectors, loaded. */
export interface WordData {
  words: Lexicon;
  vectors: WordVectors;
}

/**
 * Reads the shipped lexicon (~12 ms) and word vectors (~40 ms) now, so that a missing file stops
 * start-up rather than the first question. Throws {@link LexiconLoadError} or
 * {@link VectorsLoadError}, each with a one-line message saying which file and what to do.
 */
export function loadWordData(): WordData {
  return { words: loadLexicon().load(), vectors: loadWordVectors() };
}

/** A word-data file is missing or unreadable (the message is one line, for the user). */
export function isWordDataError(error: unknown): error is LexiconLoadError | VectorsLoadError {
  return error instanceof LexiconLoadError || error instanceof VectorsLoadError;
}
