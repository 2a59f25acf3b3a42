// storybot's own retrieval, as the benchmarks call it: the index, and the full answer path.
import { Library, type LibraryOptions } from '../../src/answer/library.js';
import { SearchIndex } from '../../src/search/index.js';
import { loadWordData } from '../../src/search/word-data.js';
import { splitSentences, withSentences } from '../../src/story/sentences.js';
import type { Story } from '../../src/story/types.js';
import type { AskingEngine, Engine, EngineFactory } from './engine.js';

/** A story whose paragraph n is texts[n - 1], split into sentences the way the loader does. */
export function storyFromTexts(texts: readonly string[], id = 'bench'): Story {
  return {
    id,
    title: id,
    source: id,
    paragraphs: texts.map((text, i) => ({ n: i + 1, text, sentences: splitSentences(text) })),
  };
}

/** storybot's SearchIndex configured exactly as the Library configures it, without the answer around it. */
export const storybotIndex: EngineFactory = {
  name: 'storybot index',
  how: 'storybot `SearchIndex.build(paragraphs, loadWordData())` as the Library builds it (sentences split, WordNet lexicon and word vectors read during the build, so their time and memory count), `search(question, { limit: k })`',
  create(): Engine {
    let index: SearchIndex | undefined;
    return {
      build(texts) {
        index = SearchIndex.build(texts.map(withSentences), loadWordData());
      },
      search(question, k) {
        if (!index) throw new Error('storybot index: build() first');
        return index.search(question, { limit: k }).map((hit) => hit.id);
      },
    };
  },
};

/**
 * storybot's answer path with its Library built from `options` (index and ask settings), for
 * tuning: `evaluateSquadPerArticle(storybotWith({ index: { k1: 1.4 } }), { limitArticles: 12 })`.
 * Ranks count the passages the answer lists (as `cli ask --json` does); `answered` gives refusals.
 */
export function storybotWith(options: LibraryOptions = {}, name = 'storybot'): EngineFactory {
  return {
    name,
    how: 'storybot as shipped: `Library.fromStories([story])`, `library.ask(question, { limit: k, allPassages: true })` as `cli ask --json` calls it; ranks count the passages the answer lists, `answered` gives refusals',
    create(): AskingEngine {
      let library: Library | undefined;
      const ask = (question: string, k: number) => {
        if (!library) throw new Error(`${name}: build() first`);
        const answer = library.ask(question, { limit: k, allPassages: true });
        return { answered: answer.answered, ranked: answer.passages.map((p) => p.paragraph - 1) };
      };
      return {
        build(texts) {
          library = Library.fromStories([storyFromTexts(texts)], loadWordData(), options);
        },
        search: (question, k) => ask(question, k).ranked,
        ask,
      };
    },
  };
}

/** What the bot ships: `Library.fromStories` and `library.ask` with the default settings. */
export const storybotAsk: EngineFactory = storybotWith();
