// What the generator can be told, and the defaults it uses, in one place.

import type { AttestedForms, Exceptions } from './inflections.js';

export interface RelatedTerm {
  term: string;
  weight: number;
}

/** stem -> related stems, best first. */
export type LexiconTable = Map<string, RelatedTerm[]>;

export interface GenerateOptions {
  /** Turns a word into the term the index holds (lower-case Porter stem). */
  stem: (word: string) => string;
  /** Words the index drops; they are neither keys nor related terms. */
  isStopWord: (word: string) => boolean;
  /** Irregular forms ("bought" -> buy), WordNet's exception lists. */
  exceptions?: Exceptions;
  /** Tags a word form has been seen with; regular inflections are kept only when attested. */
  attested?: AttestedForms;
  /** Longest list kept per stem (best-weighted first). */
  maxRelated?: number;
  /** Weights under this are dropped. */
  minWeight?: number;
  /** Weight factor of a lemma's n-th sense (index 0 = first sense); later senses are unused. */
  senseRankFactors?: readonly number[];
  /** Weight of a link by WordNet pointer symbol; `syn` = same synset, `inflection` = same word. */
  relationWeights?: Readonly<Record<string, number>>;
  /** Symbols followed only from a lemma's first sense (the rest from every sense used). */
  firstSenseOnly?: readonly string[];
  /**
   * How fast a related word's weight falls with the rank the synset has among that word's own
   * senses: factor 1 / (1 + (rank - 1) * decay).
   */
  targetRankDecay?: number;
  /** SemCor count added to every lemma before comparing lemmas that share a stem. */
  lemmaCountSmoothing?: number;
  /** Least factor a rarely tagged lemma gets against the most tagged lemma of its stem. */
  minLemmaFactor?: number;
  /** Weight of the nouns of a short first-sense definition ("troop: a group of soldiers"). */
  glossWeight?: number;
  /** Definitions with more content words than this give no links. */
  glossMaxWords?: number;
  /** Links of these kinds (symbols, `syn`, `gloss`) also count backwards, at `reverseFactor`. */
  reverseRelations?: readonly string[];
  reverseFactor?: number;
  /**
   * SemCor count under which a word's backward links are weakened by sqrt((count + 1) / this):
   * "American" is in the definitions of hundreds of rare plants and fish, "troop" is common.
   */
  commonTagCount?: number;
  /** Factor for an inflected form that is also a tagged word of its own ("found", "left"). */
  ambiguousFormFactor?: number;
  /**
   * A semantic pointer with more than this many targets of its kind is weakened by
   * sqrt(limit / count): "large & ..." lists 50 similar adjectives, none of them "big".
   */
  fanOutLimit?: number;
}

export type GenerateSettings = Required<Omit<GenerateOptions, 'exceptions' | 'attested'>> &
  Pick<GenerateOptions, 'exceptions' | 'attested'>;

/**
 * Defaults. Relation weights are set below synonyms and by how safe the substitution is; the
 * measured effect of each part on SQuAD paragraph retrieval is in README.md of this folder.
 */
export const DEFAULT_GENERATE_OPTIONS = {
  maxRelated: 12,
  minWeight: 0.1,
  senseRankFactors: [1, 0.7, 0.5],
  relationWeights: {
    inflection: 0.9, // died -> die, bought -> buy
    syn: 0.7, // same synset: car, automobile
    '+': 0.5, // derivationally related form: die + death
    '\\': 0.5, // pertainym: american \ america
    '<': 0.5, // participle of a verb
    '>': 0.5, // cause: kill > die
    '*': 0.4, // entailment: buy * pay
    '&': 0.45, // similar adjective: big & large
    '=': 0.35, // attribute: big = size
    '@': 0.35, // hypernym: troops @ force
    '#m': 0.3, // member holonym
    '%m': 0.3, // member meronym
  } as Readonly<Record<string, number>>,
  firstSenseOnly: ['@', '#m', '%m'] as readonly string[],
  targetRankDecay: 0.5,
  lemmaCountSmoothing: 3,
  minLemmaFactor: 0.3,
  glossWeight: 0.3,
  glossMaxWords: 3,
  reverseRelations: ['syn', 'gloss', '+', '\\', '<', '>', '*', '&', '='] as readonly string[],
  reverseFactor: 0.5,
  commonTagCount: 10,
  ambiguousFormFactor: 0.5,
  fanOutLimit: 2,
} satisfies Omit<GenerateSettings, 'stem' | 'isStopWord' | 'exceptions' | 'attested'>;
