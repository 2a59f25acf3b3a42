// Two builds' storybot indexes over one grown corpus in one process, each question asked of one
// and then the other (the first alternating): before/after on a busy machine, where load changes
// between two processes run one after the other would move the ratio. Run by bench/speed.ts with
// --baseline; alone:
//   node --max-old-space-size=8000 dist-tools/bench/speed-interleaved.js --baseline DIR [--size 200000] [--queries 500]
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EngineFactory } from './engines/engine.js';
import { engineByName } from './engines/index.js';
import { growCorpus } from './lib/corpus.js';
import { loadSquad1 } from './lib/data.js';
import { median, percentile } from './lib/metrics.js';
import { INDEX } from './lib/report.js';

const WARMUP_QUESTIONS = 20;

export interface InterleavedFigures {
  size: number;
  queries: number;
  /** This build's, then the baseline's. */
  medianMs: [number, number];
  p99Ms: [number, number];
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const baseline = option(argv, 'baseline');
  if (!baseline) throw new Error('speed-interleaved: --baseline DIR');
  const size = Number(option(argv, 'size') ?? 200_000);
  const queries = Number(option(argv, 'queries') ?? 500);
  const theirs = (await import(
    pathToFileURL(join(resolve(baseline), 'dist-tools', 'bench', 'engines', 'index.js')).href
  )) as { engineByName: (name: string) => EngineFactory };
  const corpus = growCorpus(loadSquad1(), size);
  const engines = [engineByName(INDEX).create(), theirs.engineByName(INDEX).create()];
  for (const engine of engines) engine.build(corpus.texts);
  for (const q of corpus.questions.slice(-WARMUP_QUESTIONS))
    for (const engine of engines) engine.search(q.question, 10);
  const times: [number[], number[]] = [[], []];
  const asked = corpus.questions.slice(0, Math.min(queries, corpus.questions.length - WARMUP_QUESTIONS));
  asked.forEach(({ question }, i) => {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const started = performance.now();
      engines[k].search(question, 10);
      times[k].push(performance.now() - started);
    }
  });
  const figures: InterleavedFigures = {
    size,
    queries: asked.length,
    medianMs: [median(times[0]), median(times[1])],
    p99Ms: [percentile(times[0], 99), percentile(times[1], 99)],
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`speed-interleaved failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
