// One quality evaluation as a serialisable job, so a pool of worker threads can share them out.
import { engineByName } from '../engines/index.js';
import { loadStories } from '../../src/story/load.js';
import { seedsDir } from './data.js';
import {
  evaluateNews,
  evaluateSeedQa,
  evaluateSquad2PerArticle,
  evaluateSquadCorpus,
  evaluateSquadPerArticle,
  type Evaluation,
  type NewsEvaluation,
} from './evaluate.js';

export type QualitySet = 'news-dev' | 'seed' | 'seed-train' | 'squad1-article' | 'squad1-corpus' | 'squad2-article';

export interface QualityJob {
  engine: string;
  set: QualitySet;
  /** Per-article sets: only the first N articles. */
  limitArticles?: number;
  /** One-corpus set: every Nth question. */
  stride?: number;
}

export type JobResult = QualityJob & Evaluation & Partial<Pick<NewsEvaluation, 'byKind' | 'byStory'>>;

/** The shipped story's paragraph texts, numbered as storybot cites them. */
export async function seedParagraphs(): Promise<string[]> {
  const stories = await loadStories(seedsDir());
  return stories[0].paragraphs.map((p) => p.text);
}

export async function runJob(job: QualityJob): Promise<JobResult> {
  const factory = engineByName(job.engine);
  const opts = { limitArticles: job.limitArticles };
  let evaluation: Evaluation;
  switch (job.set) {
    case 'news-dev':
      evaluation = evaluateNews(factory);
      break;
    case 'seed':
      evaluation = evaluateSeedQa(factory, await seedParagraphs());
      break;
    case 'seed-train':
      evaluation = evaluateSeedQa(factory, await seedParagraphs(), 'seed-qa-train.json');
      break;
    case 'squad1-article':
      evaluation = evaluateSquadPerArticle(factory, opts);
      break;
    case 'squad1-corpus':
      evaluation = evaluateSquadCorpus(factory, { stride: job.stride });
      break;
    case 'squad2-article':
      evaluation = evaluateSquad2PerArticle(factory, opts);
      break;
  }
  return { ...job, ...evaluation };
}
