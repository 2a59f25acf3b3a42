/**
 * Server stories as the admins and members use them, with no Discord in it: add, list and remove
 * a server's stories; log the questions asked in a server and the votes on its answers; report
 * the gaps. Changes to one server's stories are serialized per server, committed in one
 * transaction only after the text parsed and its index was built, and then replace that server's
 * library only: other servers keep answering from theirs.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Library } from '../answer/library.js';
import type { Answer } from '../answer/types.js';
import type { Story } from '../story/types.js';
import { newId } from '../store/ids.js';
import type { Gaps, Store, StoredStoryInfo, StoryChange } from '../store/types.js';
import { ServerLibraries, sourcesOf } from './libraries.js';
import { normalizeQuestionForLog, titleKey, uniqueSlug } from './names.js';
import type { UploadedStory } from './upload.js';
import { InThreadWorkshop, type Workshop } from './workshop.js';

export interface ServerStoriesSettings {
  /** Largest story file accepted (STORY_MAX_BYTES). */
  maxBytes: number;
  /** Stories one server may add (STORIES_PER_SERVER). */
  maxPerServer: number;
  /** Questions are kept this many days for the gaps report (GAPS_RETENTION_DAYS). */
  retentionDays: number;
}

export const DEFAULT_SERVER_STORY_SETTINGS: ServerStoriesSettings = {
  maxBytes: 1024 * 1024,
  maxPerServer: 50,
  retentionDays: 30,
};

export type Refusal = { ok: false; problem: string };

export interface AddedStory {
  ok: true;
  story: StoredStoryInfo;
  titleFrom: UploadedStory['titleFrom'];
  /** Milliseconds spent reading (decode + parse), indexing (with summaries) and committing (the bench reports them). */
  timings: { parseMs: number; indexMs: number; commitMs: number };
}

export interface AddInput {
  guildId: string;
  /** The admin's Discord user id (shown in /story list). */
  userId: string;
  fileName: string;
  bytes: Uint8Array;
  titleOption?: string;
}

export interface StoryListing {
  own: StoredStoryInfo[];
  shipped: readonly Story[];
}

/** How many rows /story gaps shows of each kind. */
const GAPS_LIMIT = 15;
const DAY_MS = 24 * 60 * 60 * 1000;

export class ServerStories {
  readonly libraries: ServerLibraries;
  readonly workshop: Workshop;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listings = new Map<string, Promise<StoredStoryInfo[]>>();
  private salt?: Promise<string>;

  constructor(
    readonly store: Store,
    shipped: Library,
    readonly settings: ServerStoriesSettings = DEFAULT_SERVER_STORY_SETTINGS,
    options: { workshop?: Workshop; now?: () => number; onLibraryBuilt?: (guildId: string, ms: number) => void } = {},
  ) {
    this.workshop = options.workshop ?? new InThreadWorkshop(shipped.stories);
    this.libraries = new ServerLibraries(shipped, store, this.workshop, options.onLibraryBuilt);
    this.now = options.now ?? Date.now;
  }

  private readonly now: () => number;

  get shipped(): Library {
    return this.libraries.shipped;
  }

  /** The library a question in this server (null: a DM) is answered from. */
  libraryFor(guildId: string | null | undefined): Promise<Library> {
    return this.libraries.forScope(guildId);
  }

  /** The server's own stories (cached until they change: autocomplete asks on every keystroke). */
  ownStories(guildId: string): Promise<StoredStoryInfo[]> {
    let listing = this.listings.get(guildId);
    if (!listing) {
      listing = this.store.listStories(guildId);
      this.listings.set(guildId, listing);
      listing.catch(() => this.listings.delete(guildId));
    }
    return listing;
  }

  async list(guildId: string): Promise<StoryListing> {
    return { own: await this.ownStories(guildId), shipped: this.shipped.stories };
  }

