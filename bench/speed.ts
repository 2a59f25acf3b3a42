// Query speed only, in a few minutes (the full `npm run bench` takes about 25): a question on the
// shipped story in-process, the grown SQuAD corpora (each engine in a fresh process, as the full
// run does) and the CLI's first answer, storybot beside the peers as ratios.
// With --baseline DIR (another checkout, built with `npm run build && npm run build:tools`), its
// storybot is measured in the same run, interleaved with this one: before/after on a busy machine.
//   node dist-tools/bench/speed.js [--sizes 2067,200000] [--peers wink-bm25] [--rounds 100]
//                                  [--baseline /tmp/speed-main] [--no-cli]
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliTimeToFirstAnswer, type CliFigures } from './lib/cli-timing.js';
import { duration, ratio, table } from './lib/format.js';
import { seedStoryLatency, type LatencyFigures } from './lib/inprocess.js';
import { INDEX } from './lib/report.js';
import { runScaleCase, type ScaleOutcome, type ScalePlan } from './lib/scale.js';
import type { InterleavedFigures } from './speed-interleaved.js';

interface Modules {
  seedStoryLatency: typeof seedStoryLatency;
  runScaleCase: typeof runScaleCase;
  cliTimeToFirstAnswer: typeof cliTimeToFirstAnswer;
}

const THIS: Modules = { seedStoryLatency, runScaleCase, cliTimeToFirstAnswer };

/** The same bench modules of another checkout: they find their own project root, data and build. */
async function baselineModules(dir: string): Promise<Modules> {
  const lib = async <T>(name: string): Promise<T> =>
    (await import(pathToFileURL(join(resolve(dir), 'dist-tools', 'bench', 'lib', name)).href)) as T;
  const [inprocess, scale, cli] = await Promise.all([
    lib<Pick<Modules, 'seedStoryLatency'>>('inprocess.js'),
    lib<Pick<Modules, 'runScaleCase'>>('scale.js'),
    lib<Pick<Modules, 'cliTimeToFirstAnswer'>>('cli-timing.js'),
  ]);
  return {
    seedStoryLatency: inprocess.seedStoryLatency,
    runScaleCase: scale.runScaleCase,
    cliTimeToFirstAnswer: cli.cliTimeToFirstAnswer,
  };
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
}

