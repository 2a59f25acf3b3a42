export { WordVectors, defaultVectorsPath, loadWordVectors } from './load.js';
export { decodeVectors, encodeVectors, type VectorTable } from './format.js';
