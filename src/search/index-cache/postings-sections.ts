/**
 * A search index's arrays as cache sections, and back: the postings (terms, token streams,
 * sentence bounds, BM25 postings) and the sentence and paragraph vectors. The documents' texts
 * are not stored here: they are the stories' paragraphs, stored with the stories.
 */
import { Postings, type PostingsData } from '../postings.js';
import { CacheRejected, type NumericArray, type Sections } from './format.js';
import type { TextList } from '../../story/text-store.js';

const P = 'postings.';

export function postingsToSections(p: Postings): Sections {
  const keys: string[] = [];
  const counts = new Uint32Array(p.definedAs.size);
  const values: string[] = [];
  for (const [key, set] of p.definedAs) {
    counts[keys.length] = set.size;
    keys.push(key);
    values.push(...set);
  }
  return {
    [`${P}termList`]: p.termList,
    [`${P}idf`]: p.idf,
    [`${P}postingStart`]: p.postingStart,
    [`${P}postingDoc`]: p.postingDoc,
    [`${P}postingTf`]: p.postingTf,
    [`${P}docNorm`]: p.docNorm,
    [`${P}tokens`]: p.tokens,
    [`${P}docTokenStart`]: p.docTokenStart,
    [`${P}docSentenceStart`]: p.docSentenceStart,
    [`${P}sentenceTokenStart`]: p.sentenceTokenStart,
    [`${P}sentenceKinds`]: p.sentenceKinds,
    [`${P}sentenceCharStart`]: p.sentenceCharStart,
    [`${P}sentenceCharEnd`]: p.sentenceCharEnd,
    [`${P}tokenKinds`]: p.tokenKinds,
    [`${P}nameShare`]: p.nameShare,
    [`${P}definedKeys`]: keys,
    [`${P}definedCounts`]: counts,
    [`${P}definedValues`]: values,
    [`${P}averageSentenceLength`]: Float64Array.of(p.averageSentenceLength),
  };
}

function typed<T extends NumericArray>(sections: Sections, name: string, type: new (n: number) => T): T {
  const v = sections[P + name];
  if (!(v instanceof type))
    throw new CacheRejected('corrupt', `postings section "${name}" missing or of the wrong type`);
  return v;
}

/** Term ids: two bytes each or four (see TermIdBuilder). */
function termIds(sections: Sections): Uint16Array | Uint32Array {
  const v = sections[`${P}tokens`];
  return v instanceof Uint16Array ? v : typed(sections, 'tokens', Uint32Array);
}

/** Term counts: one byte each or two (see the Postings build). */
function termCounts(sections: Sections): Uint8Array | Uint16Array {
  const v = sections[`${P}postingTf`];
  return v instanceof Uint8Array ? v : typed(sections, 'postingTf', Uint16Array);
}

function strings(sections: Sections, name: string): string[] {
  const v = sections[P + name];
  if (!Array.isArray(v)) throw new CacheRejected('corrupt', `postings section "${name}" missing or of the wrong type`);
  return v as string[];
}

/** The postings back, over these documents' texts; throws CacheRejected when the arrays do not fit together. */
export function postingsFromSections(sections: Sections, docs: TextList): Postings {
  const termList = strings(sections, 'termList');
  const keys = strings(sections, 'definedKeys');
  const counts = typed(sections, 'definedCounts', Uint32Array);
  const values = strings(sections, 'definedValues');
  const definedAs = new Map<string, Set<string>>();
  let at = 0;
  if (counts.length !== keys.length) throw new CacheRejected('corrupt', 'postings: acronym lists differ');
  keys.forEach((key, i) => {
    definedAs.set(key, new Set(values.slice(at, at + counts[i])));
    at += counts[i];
  });
  if (at !== values.length) throw new CacheRejected('corrupt', 'postings: acronym lists differ');
  const data: PostingsData = {
    termList,
    idf: typed(sections, 'idf', Float32Array),
    postingStart: typed(sections, 'postingStart', Uint32Array),
    postingDoc: typed(sections, 'postingDoc', Uint32Array),
    postingTf: termCounts(sections),
    docNorm: typed(sections, 'docNorm', Float32Array),
    tokens: termIds(sections),
    docTokenStart: typed(sections, 'docTokenStart', Uint32Array),
    docSentenceStart: typed(sections, 'docSentenceStart', Uint32Array),
    sentenceTokenStart: typed(sections, 'sentenceTokenStart', Uint32Array),
    sentenceKinds: typed(sections, 'sentenceKinds', Uint8Array),
    sentenceCharStart: typed(sections, 'sentenceCharStart', Uint32Array),
    sentenceCharEnd: typed(sections, 'sentenceCharEnd', Uint32Array),
    tokenKinds: typed(sections, 'tokenKinds', Uint8Array),
    nameShare: typed(sections, 'nameShare', Float32Array),
    definedAs,
    averageSentenceLength: typed(sections, 'averageSentenceLength', Float64Array)[0] ?? 1,
  };
  const V = termList.length;
  const n = docs.length;
  const sentences = data.sentenceCharStart.length;
  const ok =
    data.idf.length === V &&
    data.nameShare.length === V &&
    data.postingStart.length === V + 1 &&
    data.postingStart[V] === data.postingDoc.length &&
    data.postingTf.length === data.postingDoc.length &&
    data.docNorm.length === n &&
    data.docTokenStart.length === n + 1 &&
    data.docSentenceStart.length === n + 1 &&
    data.docTokenStart[n] === data.tokens.length &&
    data.tokenKinds.length === data.tokens.length &&
    data.docSentenceStart[n] === sentences &&
    data.sentenceCharEnd.length === sentences &&
    data.sentenceKinds.length === sentences &&
    data.sentenceTokenStart.length === sentences + 1;
  if (!ok) throw new CacheRejected('corrupt', 'postings: array lengths do not fit together');
  return Postings.restore(docs, data);
}
