/**
 * One Library per server: the stories the server added plus the ones shipped with the bot
 * (STORY_PATH). Built lazily, on the server's first question after start, and rebuilt only for
 * the server whose stories changed; a server without stories of its own, and every DM, shares the
 * shipped library. Nothing here knows about Discord: a "scope" is a server id, or null for DMs.
 */
import { Library } from '../answer/library.js';
import { parseStory } from '../story/load.js';
import type { Story } from '../story/types.js';
import type { Store, StoredStory } from '../store/types.js';

/** Builds a library from stories (in this thread by default; a test or bench may wrap it). */
export type LibraryBuilder = (stories: readonly Story[]) => Promise<Library>;

export const buildInThread: LibraryBuilder = async (stories) => Library.fromStories(stories);

/** A stored story read back with today's parser; its slug is its id, its stored title its title. */
export function storyFromStored(stored: Pick<StoredStory, 'slug' | 'title' | 'body' | 'fileName'>): Story {
  const parsed = parseStory(stored.body, stored.slug, stored.fileName);
  return { ...parsed, id: stored.slug, title: stored.title };
}

export class ServerLibraries {
  private readonly libraries = new Map<string, Promise<Library>>();
  /** Bumped on every change, so a build that started before a change is not installed after it. */
  private readonly generations = new Map<string, number>();

  constructor(
    readonly shipped: Library,
    private readonly store: Pick<Store, 'loadStories'>,
    private readonly build: LibraryBuilder = buildInThread,
  ) {}

  /** The library a question in this server (null: a DM) is answered from. */
  forScope(guildId: string | null | undefined): Promise<Library> {
    if (!guildId) return Promise.resolve(this.shipped);
    const cached = this.libraries.get(guildId);
    if (cached) return cached;
    const generation = this.generation(guildId);
    const building = this.load(guildId).catch((error: unknown) => {
      // A failed build is not cached: the next question tries again.
      if (this.libraries.get(guildId) === building && this.generation(guildId) === generation) this.libraries.delete(guildId);
      throw error;
    });
    this.libraries.set(guildId, building);
    return building;
  }

  /** Whether the server's library is built and in memory (tests, logs). */
  isLoaded(guildId: string): boolean {
    return this.libraries.has(guildId);
  }

  /** How many servers have a library of their own in memory. */
  get loadedCount(): number {
    return this.libraries.size;
  }

  /** The library for this server's stories given (the caller has them already: no database read). */
  async libraryWith(ownStories: readonly Story[]): Promise<Library> {
    return ownStories.length === 0 ? this.shipped : this.build([...this.shipped.stories, ...ownStories]);
  }

  /** Installs a library built for the server's current stories (after an add or a remove). */
  install(guildId: string, library: Library): void {
    this.bump(guildId);
    this.libraries.set(guildId, Promise.resolve(library));
  }

  /** Forgets the server's library; the next question builds it again from the store. */
  invalidate(guildId: string): void {
    this.bump(guildId);
    this.libraries.delete(guildId);
  }

  /** The server's own stories, parsed, as the store has them now. */
  async ownStories(guildId: string): Promise<Story[]> {
    const stored = await this.store.loadStories(guildId);
    const shippedIds = new Set(this.shipped.stories.map((s) => s.id));
    return stored.map((row) => {
      const story = storyFromStored(row);
      // A shipped story added later under the same name keeps its name; the server's gives way.
      return shippedIds.has(story.id) ? { ...story, id: `${story.id}-server` } : story;
    });
  }

  private async load(guildId: string): Promise<Library> {
    return this.libraryWith(await this.ownStories(guildId));
  }

  private generation(guildId: string): number {
    return this.generations.get(guildId) ?? 0;
  }

  private bump(guildId: string): void {
    this.generations.set(guildId, this.generation(guildId) + 1);
  }
}
