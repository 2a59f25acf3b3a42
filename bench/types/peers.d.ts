// Types for the untyped peer libraries the benchmarks call (only what we use).
declare module 'natural/lib/natural/tfidf/tfidf.js' {
  class TfIdf {
    constructor();
    addDocument(document: string | string[], key?: unknown): void;
    tfidfs(terms: string | string[], callback?: (i: number, measure: number, key: unknown) => void): number[];
  }
  export default TfIdf;
}

declare module 'wink-bm25-text-search' {
  type PrepTask = (input: unknown) => unknown;
  interface BM25Engine {
    defineConfig(config: {
      fldWeights: Record<string, number>;
      bm25Params?: { k1?: number; b?: number; k?: number };
    }): boolean;
    definePrepTasks(tasks: PrepTask[], field?: string): number;
    addDoc(doc: Record<string, string>, uniqueId: number | string): number;
    consolidate(fp?: number): boolean;
    search(text: string, limit?: number): [number | string, number][];
  }
  function bm25(): BM25Engine;
  export default bm25;
}

declare module 'wink-nlp-utils' {
  type Task = (input: unknown) => unknown;
  const nlp: {
    string: { lowerCase: Task; removeExtraSpaces: Task; tokenize0: Task };
    tokens: { propagateNegations: Task; removeWords: Task; stem: Task };
  };
  export default nlp;
}
