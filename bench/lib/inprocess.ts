// In-process timings of the shipped library: a question on the shipped story (storybot and the
// peers side by side), and the extractive summary.
import { Library } from '../../src/answer/library.js';
import { loadWordData } from '../../src/search/word-data.js';
import { loadStories } from '../../src/story/load.js';
import type { Story } from '../../src/story/types.js';
import { allEngines } from '../engines/index.js';
import { storybotAsk, storyFromTexts } from '../engines/storybot.js';
import { loadSeedQa, loadSquad1, seedsDir } from './data.js';
import { median, percentile } from './metrics.js';

/** The row of {@link seedStoryLatency} that reads the answer's short answer too (issue #11's floor). */
export const SHORT_ANSWER_ROW =
  'storybot: `library.ask(question).shortAnswer`, the answer with its short answer, as rendering reads it';

export interface LatencyFigures {
  name: string;
  samples: number;
  medianMs: number;
  p99Ms: number;
}

function timeEach(
  rounds: number,
  questions: readonly string[],
  ask: (q: string) => unknown,
): LatencyFigures & { name: string } {
  for (const q of questions) ask(q); // warm-up: JIT, lazy tables
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      ask(q);
      samples.push(performance.now() - t);
    }
  }
  return { name: '', samples: samples.length, medianMs: median(samples), p99Ms: percentile(samples, 99) };
}

/**
 * Every seed-qa-dev question on the shipped story, `rounds` times: storybot's `library.ask` (the
 * full answer: ranking, sentence choice, highlights) and each engine's ranking call.
 */
export async function seedStoryLatency(rounds = 200): Promise<LatencyFigures[]> {
  const stories = await loadStories(seedsDir());
  const questions = loadSeedQa().map((q) => q.q);
  const library = Library.fromStories(stories, loadWordData());
  const out: LatencyFigures[] = [
    {
      ...timeEach(rounds, questions, (q) => library.ask(q)),
      name: 'storybot: `library.ask(question)`, as the bot calls it',
    },
  ];
  // The short answer is worked out when first read (as rendering and --json do): this row reads it.
  out.push({ ...timeEach(rounds, questions, (q) => library.ask(q).shortAnswer), name: SHORT_ANSWER_ROW });
  const texts = stories[0].paragraphs.map((p) => p.text);
  // The shipped answer path is the row above; the others rank paragraphs only.
  for (const factory of allEngines.filter((e) => e !== storybotAsk)) {
    const engine = factory.create();
    engine.build(texts);
    out.push({ ...timeEach(rounds, questions, (q) => engine.search(q, 10)), name: factory.name });
  }
  return out;
}

export interface SummaryFigures {
  story: string;
  paragraphs: number;
  chars: number;
  /** `library.summarize()` on a fresh library (summaries are cached per library after the first). */
  medianMs: number;
  maxMs: number;
  runs: number;
}

function timeSummary(story: Story, runs: number): SummaryFigures {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const library = Library.fromStories([story], loadWordData());
    const t = performance.now();
    library.summarize();
    if (i > 0) times.push(performance.now() - t); // the first run warms the JIT up
  }
  const chars = story.paragraphs.reduce((n, p) => n + p.text.length, 0);
  return {
    story: story.id,
    paragraphs: story.paragraphs.length,
    chars,
    medianMs: median(times),
    maxMs: Math.max(...times),
    runs,
  };
}

/** Summary of the shipped story and of the longest SQuAD 1.1 dev article (by characters). */
export async function summaryTimings(runs = 20): Promise<SummaryFigures[]> {
  const [shipped] = await loadStories(seedsDir());
  const longest = loadSquad1().articles.reduce((a, b) =>
    b.paragraphs.join('').length > a.paragraphs.join('').length ? b : a,
  );
  return [timeSummary(shipped, runs), timeSummary(storyFromTexts(longest.paragraphs, longest.title), runs)];
}
