/**
 * A whole search index as cache sections, and back: the postings (postings-sections.ts) and the
 * sentence and paragraph vectors, which are most of a build's time after the analysis.
 */
import { SearchIndex, type IndexOptions } from '../index.js';
import type { SemanticsData } from '../vectors/similarity.js';
import { CacheRejected, type Sections } from './format.js';
import { postingsFromSections, postingsToSections } from './postings-sections.js';
import type { TextList } from '../../story/text-store.js';

const S = 'semantics.';

export function indexToSections(index: SearchIndex): Sections {
  const { postings, semantics } = index.cacheParts();
  const out = postingsToSections(postings);
  if (semantics) {
    out[`${S}sentenceBytes`] = semantics.sentenceBytes;
    out[`${S}sentenceScales`] = semantics.sentenceScales;
    out[`${S}paragraphBytes`] = semantics.paragraphBytes;
    out[`${S}paragraphScales`] = semantics.paragraphScales;
  }
  return out;
}

/** The index back over the documents' texts, with these options; throws CacheRejected. */
export function indexFromSections(sections: Sections, docs: TextList, options: Partial<IndexOptions>): SearchIndex {
  const postings = postingsFromSections(sections, docs);
  let semantics: SemanticsData | undefined;
  const sentenceBytes = sections[`${S}sentenceBytes`];
  const sentenceScales = sections[`${S}sentenceScales`];
  const paragraphBytes = sections[`${S}paragraphBytes`];
  const paragraphScales = sections[`${S}paragraphScales`];
  if (sentenceBytes !== undefined) {
    if (!(
      sentenceBytes instanceof Int8Array &&
      sentenceScales instanceof Float32Array &&
      paragraphBytes instanceof Int8Array &&
      paragraphScales instanceof Float32Array
    )) {
      throw new CacheRejected('corrupt', 'semantics sections of the wrong type');
    }
    const dims = options.vectors?.dimensions ?? 0;
    const fits =
      sentenceScales.length === postings.sentenceCharStart.length &&
      paragraphScales.length === docs.length &&
      sentenceBytes.length === sentenceScales.length * dims &&
      paragraphBytes.length === paragraphScales.length * dims;
    if (!fits) throw new CacheRejected('corrupt', 'semantics: sizes do not fit the postings and vectors');
    semantics = { sentenceBytes, sentenceScales, paragraphBytes, paragraphScales };
  }
  return SearchIndex.restore(postings, semantics, options);
}
