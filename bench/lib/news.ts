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
  const root = join(dataDir(), 'news-train');
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

/** What one question got: the ranked paragraphs (1-based) and whether the bot answered. */
export interface NewsOutcome {
  story: string;
  question: NewsQuestion;
  answered: boolean;
  ranked: number[];
  shortAnswer?: string | null;
}

export interface NewsScores {
  answerable: number;
  unanswerable: number;
  /** Answerable questions whose first paragraph is gold (a refusal is a miss). */
  top1: number;
  top3: number;
  unanswerableRefused: number;
  answerableRefused: number;
}

export function scoreNews(outcomes: readonly NewsOutcome[]): NewsScores {
  const s: NewsScores = { answerable: 0, unanswerable: 0, top1: 0, top3: 0, unanswerableRefused: 0, answerableRefused: 0 };
  for (const o of outcomes) {
    const gold = o.question.gold;
    if (gold.length === 0) {
      s.unanswerable++;
      if (!o.answered) s.unanswerableRefused++;
      continue;
    }
    s.answerable++;
    if (!o.answered) {
      s.answerableRefused++;
      continue;
    }
    if (gold.includes(o.ranked[0])) s.top1++;
    if (o.ranked.slice(0, 3).some((p) => gold.includes(p))) s.top3++;
  }
  return s;
}

/** Scores grouped by a key (kind, story), in first-seen order. */
export function scoreNewsBy(outcomes: readonly NewsOutcome[], key: (o: NewsOutcome) => string): Map<string, NewsScores> {
  const groups = new Map<string, NewsOutcome[]>();
  for (const o of outcomes) {
    const k = key(o);
    const g = groups.get(k);
    if (g) g.push(o);
    else groups.set(k, [o]);
  }
  return new Map([...groups].map(([k, g]) => [k, scoreNews(g)]));
}
