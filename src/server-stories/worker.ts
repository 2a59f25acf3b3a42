/**
 * The worker thread behind WorkerWorkshop: reads uploads and builds server libraries so the main
 * thread keeps answering. A built library goes back as a snapshot (snapshot.ts) with the answers
 * it gives to a few probe questions, which the main thread checks on its copy before using it.
 */
import { parentPort } from 'node:worker_threads';
import type { Library } from '../answer/library.js';
import { loadWordData } from '../search/word-data.js';
import type { Story } from '../story/types.js';
import { takeSnapshot } from './snapshot.js';
import { buildLibrary, inspectUpload, type StorySource } from './workshop.js';
import type { ReadUpload } from './upload.js';

export type WorkerRequest =
  | { id: number; kind: 'init'; shipped: Story[] }
  | { id: number; kind: 'inspect'; input: ReadUpload }
  | { id: number; kind: 'build'; own: StorySource[]; warm: string[] };

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface BuiltSnapshot {
  snapshot: unknown;
  /** Questions and the answers (as JSON) this library gives them here. */
  probes: Array<{ question: string; answer: string }>;
  buildMs: number;
}

/** A few questions made from the library's own text, to compare the copy against the original. */
export function probeQuestions(library: Pick<Library, 'stories'>): string[] {
  const questions: string[] = [];
  for (const story of library.stories) {
    const picks = [
      story.paragraphs[0],
      story.paragraphs[Math.floor(story.paragraphs.length / 2)],
      story.paragraphs.at(-1),
    ];
    for (const paragraph of picks) {
      const words = paragraph?.sentences[0]?.text.split(/\s+/).slice(0, 8).join(' ');
      if (words) questions.push(`What about ${words}?`);
    }
  }
  return [...new Set(questions)].slice(-3);
}

/** Objects both threads hold already, by name: never copied, put back on arrival. */
export function sharedObjects(shipped: readonly Story[]): Map<object, string> {
  const shared = new Map<object, string>();
  const { words, vectors } = loadWordData();
  shared.set(words, 'words');
  shared.set(vectors, 'vectors');
  shipped.forEach((story, i) => shared.set(story, `shipped:${i}`));
  return shared;
}

if (parentPort) {
  const port = parentPort;
  let shipped: Story[] = [];
  let shared = new Map<object, string>();
  port.on('message', (request: WorkerRequest) => {
    try {
      let value: unknown;
      if (request.kind === 'init') {
        shipped = request.shipped;
        shared = sharedObjects(shipped);
        value = true;
      } else if (request.kind === 'inspect') {
        value = inspectUpload(request.input);
      } else {
        const started = performance.now();
        const library = buildLibrary(shipped, request.own, request.warm);
        const probes = probeQuestions(library).map((question) => ({
          question,
          answer: JSON.stringify(library.ask(question)),
        }));
        const built: BuiltSnapshot = {
          snapshot: takeSnapshot(library, shared),
          probes,
          buildMs: performance.now() - started,
        };
        value = built;
      }
      port.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      } satisfies WorkerReply);
    }
  });
}
