// Related terms for query expansion, derived from WordNet at build time (see README.md here).
export { loadLexicon, lexiconFromTable, lexiconFromText, LexiconLoadError, type Lexicon, type RelatedTerm } from './load.js';