  /** Whether the server may add another story (checked again inside the commit). */
  async roomFor(guildId: string): Promise<Refusal | { ok: true }> {
    const own = await this.ownStories(guildId);
    return own.length >= this.settings.maxPerServer ? this.tooMany() : { ok: true };
  }

  private tooMany(): Refusal {
    return {
      ok: false,
      problem: `This server already has ${this.settings.maxPerServer} stories, the most it may have: remove one with /story remove first.`,
    };
  }

  /** Parses, indexes and commits a story; the server's library is replaced only once it is all done. */
  add(input: AddInput): Promise<AddedStory | Refusal> {
    return this.serialized(input.guildId, () => this.addNow(input));
  }

  private async addNow(input: AddInput): Promise<AddedStory | Refusal> {
    const started = performance.now();
    // Decoding and parsing happen in the workshop (a worker thread in a running bot).
    const read = await this.workshop.inspect({
      fileName: input.fileName,
      bytes: input.bytes,
      maxBytes: this.settings.maxBytes,
      ...(input.titleOption !== undefined ? { titleOption: input.titleOption } : {}),
    });
    if (!read.ok) return read;
    const upload = read.value;
    const title = upload.title;
    const key = titleKey(title);

    // The version the stories below are at least as new as: if the commit's is not the next one, another process changed them meanwhile.
    const versionBefore = await this.store.storiesVersion(input.guildId);
    const stored = await this.store.loadStories(input.guildId);
    if (stored.length >= this.settings.maxPerServer) return this.tooMany();
    const clash = [...stored.map((s) => s.title), ...this.shipped.stories.map((s) => s.title)].find(
      (t) => titleKey(t) === key,
    );
    if (clash !== undefined) return this.duplicate(clash);
    const slug = uniqueSlug(title, new Set([...stored.map((s) => s.slug), ...this.shipped.stories.map((s) => s.id)]));
    const parsed = performance.now();

    // Index first: the story is committed only once it can be asked, and the server's library is
    // swapped only after the commit, so a failure anywhere leaves the old library and no row.
    const own = [...sourcesOf(stored, this.shipped), { slug, title, body: upload.text, fileName: input.fileName }];
    const library = await this.libraries.libraryWith(own, input.guildId);
    const indexed = performance.now();

    const result = await this.store.addStory(
      {
        guildId: input.guildId,
        slug,
        title,
        titleKey: key,
        fileName: input.fileName.slice(0, 200),
        body: upload.text,
        paragraphs: upload.paragraphs,
        sizeBytes: upload.sizeBytes,
        sha256: upload.sha256,
        addedBy: input.userId,
        addedAt: this.now(),
      },
      { maxPerServer: this.settings.maxPerServer },
    );
    const committed = performance.now();
    this.listings.delete(input.guildId);
    if (!result.ok) {
      // Another process changed the server's stories meanwhile: rebuild from the store next time.
      this.libraries.invalidate(input.guildId);
      if (result.reason === 'too-many') return this.tooMany();
      if (result.reason === 'duplicate-title') return this.duplicate(result.existing);
      return { ok: false, problem: 'Another story was added at the same moment: try again.' };
    }
    if (result.version === versionBefore + 1) this.libraries.install(input.guildId, library, result.version);
    else this.libraries.invalidate(input.guildId); // built without another process's change: rebuild from the store
    return {
      ok: true,
      story: result.story,
      titleFrom: upload.titleFrom,
      timings: { parseMs: parsed - started, indexMs: indexed - parsed, commitMs: committed - indexed },
    };
  }

  private duplicate(existing: string): Refusal {
    return {
      ok: false,
      problem: `This server can already ask a story titled "${existing.slice(0, 100)}": remove it first, or give the new one another title (a heading in the file, or the title option).`,
    };
  }

