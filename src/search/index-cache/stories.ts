/**
 * Parsed stories as cache sections: ids, titles, sources and the paragraphs' texts (a TextStore's
 * UTF-8 and ends, kept as read), so a start with unchanged stories skips parsing; the sentences'
 * offsets are the index's own (its sections).
 */
import { CompactParagraph, tableFits, type SentenceTable } from '../../story/compact.js';
import { TextStore } from '../../story/text-store.js';
import type { Paragraph, Story } from '../../story/types.js';
import { CacheRejected, type Sections } from './format.js';

const PREFIX = 'stories.';

/** `texts`: the stories' paragraphs' texts in order (made from them when not given). */
export function storiesToSections(stories: readonly Story[], texts?: TextStore): Sections {
  const paragraphStart = new Uint32Array(stories.length + 1);
  let count = 0;
  stories.forEach((story, i) => {
    paragraphStart[i] = count;
    count += story.paragraphs.length;
  });
  paragraphStart[stories.length] = count;
  if (!texts) {
    texts = new TextStore();
    for (const story of stories) for (const p of story.paragraphs) texts.add(p.text);
  }
  if (texts.length !== count) throw new Error("index cache: the texts are not the stories' paragraphs");
  const { bytes, ends } = texts.parts();
  return {
    [`${PREFIX}ids`]: stories.map((x) => x.id),
    [`${PREFIX}titles`]: stories.map((x) => x.title),
    [`${PREFIX}sources`]: stories.map((x) => x.source),
    [`${PREFIX}paragraphStart`]: paragraphStart,
    [`${PREFIX}textBytes`]: bytes,
    [`${PREFIX}textEnds`]: ends,
  };
}

function section<T>(sections: Sections, name: string, check: (v: unknown) => v is T): T {
  const value = sections[PREFIX + name];
  if (!check(value)) throw new CacheRejected('corrupt', `stories section "${name}" missing or of the wrong type`);
  return value;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v);
const isU32 = (v: unknown): v is Uint32Array => v instanceof Uint32Array;
const isU8 = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/** The stories' parts as stored: the paragraphs' texts in order, and where each story's start. */
export interface StoredStories {
  ids: string[];
  titles: string[];
  sources: string[];
  paragraphStart: Uint32Array;
  texts: TextStore;
}

/** The stored parts, checked to fit together; throws CacheRejected. */
export function storedStories(sections: Sections): StoredStories {
  const stored = {
    ids: section(sections, 'ids', isStrings),
    titles: section(sections, 'titles', isStrings),
    sources: section(sections, 'sources', isStrings),
    paragraphStart: section(sections, 'paragraphStart', isU32),
    texts: TextStore.over(section(sections, 'textBytes', isU8), section(sections, 'textEnds', isU32)),
  };
  const { ids, titles, sources, paragraphStart, texts } = stored;
  const bad = (what: string) => new CacheRejected('corrupt', `stories: ${what}`);
  if (!texts) throw bad('texts are not UTF-8 or their ends are out of order');
  if (titles.length !== ids.length || sources.length !== ids.length || paragraphStart.length !== ids.length + 1)
    throw bad('story counts differ');
  if (paragraphStart[0] !== 0 || paragraphStart[ids.length] !== texts.length) throw bad('paragraph counts differ');
  for (let i = 0; i < ids.length; i++)
    if (paragraphStart[i + 1] < paragraphStart[i]) throw bad('paragraph ranges out of order');
  return { ...stored, texts };
}

/**
 * The stories back, their paragraphs' sentences read from `table` (the restored index's sentence
 * bounds, one row per paragraph in order); throws CacheRejected when the table does not fit.
 */
export function storiesFromSections(stored: StoredStories, table: SentenceTable): Story[] {
  const { ids, titles, sources, paragraphStart, texts } = stored;
  if (!tableFits(table, texts)) throw new CacheRejected('corrupt', 'stories: sentences outside their paragraphs');
  const stories: Story[] = [];
  for (let i = 0; i < ids.length; i++) {
    const paragraphs: Paragraph[] = [];
    for (let p = paragraphStart[i]; p < paragraphStart[i + 1]; p++)
      paragraphs.push(new CompactParagraph(paragraphs.length + 1, texts, table, p));
    stories.push({ id: ids[i], title: titles[i], source: sources[i], paragraphs });
  }
  return stories;
}
