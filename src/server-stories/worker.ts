/**
 * The worker thread behind WorkerWorkshop: reads uploads and builds server libraries so the main
 * thread keeps answering. A built library goes back as a snapshot (snapshot.ts) with the answers
 * it gives to a few probe questions, which the main thread checks on its copy before using it.
 */
import { parentPort } from 'node:worker_threads';
import type { CacheEvent } from '../answer/library-cache.js';
import type { Library } from '../answer/library.js';
import { loadWordData } from '../search/word-data.js';
import type { Story } from '../story/types.js';
import { takeSnapshot } from './snapshot.js';
import { inspectUpload, prepareLibrary, type StorySource } from './workshop.js';
import type { ReadUpload } from './upload.js';

export type WorkerRequest =
  | { id: number; kind: 'init'; shipped: Story[]; cacheDir?: string }
  | { id: number; kind: 'inspect'; input: ReadUpload }
  | { id: number; kind: 'build'; own: StorySource[]; warm: string[]; guildId?: string };

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Told after a reply: a built library's index cache file was written (or could not be). */
export interface WorkerCacheNote {
  note: 'cache';
  guildId: string;
  event: CacheEvent;
}

export interface BuiltSnapshot {
  snapshot: unknown;
  /** Questions and the answers (as JSON) this library gives them here. */
  probes: Array<{ question: string; answer: string }>;
  buildMs: number;
  /** Set when the library was read from the server's index cache file. */
  cache?: CacheEvent;
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
  let cacheDir: string | undefined;
  port.on('message', (request: WorkerRequest) => {
    let afterReply: (() => void) | undefined;
    try {
      let value: unknown;
      if (request.kind === 'init') {
        shipped = request.shipped;
        shared = sharedObjects(shipped);
        cacheDir = request.cacheDir;
        value = true;
      } else if (request.kind === 'inspect') {
        value = inspectUpload(request.input);
      } else {
        const started = performance.now();
        const { guildId } = request;
        const cache = cacheDir !== undefined && guildId !== undefined ? { dir: cacheDir, guildId } : undefined;
        const { library, event, save } = prepareLibrary(shipped, request.own, request.warm, cache);
        const probes = probeQuestions(library).map((question) => ({
          question,
          answer: JSON.stringify(library.ask(question)),
        }));
        const built: BuiltSnapshot = {
          snapshot: takeSnapshot(library, shared),
          probes,
          buildMs: performance.now() - started,
          ...(event ? { cache: event } : {}),
        };
        value = built;
        // The cache file is written once the library is on its way: the first answers come first.
        if (save && guildId !== undefined)
          afterReply = () => port.postMessage({ note: 'cache', guildId, event: save() } satisfies WorkerCacheNote);
      }
      port.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply);
      afterReply?.();
    } catch (error) {
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      } satisfies WorkerReply);
    }
  });
}
