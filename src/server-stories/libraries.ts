/**
 * One Library per server: the stories the server added plus the ones shipped with the bot
 * (STORY_PATH). Built lazily, on the server's first question after start, and rebuilt only for
 * the server whose stories changed; a server without stories of its own, and every DM, shares the
 * shipped library. Builds go through a Workshop (a worker thread in a running bot), so building
 * one server's library does not hold up the others. Nothing here knows about Discord: a "scope"
 * is a server id, or null for DMs.
 */
import type { Library } from '../answer/library.js';
import type { Store, StoredStory, StoryChange } from '../store/types.js';
import type { StorySource, Workshop } from './workshop.js';

/** The stored stories as sources for a build; a shipped story added later under the same name keeps it. */
export function sourcesOf(stored: readonly StoredStory[], shipped: Library): StorySource[] {
  const shippedIds = new Set(shipped.stories.map((s) => s.id));
  return stored.map((row) => ({
    slug: shippedIds.has(row.slug) ? `${row.slug}-server` : row.slug,
    title: row.title,
    body: row.body,
    fileName: row.fileName,
  }));
}

export class ServerLibraries {
  private readonly libraries = new Map<string, Promise<Library>>();
  /** Bumped on every change, so a build that started before a change is not installed after it. */
  private readonly generations = new Map<string, number>();
  /** The stories version (in the store) each server's library was built at: other processes' changes are newer. */
  private readonly versions = new Map<string, number>();

  constructor(
    readonly shipped: Library,
    private readonly store: Pick<Store, 'loadStories' | 'storiesVersion'>,
    private readonly workshop: Workshop,
    /** Told each time a server's library is built from the store (logs: which process builds which server's). */
    private readonly onBuilt?: (guildId: string, ms: number) => void,
  ) {}

  /** The library a question in this server (null: a DM) is answered from. */
  forScope(guildId: string | null | undefined): Promise<Library> {
    if (!guildId) return Promise.resolve(this.shipped);
    const cached = this.libraries.get(guildId);
    if (cached) return cached;
    const generation = this.generation(guildId);
    const building = this.load(guildId, generation).catch((error: unknown) => {
      // A failed build is not cached: the next question tries again.
      if (this.libraries.get(guildId) === building && this.generation(guildId) === generation)
        this.libraries.delete(guildId);
      throw error;
    });
    this.libraries.set(guildId, building);
    return building;
  }

  /** Whether the server's library is built and in memory (tests, logs). */
  isLoaded(guildId: string): boolean {
    return this.libraries.has(guildId);
  }

  /**
   * The library for these stories of a server (the shipped one when there are none), with their
   * summaries made ahead: a new library starts with none, and a large story's summary takes as
   * long as its index, which must not happen on the main thread at someone's first /summary.
   * With the server's id, through that server's index cache file (when there is a cache folder).
   */
  async libraryWith(own: readonly StorySource[], guildId?: string): Promise<Library> {
    return own.length === 0
      ? this.shipped
      : this.workshop.build(
          own,
          own.map((s) => s.slug),
          guildId,
        );
  }

  /** Installs a library built for the server's stories at `version` (after an add or a remove). */
  install(guildId: string, library: Library, version: number): void {
    this.bump(guildId);
    this.versions.set(guildId, version);
    this.libraries.set(guildId, Promise.resolve(library));
  }

  /** Forgets the server's library; the next question builds it again from the store. */
  invalidate(guildId: string): void {
    this.bump(guildId);
    this.versions.delete(guildId);
    this.libraries.delete(guildId);
  }

  /**
   * A server's stories changed in the store, perhaps by another process (a shard, an HTTP
   * replica): a library built at an older version is forgotten. `null`: changes may have been
   * missed, so every server's library is.
   */
  changed(change: StoryChange | null): void {
    if (change === null) {
      for (const guildId of [...this.libraries.keys()]) this.invalidate(guildId);
      return;
    }
    const known = this.versions.get(change.guildId);
    if (known !== undefined && known >= change.version) return; // this library already has it (our own change)
    if (this.libraries.has(change.guildId) || known !== undefined) this.invalidate(change.guildId);
    else this.bump(change.guildId); // a build under way started before the change
  }

  private async load(guildId: string, generation: number): Promise<Library> {
    // The version first: stories read after it are at least that new, so a later change is never taken for one already in.
    const version = await this.store.storiesVersion(guildId);
    if (this.generation(guildId) === generation) this.versions.set(guildId, version);
    const started = performance.now();
    const library = await this.libraryWith(sourcesOf(await this.store.loadStories(guildId), this.shipped), guildId);
    this.onBuilt?.(guildId, performance.now() - started);
    return library;
  }

  private generation(guildId: string): number {
    return this.generations.get(guildId) ?? 0;
  }

  private bump(guildId: string): void {
    this.generations.set(guildId, this.generation(guildId) + 1);
  }
}
