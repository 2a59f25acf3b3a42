import { SearchIndex, type IndexOptions } from '../search/index.js';
import { loadWordData, type WordData } from '../search/word-data.js';
import { loadStories } from '../story/load.js';
import type { Paragraph, Story } from '../story/types.js';
import { answerQuestion, DEFAULT_ASK_SETTINGS, type AskSettings, type IndexedParagraph } from './ask.js';
import { summarize } from './summary.js';
import type { Answer, Summary, SummaryLength } from './types.js';

export interface LibraryOptions {
  /** Index options over the defaults and the word data. */
  index?: Partial<IndexOptions>;
  ask?: Partial<AskSettings>;
  /** An index already built over these stories' paragraphs, in order (the index cache's). */
  prebuilt?: SearchIndex;
}

/**
 * The loaded stories and one search index over all their paragraphs: what every front end
 * (Discord, console, `--json`) asks. Immutable once built, so a reload swaps whole libraries.
 */
export class Library {
  readonly stories: readonly Story[];
  private readonly index: SearchIndex;
  private readonly sources: IndexedParagraph[];
  /** Each story's paragraphs are a contiguous run of index documents. */
  private readonly ranges: Map<string, { from: number; to: number }>;
  private readonly settings: AskSettings;
  private readonly summaries = new Map<string, Summary>();

  private constructor(stories: readonly Story[], wordData: WordData, options: LibraryOptions) {
    this.stories = stories;
    this.sources = [];
    this.ranges = new Map();
    for (const story of stories) {
      const from = this.sources.length;
      for (const paragraph of story.paragraphs) this.sources.push({ story, paragraph });
      this.ranges.set(story.id, { from, to: this.sources.length });
    }
    this.index =
      options.prebuilt ??
      SearchIndex.build(
        this.sources.map((s) => s.paragraph),
        { ...wordData, ...options.index },
      );
    this.settings = { ...DEFAULT_ASK_SETTINGS, ...options.ask };
  }

  /** A library of loaded stories, searched with loaded word data (see loadWordData): no I/O. */
  static fromStories(stories: readonly Story[], wordData: WordData, options: LibraryOptions = {}): Library {
    if (stories.length === 0) throw new Error('A library needs at least one story.');
    return new Library(stories, wordData, options);
  }

  /** The story with this id, or undefined. */
  story(id: string): Story | undefined {
    return this.stories.find((s) => s.id === id);
  }

  /** Answers a question over all stories, or over one when `story` names it. */
  ask(question: string, opts: { story?: string; limit?: number; allPassages?: boolean } = {}): Answer {
    const range = opts.story === undefined ? undefined : this.ranges.get(opts.story);
    if (opts.story !== undefined && !range) return { question, answered: false, passages: [], shortAnswer: null };
    return answerQuestion(
      this.index,
      this.sources,
      question,
      { limit: opts.limit, allPassages: opts.allPassages, ...range },
      this.settings,
    );
  }

  /** One summary per story, or the one asked for (none when no story has that id). */
  summarize(opts: { story?: string; length?: SummaryLength } = {}): Summary[] {
    const length = opts.length ?? 'medium';
    const stories = opts.story === undefined ? this.stories : this.stories.filter((s) => s.id === opts.story);
    return stories.map((story) => {
      const key = `${story.id}\u0000${length}`;
      let summary = this.summaries.get(key);
      if (!summary) this.summaries.set(key, (summary = summarize(story, length)));
      return summary;
    });
  }

  paragraph(story: string, n: number): Paragraph | undefined {
    return this.story(story)?.paragraphs[n - 1];
  }
}

/**
 * For entry points: loads the word data and the stories at `path` (a file or folder) into a
 * ready library. Throws StoryLoadError, LexiconLoadError or VectorsLoadError (one-line messages).
 */
export async function loadLibrary(path: string, options: LibraryOptions = {}): Promise<Library> {
  const wordData = loadWordData();
  return Library.fromStories(await loadStories(path), wordData, options);
}
