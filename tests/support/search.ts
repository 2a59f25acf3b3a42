// Test helpers for the search: an index over plain paragraph texts (split as the story loader
// splits them), and the shipped word data, loaded once.
import { SearchIndex, type IndexOptions } from '../../src/search/index.js';
import { loadWordData, type WordData } from '../../src/search/word-data.js';
import { withSentences } from '../../src/story/sentences.js';

/** A SearchIndex over paragraph texts, their sentences split as a loaded story's are. */
export function indexOf(texts: readonly string[], options: Partial<IndexOptions> = {}): SearchIndex {
  return SearchIndex.build(texts.map(withSentences), options);
}

/** The shipped lexicon and word vectors (read once per process). */
export function wordData(): WordData {
  return loadWordData();
}
