/**
 * A whole search index as cache sections, and back: the postings (postings-sections.ts) and the
 * sentence and paragraph vectors, which are most of a build's time after the analysis. The vectors
 * are one record per paragraph (see VectorRecords), written as they are made and, from a file,
 * read a paragraph at a time when a question first reaches it rather than loaded.
 */
import { SearchIndex, type IndexOptions } from '../index.js';
import { recordRowBytes, type RecordReader } from '../vectors/similarity.js';
import type { DeferredSection } from './file.js';
import { CacheRejected, type Sections } from './format.js';
import { postingsFromSections, postingsToSections } from './postings-sections.js';
import type { TextList } from '../../story/text-store.js';

const RECORDS = 'semantics.records';

/** Sections best left in the file and read when needed (see readCacheFile's `defer`). */
export const DEFERRED_INDEX_SECTIONS: readonly string[] = [RECORDS];

/**
 * The index as cache sections. Without `vectors`, the vector records are left out: a library
 * restored from such a file makes a paragraph's vectors when a question first reaches it.
 */
export function indexToSections(index: SearchIndex, { vectors = true } = {}): Sections {
  const { postings, semantics } = index.cacheParts();
  const out = postingsToSections(postings);
  if (semantics && vectors) out[RECORDS] = { streamed: true, bytes: semantics.bytes, chunks: () => semantics.chunks() };
  return out;
}

/** Reads the vector records from where they are: in memory, or left in the file. */
function recordReader(
  section: Sections[string] | undefined,
  deferred: DeferredSection | undefined,
): RecordReader | undefined {
  if (deferred) {
    if (deferred.type !== 'u8') throw new CacheRejected('corrupt', 'semantics records of the wrong type');
    const { file, offset, bytes } = deferred;
    return (position, length, out) => position + length <= bytes && file.read(offset + position, out, length);
  }
  if (section === undefined) return undefined;
  if (!(section instanceof Uint8Array)) throw new CacheRejected('corrupt', 'semantics records of the wrong type');
  return (position, length, out) => {
    if (position + length > section.byteLength) return false;
    out.set(section.subarray(position, position + length));
    return true;
  };
}

/**
 * The index back over the documents' texts, with these options; throws CacheRejected. Its vectors
 * come from `sections` or, when left in the file, from `deferred` (readCacheFile's).
 */
export function indexFromSections(
  sections: Sections,
  docs: TextList,
  options: Partial<IndexOptions>,
  deferred: Record<string, DeferredSection> = {},
): SearchIndex {
  const postings = postingsFromSections(sections, docs);
  const section = sections[RECORDS];
  const reader = recordReader(section, deferred[RECORDS]);
  if (reader) {
    const length = deferred[RECORDS]?.bytes ?? (section as Uint8Array).byteLength;
    const rows = postings.sentenceCharStart.length + docs.length;
    const dims = options.vectors?.dimensions;
    if (dims === undefined || length !== rows * recordRowBytes(dims))
      throw new CacheRejected('corrupt', 'semantics: sizes do not fit the postings and vectors');
  }
  return SearchIndex.restore(postings, reader, options);
}