  /** Removes one of the server's stories by its name (slug, or title ignoring case). */
  remove(guildId: string, name: string): Promise<{ ok: true; story: StoredStoryInfo } | Refusal> {
    return this.serialized(guildId, async () => {
      const wanted = name.trim();
      const own = await this.store.listStories(guildId);
      const target = own.find((s) => s.slug === wanted) ?? own.find((s) => titleKey(s.title) === titleKey(wanted));
      if (!target) {
        const shipped = this.shipped.stories.find((s) => s.id === wanted || titleKey(s.title) === titleKey(wanted));
        if (shipped)
          return {
            ok: false,
            problem: `"${shipped.title.slice(0, 100)}" ships with the bot (STORY_PATH), so it cannot be removed from Discord: only this server's own stories can.`,
          };
        return {
          ok: false,
          problem: `This server has no story called "${wanted.slice(0, 100)}": /story list shows its stories.`,
        };
      }
      const removed = await this.store.removeStory(guildId, target.slug);
      this.listings.delete(guildId);
      if (!removed) {
        this.libraries.invalidate(guildId);
        return { ok: false, problem: `This server has no story called "${wanted.slice(0, 100)}" any more.` };
      }
      const remaining = await this.store.loadStories(guildId);
      // The last one gone: the server answers from the shipped library, and its cache file goes.
      if (remaining.length === 0) await this.workshop.forget(guildId);
      this.libraries.install(
        guildId,
        await this.libraries.libraryWith(sourcesOf(remaining, this.shipped), guildId),
        removed.version,
      );
      return { ok: true, story: removed };
    });
  }

  /**
   * Logs a question asked in a server (never who asked) and returns its id, which the answer's
   * vote buttons carry. DMs are not logged.
   */
  recordQuestion(
    guildId: string | null | undefined,
    question: string,
    answer: Pick<Answer, 'answered' | 'passages'>,
  ): { id: string; written: Promise<void> } | undefined {
    if (!guildId) return undefined;
    const normalized = normalizeQuestionForLog(question);
    if (!normalized) return undefined;
    const first = answer.answered ? answer.passages[0] : undefined;
    const id = newId();
    const written = this.store.logQuestion({
      id,
      guildId,
      question: normalized,
      askedAt: this.now(),
      answered: answer.answered,
      ...(first ? { storySlug: first.story, paragraph: first.paragraph } : {}),
    });
    return { id, written };
  }

  /** A member's vote on an answer of this server; the member is kept only as a salted hash. */
  async vote(guildId: string, questionId: string, userId: string, vote: 1 | -1) {
    const voter = createHmac('sha256', await this.voteSalt())
      .update(`${questionId}:${userId}`)
      .digest('base64url');
    return this.store.vote({ questionId, guildId, voter, vote, at: this.now() });
  }

  private voteSalt(): Promise<string> {
    this.salt ??= this.store.setting('vote-salt', () => randomBytes(32).toString('hex'));
    return this.salt;
  }

  /** What went unanswered and what was voted down in this server, over the retention window. */
  async gaps(guildId: string): Promise<Gaps & { days: number }> {
    await this.purge();
    const days = this.settings.retentionDays;
    return { ...(await this.store.gaps(guildId, this.now() - days * DAY_MS, GAPS_LIMIT)), days };
  }

  /** Deletes questions older than the retention (called at start, daily, and before a report). */
  purge(): Promise<number> {
    return this.store.purgeQuestions(this.now() - this.settings.retentionDays * DAY_MS);
  }

  /**
   * A server's stories changed in the store (told by `Store.watchStories`; perhaps by another
   * shard or HTTP replica): its library and listing are read again when next needed.
   */
  storiesChanged(change: StoryChange | null): void {
    if (change === null) this.listings.clear();
    else this.listings.delete(change.guildId);
    this.libraries.changed(change);
  }

  /** Runs changes to one server's stories one after another; other servers are not held up. */
  private serialized<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(guildId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(guildId, tail);
    void tail.then(() => {
      if (this.queues.get(guildId) === tail) this.queues.delete(guildId);
    });
    return next;
  }

  /** Stops the workshop's thread (the store is closed by whoever opened it). */
  async close(): Promise<void> {
    await this.workshop.close();
  }
}
