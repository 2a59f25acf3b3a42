// Summary quality against editors' reference summaries (bench/data/news-dev/summaries.json and
// news-train's, same format; see the news-dev README, "Reference summaries"): ROUGE-1/2/L F1
// (the better reference per story, the mean over stories) and key-fact recall, for storybot at
// each length beside the Lead-N baseline and plain TextRank.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { SUMMARY_SENTENCES, summarize, type SummaryOptions } from '../../src/answer/summary.js';
import type { SummaryLength } from '../../src/answer/types.js';
import { terms } from '../../src/search/text.js';
import { parseStory } from '../../src/story/load.js';
import type { Story } from '../../src/story/types.js';
import { dataDir } from './data.js';
import { keyFactRecall, rougeAgainst, type RougeScores } from './rouge.js';
import { textRankPick } from './textrank.js';

export interface ReferencedStory {
  /** Where it comes from, e.g. `news-dev/03-tallyo-data-breach.txt`. */
  name: string;
  story: Story;
  /** Two editors' references per length (none for `long`). */
  references: { short: string[]; medium: string[] };
  keyFacts: string[];
}

interface SummariesFile {
  stories: { file: string; short: string[]; medium: string[]; keyFacts: string[] }[];
}

/** The stories of one folder holding a `summaries.json`, read by the project's own loader. */
export function loadReferencedStories(dir: string, label = basename(dir)): ReferencedStory[] {
  const file = JSON.parse(readFileSync(join(dir, 'summaries.json'), 'utf8')) as SummariesFile;
  return file.stories.map((s) => {
    const text = readFileSync(join(dir, s.file), 'utf8');
    return {
      name: `${label}/${s.file}`,
      story: parseStory(text, basename(s.file, extname(s.file)), s.file),
      references: { short: s.short, medium: s.medium },
      keyFacts: s.keyFacts,
    };
  });
}

export const newsDevStories = (): ReferencedStory[] => loadReferencedStories(join(dataDir(), 'news-dev'));

/**
 * news-train: folders of further stories with references (`bench/data/news-train/<x>/`), used only
 * to tune the summary, never to report it. A folder without its `summaries.json` is skipped.
 */
export function newsTrainStories(root = join(dataDir(), 'news-train')): ReferencedStory[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'summaries.json')))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => loadReferencedStories(join(root, d.name), `news-train/${d.name}`));
}

/** A summarizer under test: the sentences it picks, in the order it prints them. */
export type Summarizer = (story: Story, length: SummaryLength) => string[];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Every sentence of the story in order, as the project's splitter finds them. */
export function storySentenceTexts(story: Story): string[] {
  return story.paragraphs
    .flatMap((p) => (p.sentences.length ? p.sentences.map((s) => s.text) : [p.text]))
    .map(collapse)
    .filter(Boolean);
}

export const storybotSummarizer =
  (options: SummaryOptions = {}): Summarizer =>
  (story, length) =>
    summarize(story, length, options).sentences.map((s) => s.text);

/** Lead-N: the story's first 3, 5 or 8 sentences (the title does not count). */
export const leadSummarizer: Summarizer = (story, length) =>
  storySentenceTexts(story).slice(0, SUMMARY_SENTENCES[length]);

/** Plain TextRank over the same stems the bot searches with; N sentences in story order. */
export const textRankSummarizer: Summarizer = (story, length) => {
  const sentences = storySentenceTexts(story);
  return textRankPick(
    sentences.map((s) => terms(s)),
    SUMMARY_SENTENCES[length],
  ).map((i) => sentences[i]);
};

export interface SummaryScores extends RougeScores {
  keyFacts: number;
  /** Mean words per summary (ROUGE F1 is sensitive to length). */
  words: number;
  stories: number;
}

/** Which references a length is scored against: long has none, so it is read against medium's. */
export const REFERENCE_LENGTH: Readonly<Record<SummaryLength, 'short' | 'medium'>> = {
  short: 'short',
  medium: 'medium',
  long: 'medium',
};

/** One story's scores for one summary text. */
export function scoreStory(text: string, story: ReferencedStory, length: SummaryLength): SummaryScores {
  return {
    ...rougeAgainst(text, story.references[REFERENCE_LENGTH[length]]),
    keyFacts: keyFactRecall(text, story.keyFacts),
    words: text.split(/\s+/).filter(Boolean).length,
    stories: 1,
  };
}

export function meanScores(perStory: readonly SummaryScores[]): SummaryScores {
  const n = perStory.length || 1;
  const mean = (key: keyof SummaryScores) => perStory.reduce((sum, s) => sum + s[key], 0) / n;
  return {
    rouge1: mean('rouge1'),
    rouge2: mean('rouge2'),
    rougeL: mean('rougeL'),
    keyFacts: mean('keyFacts'),
    words: mean('words'),
    stories: perStory.length,
  };
}

/** Mean scores of a summarizer over stories at one length (sentences joined with spaces). */
export function evaluateSummarizer(
  summarizer: Summarizer,
  stories: readonly ReferencedStory[],
  length: SummaryLength,
): SummaryScores {
  return meanScores(stories.map((s) => scoreStory(summarizer(s.story, length).join(' '), s, length)));
}
