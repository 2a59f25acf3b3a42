// Quality benchmark (`npm run bench:quality`): top-1, top-3 and MRR of storybot and the peers on
// seed-qa-dev, SQuAD 1.1 dev (per article and as one corpus) and SQuAD 2.0 dev, plus storybot's
// refusals at its shipped threshold. Jobs run on a pool of worker threads, one per core.
//   node dist-tools/bench/quality.js [--quick] [--full] [--engines=storybot,wink-bm25]
// Prints Markdown; writes bench/out/quality.{md,json}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_ASK_SETTINGS } from '../src/answer/ask.js';
import { allEngines, engineByName, storybotEngines } from './engines/index.js';
import { projectRoot } from './lib/data.js';
import { pct, table } from './lib/format.js';
import type { JobResult, QualityJob, QualitySet } from './lib/jobs.js';
import { describeMachine, machineLine } from './lib/machine.js';
import type { RefusalScores } from './lib/evaluate.js';

export interface QualityOptions {
  /** A small sample for development: 8 articles per article set, every 10th one-corpus question. */
  quick?: boolean;
  /** Ask all 10,570 one-corpus questions (default: every 2nd, to stay under a minute on 2 cores). */
  full?: boolean;
  /** Engine names to evaluate (default: all). */
  engines?: string[];
  workers?: number;
}

export interface QualityReport {
  options: QualityOptions;
  results: JobResult[];
  wallMs: number;
}

const SETS: { set: QualitySet; label: string }[] = [
  { set: 'news-dev', label: 'news-dev, reader-style questions (a refusal counts as a miss)' },
  { set: 'seed', label: 'seed-qa-dev, answerable' },
  { set: 'seed-train', label: 'seed-qa-train (shipped story, reader-style, never fitted on), answerable' },
  { set: 'squad1-article', label: 'SQuAD 1.1 dev, paragraph within its article' },
  { set: 'squad1-corpus', label: 'SQuAD 1.1 dev, all 2,067 paragraphs as one corpus' },
  { set: 'squad2-article', label: 'SQuAD 2.0 dev per article, answerable' },
];

export function qualityJobs(opts: QualityOptions = {}): QualityJob[] {
  const engines = opts.engines ?? allEngines.map((e) => e.name);
  const limitArticles = opts.quick ? 8 : undefined;
  const stride = opts.quick ? 10 : opts.full ? 1 : 2;
  const jobs: QualityJob[] = [];
  // The one-corpus jobs are the long ones: queue them first so the pool finishes together.
  for (const engine of engines) jobs.push({ engine, set: 'squad1-corpus', stride });
  for (const engine of engines) {
    jobs.push({ engine, set: 'squad1-article', limitArticles });
    jobs.push({ engine, set: 'squad2-article', limitArticles });
    jobs.push({ engine, set: 'seed' });
    jobs.push({ engine, set: 'news-dev' });
    jobs.push({ engine, set: 'seed-train' });
  }
  return jobs;
}

/** Runs the jobs on `workers` threads (each pulls the next job when done). */
export async function runJobs(jobs: QualityJob[], workers = Math.max(1, availableParallelism())): Promise<JobResult[]> {
  const queue = [...jobs];
  const results: JobResult[] = [];
  const script = new URL('./quality-worker.js', import.meta.url);
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(script);
      const next = () => {
        const job = queue.shift();
        if (!job) {
          void worker.terminate().then(() => resolve());
          return;
        }
        worker.postMessage(job);
      };
      worker.on('message', (msg: { ok: true; result: JobResult } | { ok: false; error: string }) => {
        if (!msg.ok) {
          void worker.terminate();
          reject(new Error(`quality job failed: ${msg.error}`));
          return;
        }
        results.push(msg.result);
        next();
      });
      worker.on('error', reject);
      next();
    });
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, runWorker));
  // Back in the order the jobs were given.
  const key = (j: QualityJob) => `${j.engine}\u0000${j.set}`;
  const order = new Map(jobs.map((j, i) => [key(j), i]));
  return results.sort((a, b) => (order.get(key(a)) ?? 0) - (order.get(key(b)) ?? 0));
}

export async function runQuality(opts: QualityOptions = {}): Promise<QualityReport> {
  const started = performance.now();
  const results = await runJobs(qualityJobs(opts), opts.workers);
  return { options: opts, results, wallMs: performance.now() - started };
}

const find = (report: QualityReport, engine: string, set: QualitySet) =>
  report.results.find((r) => r.engine === engine && r.set === set);

function countLine(r: JobResult | undefined): string {
  if (!r) return '—';
  const parts = [`${r.ranks.questions.toLocaleString('en-US')} questions`];
  if (r.limitArticles !== undefined) parts.push(`first ${r.limitArticles} articles`);
  if (r.stride && r.stride > 1) parts.push(`every ${r.stride === 2 ? '2nd' : `${r.stride}th`} question`);
  return parts.join(', ');
}

