/** One retrieval engine as the benchmarks see it: index some paragraphs, rank them for a question. */
export interface Engine {
  /** Indexes the texts; a text's id is its position in the array. */
  build(texts: string[]): void;
  /** Ids of the best `k` texts for the question, best first (fewer when fewer match). */
  search(question: string, k: number): number[];
}

/** A named way to make fresh engines (each build gets its own instance). */
export interface EngineFactory {
  name: string;
  /** Short note on how the engine is called, for the results file. */
  how: string;
  create(): Engine;
}

/** An engine that also decides whether the texts answer the question at all (storybot's answer path). */
export interface AskingEngine extends Engine {
  ask(question: string, k: number): { answered: boolean; ranked: number[] };
}

export function isAsking(engine: Engine): engine is AskingEngine {
  return typeof (engine as Partial<AskingEngine>).ask === 'function';
}
