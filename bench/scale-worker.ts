// One engine on one grown corpus, in a fresh process (spawned by bench/run.ts with --expose-gc), so
// build time, latency and memory are not disturbed by other engines. Reports on stdout, one JSON
// line per phase, so the parent can tell a build that ran out of time from slow questions:
//   {"phase":"ready"}  corpus generated, the build starts now
//   {"phase":"built", ...BuildFigures}
//   {"phase":"done", ...ScaleFigures}
import { engineByName } from './engines/index.js';
import { growCorpus } from './lib/corpus.js';
import { loadSquad1 } from './lib/data.js';
import { median, percentile } from './lib/metrics.js';

export interface ScaleRequest {
  engine: string;
  size: number;
  /** Most questions to time. */
  queries: number;
  /** Milliseconds the question phase (warm-up included) may take; it stops early, with fewer questions, after that. */
  queryBudgetMs: number;
}

export interface BuildFigures {
  buildMs: number;
  /** Growth of V8 heap + external memory (typed arrays live there) across the build, both after a full GC. */
  indexBytes: number;
  /** Growth of resident set size over the same span (after the same GC). */
  rssBytes: number;
}

export interface ScaleFigures extends BuildFigures {
  /** Questions timed. */
  queries: number;
  medianMs: number;
  p99Ms: number;
  /** Share of the timed questions whose top result is the gold paragraph. */
  top1: number;
  /** Peak resident set size of the whole process (corpus and build garbage included). */
  maxRssBytes: number;
}

const WARMUP_QUESTIONS = 20;
const K = 10;

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('scale-worker: run node with --expose-gc');
  gc();
  gc();
}

function retainedBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

export function measure(req: ScaleRequest, report: (line: object) => void = () => {}): ScaleFigures {
  const corpus = growCorpus(loadSquad1(), req.size);
  const engine = engineByName(req.engine).create();

  fullGc();
  const heapBefore = retainedBytes();
  const rssBefore = process.memoryUsage().rss;
  report({ phase: 'ready' });
  const started = performance.now();
  engine.build(corpus.texts);
  const buildMs = performance.now() - started;
  fullGc();
  const built: BuildFigures = {
    buildMs,
    indexBytes: retainedBytes() - heapBefore,
    rssBytes: process.memoryUsage().rss - rssBefore,
  };
  report({ phase: 'built', ...built });

  // Warm up the JIT on questions from the end of the list, which are never timed. The budget
  // covers the warm-up too (at most a fifth of it): a slow engine may need seconds per question.
  const phaseStart = performance.now();
  const warmupEnd = phaseStart + req.queryBudgetMs / 5;
  const deadline = phaseStart + req.queryBudgetMs;
  for (const q of corpus.questions.slice(-WARMUP_QUESTIONS)) {
    if (performance.now() >= warmupEnd) break;
    engine.search(q.question, K);
  }

  const latencies: number[] = [];
  let top1 = 0;
  const limit = Math.min(req.queries, corpus.questions.length - WARMUP_QUESTIONS);
  // At least one question is timed, however slow; the parent's grace time bounds it.
  for (let i = 0; i < limit && (i === 0 || performance.now() < deadline); i++) {
    const { question, gold } = corpus.questions[i];
    const t = performance.now();
    const ranked = engine.search(question, K);
    latencies.push(performance.now() - t);
    if (ranked[0] === gold) top1++;
  }
  return {
    ...built,
    queries: latencies.length,
    medianMs: median(latencies),
    p99Ms: percentile(latencies, 99),
    top1: top1 / Math.max(1, latencies.length),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function argument(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`scale-worker: missing --${name}`);
  return process.argv[i + 1];
}

// node --expose-gc dist-tools/bench/scale-worker.js --engine NAME --size N --queries Q --budget MS
if (process.argv.includes('--engine')) {
  const say = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');
  const figures = measure(
    {
      engine: argument('engine'),
      size: Number(argument('size')),
      queries: Number(argument('queries')),
      queryBudgetMs: Number(argument('budget')),
    },
    say,
  );
  say({ phase: 'done', ...figures });
}
