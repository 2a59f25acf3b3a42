/**
 * Parsed stories as cache sections: ids, titles, sources, each paragraph's text and its
 * sentences' offsets, so a start with unchanged stories skips parsing and sentence splitting.
 */
import type { Paragraph, Sentence, Story } from '../../story/types.js';
import { CacheRejected, type Sections } from './format.js';

const PREFIX = 'stories.';

export function storiesToSections(stories: readonly Story[]): Sections {
  const paragraphStart = new Uint32Array(stories.length + 1);
  const texts: string[] = [];
  let sentences = 0;
  stories.forEach((story, i) => {
    paragraphStart[i] = texts.length;
    for (const p of story.paragraphs) {
      texts.push(p.text);
      sentences += p.sentences.length;
    }
  });
  paragraphStart[stories.length] = texts.length;
  const sentenceStart = new Uint32Array(texts.length + 1);
  const starts = new Uint32Array(sentences);
  const ends = new Uint32Array(sentences);
  let p = 0;
  let s = 0;
  for (const story of stories) {
    for (const paragraph of story.paragraphs) {
      sentenceStart[p++] = s;
      for (const sentence of paragraph.sentences) {
        starts[s] = sentence.start;
        ends[s++] = sentence.end;
      }
    }
  }
  sentenceStart[p] = s;
  return {
    [`${PREFIX}ids`]: stories.map((x) => x.id),
    [`${PREFIX}titles`]: stories.map((x) => x.title),
    [`${PREFIX}sources`]: stories.map((x) => x.source),
    [`${PREFIX}paragraphStart`]: paragraphStart,
    [`${PREFIX}texts`]: texts,
    [`${PREFIX}sentenceStart`]: sentenceStart,
    [`${PREFIX}sentenceFrom`]: starts,
    [`${PREFIX}sentenceTo`]: ends,
  };
}

function section<T>(sections: Sections, name: string, check: (v: unknown) => v is T): T {
  const value = sections[PREFIX + name];
  if (!check(value)) throw new CacheRejected('corrupt', `stories section "${name}" missing or of the wrong type`);
  return value;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v);
const isU32 = (v: unknown): v is Uint32Array => v instanceof Uint32Array;

/** The stories back from their sections; throws CacheRejected when they do not fit together. */
export function storiesFromSections(sections: Sections): Story[] {
  const ids = section(sections, 'ids', isStrings);
  const titles = section(sections, 'titles', isStrings);
  const sources = section(sections, 'sources', isStrings);
  const paragraphStart = section(sections, 'paragraphStart', isU32);
  const texts = section(sections, 'texts', isStrings);
  const sentenceStart = section(sections, 'sentenceStart', isU32);
  const from = section(sections, 'sentenceFrom', isU32);
  const to = section(sections, 'sentenceTo', isU32);
  const bad = (what: string) => new CacheRejected('corrupt', `stories: ${what}`);
  if (titles.length !== ids.length || sources.length !== ids.length || paragraphStart.length !== ids.length + 1)
    throw bad('story counts differ');
  if (paragraphStart[ids.length] !== texts.length || sentenceStart.length !== texts.length + 1)
    throw bad('paragraph counts differ');
  if (sentenceStart[texts.length] !== from.length || to.length !== from.length) throw bad('sentence counts differ');
  const stories: Story[] = [];
  for (let i = 0; i < ids.length; i++) {
    const paragraphs: Paragraph[] = [];
    if (paragraphStart[i + 1] < paragraphStart[i]) throw bad('paragraph ranges out of order');
    for (let p = paragraphStart[i]; p < paragraphStart[i + 1]; p++) {
      const text = texts[p];
      const sentences: Sentence[] = [];
      if (sentenceStart[p + 1] < sentenceStart[p]) throw bad('sentence ranges out of order');
      for (let s = sentenceStart[p]; s < sentenceStart[p + 1]; s++) {
        const start = from[s];
        const end = to[s];
        if (end < start || end > text.length) throw bad('sentence outside its paragraph');
        sentences.push({ text: text.slice(start, end), start, end });
      }
      paragraphs.push({ n: paragraphs.length + 1, text, sentences });
    }
    stories.push({ id: ids[i], title: titles[i], source: sources[i], paragraphs });
  }
  return stories;
}
