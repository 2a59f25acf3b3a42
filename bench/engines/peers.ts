// The peer libraries, each called the way its README shows a user would call it.
import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import MiniSearch from 'minisearch';
import bm25 from 'wink-bm25-text-search';
import nlp from 'wink-nlp-utils';
import lunr from 'lunr';
import type { Engine, EngineFactory } from './engine.js';

/** Ids of the `k` best positive scores, best first; ties keep the lower id first. */
export function topK(scores: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let id = 0; id < scores.length; id++) {
    const s = scores[id];
    if (!(s > 0)) continue;
    if (best.length === k && s <= scores[best[k - 1]]) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && scores[best[at - 1]] < s) at--;
    best.splice(at, 0, id);
    if (best.length > k) best.pop();
  }
  return best;
}

// natural's Porter stemmer also exposes tokenizeAndStem (tokenize, drop stop words, stem), the
// call natural's docs show; our shared type for the module only declares stem().
const tokenizeAndStem = (PorterStemmer as unknown as { tokenizeAndStem(text: string): string[] }).tokenizeAndStem;

/**
 * natural's TfIdf the naive way: addDocument per paragraph, then tfidfs (which scores every
 * document for every query). Documents and queries are passed as stemmed token arrays, which
 * TfIdf accepts as pre-tokenized input, so "forces"/"force" match.
 */
export const naturalTfIdf: EngineFactory = {
  name: 'natural TfIdf',
  how: 'natural 8 `TfIdf`: `addDocument(PorterStemmer.tokenizeAndStem(text))`, then `tfidfs(PorterStemmer.tokenizeAndStem(question))`, best scores first',
  create(): Engine {
    const tfidf = new TfIdf();
    return {
      build(texts) {
        for (const text of texts) tfidf.addDocument(tokenizeAndStem(text));
      },
      search(question, k) {
        return topK(tfidf.tfidfs(tokenizeAndStem(question)), k);
      },
    };
  },
};

/** MiniSearch with its default options (OR of the query terms, BM25+, no fuzzy or prefix). */
export const miniSearch: EngineFactory = {
  name: 'MiniSearch',
  how: "MiniSearch 7 with default options: `new MiniSearch({ fields: ['text'] })`, `addAll`, `search(question)`",
  create(): Engine {
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    return {
      build(texts) {
        index.addAll(texts.map((text, id) => ({ id, text })));
      },
      search(question, k) {
        return index
          .search(question)
          .slice(0, k)
          .map((r) => r.id as number);
      },
    };
  },
};

/** wink-bm25-text-search with the wink-nlp-utils prep tasks of its README (v3.0.1 example). */
export const winkBm25: EngineFactory = {
  name: 'wink-bm25',
  how: "wink-bm25-text-search 3 with its README's wink-nlp-utils prep tasks (lowerCase, removeExtraSpaces, tokenize0, propagateNegations, removeWords, stem), default BM25 parameters, `addDoc`, `consolidate`, `search(question, k)`",
  create(): Engine {
    const engine = bm25();
    engine.defineConfig({ fldWeights: { body: 1 } });
    engine.definePrepTasks([
      nlp.string.lowerCase,
      nlp.string.removeExtraSpaces,
      nlp.string.tokenize0,
      nlp.tokens.propagateNegations,
      nlp.tokens.removeWords,
      nlp.tokens.stem,
    ]);
    return {
      build(texts) {
        texts.forEach((text, id) => engine.addDoc({ body: text }, id));
        engine.consolidate();
      },
      search(question, k) {
        return engine.search(question, k).map(([id]) => Number(id));
      },
    };
  },
};

// lunr's query syntax gives meaning to these characters (field:, fuzzy~, boost^, +/- presence, *).
const LUNR_SYNTAX = /[:~^+\-*]/g;

/** lunr with its README's builder; questions its query parser rejects are retried without syntax characters. */
export const lunrEngine: EngineFactory = {
  name: 'lunr',
  how: "lunr 2 as its README shows: `lunr(function () { this.ref('id'); this.field('text'); ... this.add(doc) })`, `idx.search(question)` (a question its query parser rejects is retried with `:~^+-*` removed)",
  create(): Engine {
    let index: lunr.Index | undefined;
    return {
      build(texts) {
        index = lunr(function () {
          this.ref('id');
          this.field('text');
          texts.forEach((text, id) => this.add({ id: String(id), text }));
        });
      },
      search(question, k) {
        if (!index) throw new Error('lunr: build() first');
        let results: lunr.Index.Result[];
        try {
          results = index.search(question);
        } catch (err) {
          if (!(err instanceof lunr.QueryParseError)) throw err;
          results = index.search(question.replace(LUNR_SYNTAX, ' '));
        }
        return results.slice(0, k).map((r) => Number(r.ref));
      },
    };
  },
};

export const peers: EngineFactory[] = [naturalTfIdf, miniSearch, winkBm25, lunrEngine];
