// news-dev: eight news stories with reader-style questions (bench/data/news-dev, see its README).
// The set closest to what users ask. Stories are read by the project's own loader, so paragraph
// numbers are the ones the bot cites; questions are scored as the README there says.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseStory } from '../../src/story/load.js';
import type { Story } from '../../src/story/types.js';
import { dataDir } from './data.js';

export interface NewsQuestion {
  q: string;
  /** 1-based answering paragraphs, best first; [] = the story does not answer. */
  gold: number[];
  /** The short fact a reader wants, verbatim in the first gold paragraph ("" when unanswerable). */
  answer: string;
  kind: string;
}

export interface NewsStory {
  /** The file name, e.g. `03-tallyo-data-breach.txt`. */
  file: string;
  story: Story;
  questions: NewsQuestion[];
}

export const newsDevDir = (): string => join(dataDir(), 'news-dev');

/** The training stories written for this project (bench/data/news-train/*), one set per batch folder. */
export function newsTrainSets(): NewsStory[][] {
  return newsBatches('news-train');
}

/** More training stories, questions only (bench/data/news-extra/*): they train the ranking, not the answerability model. */
export function newsExtraSets(): NewsStory[][] {
  return newsBatches('news-extra');
}

/** Each batch folder of a folder of batches (news-train, news-extra), in name order. */
function newsBatches(folder: string): NewsStory[][] {
  const root = join(dataDir(), folder);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => loadNewsSet(join(root, name)));
}

/** Every story of a news-style question folder (default news-dev) with its questions, by file name. */
export function loadNewsSet(dir = newsDevDir()): NewsStory[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.qa.json'))
    .sort()
    .map((qaFile) => {
      const qa = JSON.parse(readFileSync(join(dir, qaFile), 'utf8')) as { story: string; questions: NewsQuestion[] };
      const text = readFileSync(join(dir, qa.story), 'utf8');
      const story = parseStory(text, basename(qa.story, extname(qa.story)), qa.story);
      return { file: qa.story, story, questions: qa.questions };
    });
}
