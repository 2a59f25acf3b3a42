/**
 * Reads uploads and builds server libraries on a worker thread, so one server adding a 1 MB story
 * (hundreds of milliseconds of parsing, indexing and summarizing) does not hold up answers in the
 * others. The library comes back as a snapshot and is restored here (snapshot.ts); before it is
 * used, it must give the worker's answers to the probe questions. If anything goes wrong (the
 * worker cannot start, a snapshot cannot be restored or answers differently) the work is done on
 * this thread instead, and later work too, with one warning in the log: slower for other servers
 * for that moment, never a wrong answer.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Library } from '../answer/library.js';
import type { Logger } from '../log.js';
import { CompactParagraph, plainStory } from '../story/compact.js';
import { TextStore } from '../story/text-store.js';
import type { Story } from '../story/types.js';
import { forgetServerCache } from './library-cache.js';
import { collectPrototypes, restoreSnapshot } from './snapshot.js';
import type { ReadUpload, UploadCheck } from './upload.js';
import {
  sharedObjects,
  type BuiltSnapshot,
  type WorkerCacheNote,
  type WorkerReply,
  type WorkerRequest,
} from './worker.js';
import {
  InThreadWorkshop,
  type InspectedUpload,
  type StorySource,
  type Workshop,
  type WorkshopCache,
} from './workshop.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Job =
  { kind: 'inspect'; input: ReadUpload } | { kind: 'build'; own: StorySource[]; warm: string[]; guildId?: string };

/** The compiled worker beside this module, or (when this runs from TypeScript sources, as in tests) the one in dist/. */
export function workerScript(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  for (let dir = dirname(here); dir !== dirname(dir); dir = dirname(dir)) {
    const built = join(dir, 'dist', 'src', 'server-stories', 'worker.js');
    if (existsSync(join(dir, 'package.json'))) return existsSync(built) ? built : undefined;
  }
  return undefined;
}

export class WorkerWorkshop implements Workshop {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private fallback?: InThreadWorkshop;
  private readonly shipped: readonly Story[];
  private readonly template: Library;
  private prototypes?: Map<string, object>;
  private sharedByName?: Map<string, object>;

  /**
   * `template` is a library built on this thread (the shipped one): its objects give the classes
   * a restored library's objects belong to.
   */
  constructor(
    template: Library,
    private readonly logger?: Logger,
    private readonly script: string | undefined = workerScript(),
    /** The index cache of server libraries: the worker reads and writes the files. */
    private readonly cache: WorkshopCache = {},
  ) {
    this.template = template;
    this.shipped = template.stories;
  }

  /** Whether work still goes to the worker (false once it fell back to this thread). */
  get offThread(): boolean {
    return this.fallback === undefined;
  }

  async inspect(input: ReadUpload): Promise<UploadCheck<InspectedUpload>> {
    if (this.fallback) return this.fallback.inspect(input);
    try {
      return (await this.run({ kind: 'inspect', input })) as UploadCheck<InspectedUpload>;
    } catch (error) {
      return this.giveUp(error).inspect(input);
    }
  }

  async build(own: readonly StorySource[], warm: readonly string[] = [], guildId?: string): Promise<Library> {
    if (this.fallback) return this.fallback.build(own, warm, guildId);
    try {
      const built = (await this.run({
        kind: 'build',
        own: [...own],
        warm: [...warm],
        ...(guildId !== undefined ? { guildId } : {}),
      })) as BuiltSnapshot;
      const library = await this.restore(built);
      if (built.cache && guildId !== undefined) this.cache.onCache?.(guildId, built.cache);
      return library;
    } catch (error) {
      return this.giveUp(error).build(own, warm, guildId);
    }
  }

  async forget(guildId: string): Promise<void> {
    if (this.cache.cacheDir !== undefined) await forgetServerCache({ dir: this.cache.cacheDir, guildId });
  }

  /**
   * The library from its snapshot, checked against the worker's answers. Each step runs in a turn
   * of the event loop of its own, so answers to other servers get in between.
   */
  private async restore(built: BuiltSnapshot): Promise<Library> {
    const { prototypes, shared } = this.classes();
    await nextTurn();
    const library = restoreSnapshot(built.snapshot, shared, prototypes) as Library;
    for (const probe of built.probes) {
      await nextTurn();
      const here = JSON.stringify(library.ask(probe.question));
      if (here !== probe.answer)
        throw new Error(`the restored library answers "${probe.question}" differently from the worker's`);
    }
    return library;
  }

  /** Prototypes by class name (from the template) and the shared objects by name, found once. */
  private classes(): { prototypes: Map<string, object>; shared: Map<string, object> } {
    const byObject = sharedObjects(this.shipped);
    this.sharedByName ??= new Map([...byObject].map(([object, name]) => [name, object]));
    if (!this.prototypes) {
      // Parts of an index are made on first need (the typo matcher, caches): one question with
      // an unknown word makes them in the template too, so their classes are known here.
      this.template.ask('zqxv Irak forcs?');
      // The lexicon and the vectors are never in a snapshot (they are shared): no need to walk them.
      this.prototypes = collectPrototypes(this.template, new Map(), new Set(byObject.keys()));
      // A library read from a server's cache file has compact paragraphs, which a template built
      // without the cache lacks.
      this.prototypes.set(CompactParagraph.name, CompactParagraph.prototype);
      this.prototypes.set(TextStore.name, TextStore.prototype);
    }
    return { prototypes: this.prototypes, shared: this.sharedByName };
  }

  /** Finds the classes now (start-up) rather than during the first upload. */
  prepare(): void {
    this.classes();
  }

  private giveUp(error: unknown): InThreadWorkshop {
    if (!this.fallback) {
      this.logger?.warn(
        `Building server libraries on the main thread from now on (the worker thread failed: ${error instanceof Error ? error.message : String(error)})`,
      );
      this.fallback = new InThreadWorkshop(this.shipped, this.cache);
      void this.stopWorker();
    }
    return this.fallback;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    if (!this.script) throw new Error('the worker script is not built (npm run build)');
    const worker = new Worker(this.script);
    worker.unref(); // never keeps the process alive on its own
    worker.on('message', (reply: WorkerReply | WorkerCacheNote) => {
      if ('note' in reply) {
        this.cache.onCache?.(reply.guildId, reply.event);
        return;
      }
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new Error(reply.error));
    });
    const failAll = (error: Error) => {
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
      this.worker = undefined;
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the worker thread exited (code ${code})`)));
    this.worker = worker;
    const { cacheDir } = this.cache;
    this.post(worker, {
      id: this.nextId++,
      kind: 'init',
      shipped: this.shipped.map(plainStory),
      ...(cacheDir !== undefined ? { cacheDir } : {}),
    }).catch(() => undefined);
    return worker;
  }

  private post(worker: Worker, request: WorkerRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private run(job: Job): Promise<unknown> {
    const worker = this.start();
    return this.post(worker, { id: this.nextId++, ...job });
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  async close(): Promise<void> {
    await this.stopWorker();
  }
}
