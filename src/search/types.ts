// What a search returns: the hits, the question as read, and each hit's evidence.

/** One paragraph the search found, with what it holds of the question. */
export interface Hit {
  /** Position of the document in the array given to {@link SearchIndex.build}. */
  id: number;
  /** The re-rank's belief that this is the paragraph that answers: shares of 1 over the leaders. */
  score: number;
  /**
   * Share (0..1) of the question's weight, by idf, that this document holds: a word counts by
   * its own match, a related word's, or (with word vectors) its nearest word's nearness.
   */
  coverage: number;
  /** Match score of each sentence of the document, in order. */
  sentenceScores: number[];
  /** The sentence to quote (by its position in the document): the sentence model's pick, steered to the asked kind. */
  bestSentence: number;
  /** Stems of the document that matched (after expansion). */
  matchedTerms: Set<string>;
  /** The hand-tuned match score (BM25 + best sentence + near pairs) the re-rank starts from. */
  matchScore: number;
  /** The re-rank's evidence, by {@link RERANK_FEATURES}. */
  features?: number[];
  /** What the paragraph holds of the question, word by word and by kind of fact. */
  evidence: Evidence;
  /** Each sentence's evidence for the sentence model, by {@link SENTENCE_FEATURES}, when the search asked to explain. */
  sentenceFeatures?: number[][];
}

/** What one paragraph holds of a question (see {@link SearchResult.asked} for the words). */
export interface Evidence {
  /** Per asked word: its credit here by itself or a related word (0..1). */
  credit: number[];
  /** Per asked word: the nearness (0..1) of its nearest word here by word vectors. */
  soft: number[];
  /** Per asked word: its best credit here, by itself, a related word or its nearest word (exact word-vector cosine). */
  align: number[];
  /** The same within the one sentence that meets the question best. */
  sentenceAlign: number[];
  /** Kinds of fact asked ({@link FactKind} bits) held beyond the question's words: quoted sentence, neighbours, paragraph. */
  factsInBest: number;
  factsNear: number;
  factsInParagraph: number;
  /**
   * Share of the question's weight within a few words of a new fact of the asked kind in the
   * quoted sentence: within 6 words, and within 2 (see factWindowShares). Set on the best hit (on
   * every leader when the search explains); undefined when no figure, date or name is asked.
   */
  factWindow?: number;
  factBeside?: number;
  /** The same with the question's words met loosely too (related words, near words by word vectors). */
  looseFactWindow?: number;
  looseFactBeside?: number;
  /** Loosely, within 6 words, the share of the question's words other than names (the asked attribute: "founded"). */
  attributeWindow?: number;
}

/** A word of the question as the search read it. */
export interface AskedWord {
  /** Its stem (or acronym term). */
  term: string;
  /** Its weight in the question: idf, less for everyday words and words that phrase a question. */
  weight: number;
  /** How far (0..1) the searched range holds it: 1 itself, less by a typo fix or related word, 0 not at all. */
  inRange: number;
  /** Written with a capital inside the question: a name ("How old is Drost?"). */
  named: boolean;
  /** How rare the word is in general English (0..1 by its frequency rank; 1 when unknown, as names are). */
  rarity: number;
  /** Share of the range's documents that hold it (or a same-word stand-in): the story's topic words spread widely. */
  spread: number;
  /** The range writes it as a name (the story's people, places, organisations). */
  storyName: boolean;
}

/** Everything one search found: the leaders, best first, and the question as read. */
export interface SearchResult {
  hits: Hit[];
  /** The question's words in order (the order of each hit's `evidence.credit`). */
  asked: AskedWord[];
  /** Kinds of fact asked ({@link FactKind} bits); 0 when the question's words don't say. */
  facts: number;
  yesNo: boolean;
}

/** What one search may be told. */
export interface SearchOptions {
  /** At most this many hits. Default 10. */
  limit?: number;
  /** Only documents with from <= id < to (e.g. one story of several). Default: all. */
  from?: number;
  to?: number;
  /** Attach each hit's sentence features (for training the sentence model). Default false. */
  explain?: boolean;
}