/** The ranking table: one row per set and metric, one column per engine, then storybot's margin over the best peer. */
export function rankingTable(report: QualityReport): string {
  const engines = [...new Set(report.results.map((r) => r.engine))];
  const ours = new Set(storybotEngines.map((e) => e.name));
  const shipped = storybotEngines[0].name;
  const rows: string[][] = [];
  for (const { set, label } of SETS) {
    const any = report.results.find((r) => r.set === set);
    if (!any) continue;
    for (const metric of ['top1', 'top3', 'mrr'] as const) {
      const name = metric === 'top1' ? 'top-1' : metric === 'top3' ? 'top-3' : 'MRR@10';
      const values = engines.map((e) => find(report, e, set)?.ranks[metric]);
      const peerValues = engines
        .filter((e) => !ours.has(e))
        .map((e) => ({ e, v: find(report, e, set)?.ranks[metric] ?? -1 }));
      const best = peerValues.reduce((a, b) => (b.v > a.v ? b : a), { e: '', v: -1 });
      const mine = find(report, shipped, set)?.ranks[metric];
      const diff = mine === undefined ? 0 : metric === 'mrr' ? mine - best.v : (mine - best.v) * 100;
      const unit = metric === 'mrr' ? diff.toFixed(3) : `${diff.toFixed(1)} pts`;
      const margin = mine === undefined || best.v < 0 ? '—' : `${diff >= 0 ? '+' : ''}${unit} vs ${best.e}`;
      const show = (v: number | undefined) => (metric === 'mrr' ? (v === undefined ? '—' : v.toFixed(3)) : pct(v));
      rows.push([metric === 'top1' ? `${label} (${countLine(any)})` : '', name, ...values.map(show), margin]);
    }
  }
  return table(['set', 'metric', ...engines, `${shipped} vs best peer`], rows);
}

function refusalRow(label: string, r: RefusalScores | undefined, unanswerableName: string): string[] {
  if (!r) return [label, '—', '—'];
  const share = (n: number, of: number) =>
    `${pct(n / Math.max(1, of))} (${n.toLocaleString('en-US')} of ${of.toLocaleString('en-US')})`;
  return [
    `${label}: ${unanswerableName}`,
    share(r.unanswerableRefused, r.unanswerable),
    share(r.answerableLost, r.answerable),
  ];
}

/** storybot's refusals (answered=false) at the threshold it ships with. */
export function refusalTable(report: QualityReport): string {
  const shipped = storybotEngines[0].name;
  return table(
    ['question set', 'unanswerable refused (good)', 'answerable refused, i.e. lost (bad)'],
    [
      refusalRow(
        'news-dev (in-sample: the models were fitted on it)',
        find(report, shipped, 'news-dev')?.refusals,
        'unanswerable questions',
      ),
      refusalRow('seed-qa-dev', find(report, shipped, 'seed')?.refusals, 'off-topic questions'),
      refusalRow(
        'seed-qa-train (never fitted on)',
        find(report, shipped, 'seed-train')?.refusals,
        'unanswerable questions',
      ),
      refusalRow(
        'SQuAD 2.0 dev per article',
        find(report, shipped, 'squad2-article')?.refusals,
        'unanswerable questions',
      ),
    ],
  );
}

/** storybot on news-dev by question kind and by story (in-sample for the shipped models). */
export function newsBreakdown(report: QualityReport): string {
  const r = find(report, storybotEngines[0].name, 'news-dev');
  if (!r?.byKind || !r.byStory) return '';
  const rows = (groups: Record<string, import('./lib/evaluate.js').NewsTally>) =>
    Object.entries(groups).map(([name, t]) => [
      name,
      t.answerable ? `${pct(t.top1 / t.answerable)} / ${pct(t.top3 / t.answerable)}` : '—',
      t.answerable ? `${t.answerableRefused} of ${t.answerable}` : '—',
      t.unanswerable ? `${t.unanswerableRefused} of ${t.unanswerable}` : '—',
    ]);
  const head = ['', 'first / top 3', 'answerable refused', 'unanswerable refused'];
  return [
    table(['kind', ...head.slice(1)], rows(r.byKind)),
    '',
    table(['story', ...head.slice(1)], rows(r.byStory)),
  ].join('\n');
}

export function qualityMarkdown(report: QualityReport): string {
  const { minAnswerable } = DEFAULT_ASK_SETTINGS;
  return [
    rankingTable(report),
    '',
    `Refusals of \`storybot\` (the shipped answer path) at its shipped threshold (\`minAnswerable\` ${minAnswerable}: the answerability model's least probability that the story answers):`,
    '',
    refusalTable(report),
  ].join('\n');
}

/** `--engines=a,b`: only these engines (names as in the tables), checked up front. */
export function enginesArgument(argv: string[]): string[] | undefined {
  const arg = argv.find((a) => a.startsWith('--engines='));
  if (!arg) return undefined;
  const names = arg
    .slice('--engines='.length)
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  names.forEach(engineByName);
  return names;
}

function parseArgs(argv: string[]): QualityOptions {
  return { quick: argv.includes('--quick'), full: argv.includes('--full'), engines: enginesArgument(argv) };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const report = await runQuality(opts);
  const markdown = `Machine: ${machineLine(describeMachine())}\n\n${qualityMarkdown(report)}\n\n(quality run: ${(report.wallMs / 1000).toFixed(1)} s)\n`;
  const out = join(projectRoot(), 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'quality.json'), JSON.stringify(report, null, 2));
  writeFileSync(join(out, 'quality.md'), markdown);
  process.stdout.write(markdown);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench:quality failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