/** Samples merged from several blocks: medians and p99s of the blocks' own, weighted by their samples. */
function mergeBlocks(blocks: LatencyFigures[][]): LatencyFigures[] {
  return blocks[0].map((first, row) => {
    const rows = blocks.map((b) => b[row]);
    const samples = rows.reduce((n, r) => n + r.samples, 0);
    const mean = (key: 'medianMs' | 'p99Ms') => rows.reduce((s, r) => s + r[key] * r.samples, 0) / samples;
    return { name: first.name, samples, medianMs: mean('medianMs'), p99Ms: mean('p99Ms') };
  });
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** bench/speed-interleaved.ts in a child process (two indexes of the corpus need their own heap). */
function interleavedRun(baseline: string, size: number, queries: number): InterleavedFigures | undefined {
  const run = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=12288',
      fileURLToPath(new URL('./speed-interleaved.js', import.meta.url)),
      '--baseline',
      baseline,
      '--size',
      String(size),
      '--queries',
      String(queries),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) return undefined;
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as InterleavedFigures;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const sizes = (option(argv, 'sizes') ?? '2067,200000').split(',').filter(Boolean).map(Number);
  const peers = (option(argv, 'peers') ?? 'wink-bm25').split(',').filter(Boolean);
  const rounds = Number(option(argv, 'rounds') ?? 100);
  const baselineDir = option(argv, 'baseline');
  const base = baselineDir ? await baselineModules(baselineDir) : undefined;
  const out: string[] = [];

  // Shipped story: blocks of this build and the baseline alternate, so load changes hit both.
  log('shipped story, in-process …');
  const blocks = 4;
  const mine: LatencyFigures[][] = [];
  const theirs: LatencyFigures[][] = [];
  for (let b = 0; b < blocks; b++) {
    mine.push(await THIS.seedStoryLatency(Math.ceil(rounds / blocks)));
    if (base) theirs.push(await base.seedStoryLatency(Math.ceil(rounds / blocks)));
  }
  const shipped = mergeBlocks(mine);
  const anchor = shipped[0];
  const rows = shipped.map((r) => [
    r.name,
    duration(r.medianMs),
    duration(r.p99Ms),
    String(r.samples),
    ratio(r.medianMs, anchor.medianMs),
    ratio(r.p99Ms, anchor.p99Ms),
  ]);
  if (base) {
    for (const r of mergeBlocks(theirs).filter((r) => r.name.startsWith('storybot')))
      rows.push([
        `baseline ${r.name}`,
        duration(r.medianMs),
        duration(r.p99Ms),
        String(r.samples),
        ratio(r.medianMs, anchor.medianMs),
        ratio(r.p99Ms, anchor.p99Ms),
      ]);
  }
  out.push(
    "**A question on the shipped story, in-process** (every seed-qa-dev question; median and p99 are the means of 4 interleaved blocks' own)",
    '',
  );
  out.push(table(['engine', 'median', 'p99', 'questions timed', 'median ÷ first row', 'p99 ÷ first row'], rows), '');

  // Grown corpora: storybot's index, the baseline's, the peers; each in a fresh process.
  const plan: ScalePlan = {
    sizes,
    engines: () => [INDEX, ...peers],
    queries: (size) => (size >= 200_000 ? 500 : 1_000),
    queryBudgetMs: (size) => (size >= 200_000 ? 10_000 : 5_000),
    buildBudgetMs: () => 300_000,
  };
  for (const size of sizes) {
    const cases: { label: string; run: () => Promise<ScaleOutcome> }[] = [
      { label: INDEX, run: () => THIS.runScaleCase(INDEX, size, plan) },
    ];
    if (base) cases.push({ label: `baseline ${INDEX}`, run: () => base.runScaleCase(INDEX, size, plan) });
    for (const peer of peers) cases.push({ label: peer, run: () => THIS.runScaleCase(peer, size, plan) });
    const results: { label: string; o: ScaleOutcome }[] = [];
    for (const c of cases) {
      log(`${size.toLocaleString('en-US')} paragraphs: ${c.label} …`);
      results.push({ label: c.label, o: await c.run() });
    }
    // Both builds in one process, the questions alternating: the fairest before/after on a busy machine.
    let interleaved: InterleavedFigures | undefined;
    if (baselineDir) {
      log(`${size.toLocaleString('en-US')} paragraphs: this build and the baseline interleaved in one process …`);
      interleaved = interleavedRun(baselineDir, size, plan.queries(size));
    }
    const ok = (o: ScaleOutcome) => (o.status === 'ok' ? o : undefined);
    const own = ok(results[0].o);
    out.push(
      `**${size.toLocaleString('en-US')} paragraphs** (SQuAD grown as in the full run; each engine in a fresh process)`,
      '',
    );
    out.push(
      table(
        [
          'engine',
          'build',
          'query median',
          'query p99',
          'questions timed',
          'top-1',
          'median ÷ storybot index',
          'p99 ÷ storybot index',
        ],
        results.map(({ label, o }) => {
          const r = ok(o);
          if (!r)
            return [
              label,
              o.status === 'error' ? `error: ${o.message}` : `timeout (${o.status === 'timeout' ? o.phase : ''})`,
              '—',
              '—',
              '—',
              '—',
              '—',
              '—',
            ];
          return [
            label,
            duration(r.buildMs),
            duration(r.medianMs),
            duration(r.p99Ms),
            String(r.queries),
            `${(r.top1 * 100).toFixed(1)}%`,
            ratio(r.medianMs, own?.medianMs),
            ratio(r.p99Ms, own?.p99Ms),
          ];
        }),
      ),
      '',
    );
    if (interleaved) {
      const [mine, theirs] = interleaved.medianMs;
      const [mineP99, theirsP99] = interleaved.p99Ms;
      out.push(
        `Interleaved in one process (${interleaved.queries} questions, each asked of both indexes): this build ${duration(mine)} median / ${duration(mineP99)} p99, the baseline ${duration(theirs)} / ${duration(theirsP99)} (baseline ÷ this: ${ratio(theirs, mine)} median, ${ratio(theirsP99, mineP99)} p99).`,
        '',
      );
    }
  }

  if (!argv.includes('--no-cli')) {
    log('CLI first answer …');
    const runs = 5;
    const cli: [string, CliFigures | undefined][] = [['storybot CLI', await THIS.cliTimeToFirstAnswer(runs)]];
    if (base) cli.push(['baseline storybot CLI', await base.cliTimeToFirstAnswer(runs)]);
    out.push('**CLI first answer** (`node dist/src/cli.js ask --json …`, a fresh process each run)', '');
    out.push(
      table(
        ['build', 'median', 'max', 'runs', 'node start-up alone', 'valid JSON'],
        cli.map(([label, c]) =>
          c
            ? [
                label,
                duration(c.medianMs),
                duration(c.maxMs),
                String(c.runs),
                duration(c.nodeStartMs),
                c.validJson ? 'yes' : 'no',
              ]
            : [label, 'not built', '—', '—', '—', '—'],
        ),
      ),
      '',
    );
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:speed failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
