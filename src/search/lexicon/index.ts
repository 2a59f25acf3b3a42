// Related terms for query expansion, derived from WordNet at build time (see README.md here).
export { loadLexicon, lexiconFromTable, LexiconLoadError, type Lexicon } from './load.js';
