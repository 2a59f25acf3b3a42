/**
 * Paragraphs whose sentences are offsets in one shared table (the search index's own sentence
 * bounds) instead of a Sentence object each: at 200,000 paragraphs the objects, their sliced
 * strings and arrays were about 100 MB. `sentences` is made when read (a handful of paragraphs
 * per answer, one story's for a summary) and not kept.
 */
import { TextStore, type TextList } from './text-store.js';
import type { Paragraph, Sentence, Story } from './types.js';

/** Paragraph p's sentences are first[p] .. first[p + 1] - 1, each [start[s], end[s]) in its text. */
export interface SentenceTable {
  first: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
}

export class CompactParagraph implements Paragraph {
  constructor(
    readonly n: number,
    /** The texts this paragraph's is one of (a TextStore: made into a string when read). */
    private readonly texts: TextList,
    private readonly table: SentenceTable,
    /** This paragraph's row in the table. */
    private readonly row: number,
    /** Its text's number in `texts`. */
    private readonly textRow = row,
  ) {}

  get text(): string {
    return this.texts.at(this.textRow) ?? '';
  }

  get sentences(): Sentence[] {
    const { first, start, end } = this.table;
    const text = this.text;
    const out: Sentence[] = [];
    for (let s = first[this.row]; s < first[this.row + 1]; s++)
      out.push({ text: text.slice(start[s], end[s]), start: start[s], end: end[s] });
    return out;
  }

  /** As JSON, the plain paragraph it stands for. */
  toJSON(): Paragraph {
    return { n: this.n, text: this.text, sentences: this.sentences };
  }
}

/** Whether every sentence lies within its paragraph (a table from the cache is checked before use). */
export function tableFits(table: SentenceTable, texts: TextStore): boolean {
  const { first, start, end } = table;
  if (first.length !== texts.length + 1 || start.length !== end.length || first[texts.length] !== start.length)
    return false;
  for (let p = 0; p < texts.length; p++) {
    if (first[p + 1] < first[p]) return false;
    const length = texts.textLength(p);
    for (let s = first[p]; s < first[p + 1]; s++) if (end[s] < start[s] || end[s] > length) return false;
  }
  return true;
}

/**
 * The stories again with compact paragraphs over `table` and `texts`, whose rows are the stories'
 * paragraphs in order (as the search index holds them).
 */
export function compactStories(stories: readonly Story[], texts: TextList, table: SentenceTable): Story[] {
  let row = 0;
  return stories.map((story) => ({
    ...story,
    paragraphs: story.paragraphs.map((p) => new CompactParagraph(p.n, texts, table, row++)),
  }));
}

/**
 * A parsed story moved into `texts` (its paragraphs' texts appended in order) with its sentence
 * bounds in a table of its own: the story's strings and Sentence objects can then go, one story
 * at a time, before the next is parsed.
 */
export function storeStory(story: Story, texts: TextStore): Story {
  const first = new Uint32Array(story.paragraphs.length + 1);
  let sentences = 0;
  story.paragraphs.forEach((p, i) => {
    first[i] = sentences;
    sentences += p.sentences.length;
  });
  first[story.paragraphs.length] = sentences;
  const table: SentenceTable = { first, start: new Uint32Array(sentences), end: new Uint32Array(sentences) };
  let s = 0;
  const paragraphs = story.paragraphs.map((p, i) => {
    for (const sentence of p.sentences) {
      table.start[s] = sentence.start;
      table.end[s++] = sentence.end;
    }
    return new CompactParagraph(p.n, texts, table, i, texts.add(p.text));
  });
  return { ...story, paragraphs };
}

/**
 * A story whose paragraphs are plain data (sentences as objects), for structured clone
 * (postMessage keeps own fields only, so a compact paragraph would arrive without sentences).
 */
export function plainStory(story: Story): Story {
  if (!story.paragraphs.some((p) => p instanceof CompactParagraph)) return story;
  return {
    ...story,
    paragraphs: story.paragraphs.map((p) => ({ n: p.n, text: p.text, sentences: p.sentences })),
  };
}
