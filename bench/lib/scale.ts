// Runs each engine on each grown corpus in a fresh child process, with a time budget.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BuildFigures, ScaleFigures } from '../scale-worker.js';

export interface ScalePlan {
  /** Corpus sizes in paragraphs (the smallest is the 2,067 real SQuAD paragraphs). */
  sizes: number[];
  /** Engines per size. */
  engines: (size: number) => string[];
  /** Most questions to time per engine and size. */
  queries: (size: number) => number;
  /** How long the question phase may take before it stops with the questions timed so far. */
  queryBudgetMs: (size: number) => number;
  /** How long the build may take before the engine is reported as "timeout". */
  buildBudgetMs: (size: number) => number;
}

export type ScaleOutcome =
  | ({ status: 'ok'; engine: string; size: number } & ScaleFigures)
  /** Ran out of time: in the build (nothing measured) or in its questions (build figures kept). */
  | {
      status: 'timeout';
      engine: string;
      size: number;
      phase: 'build' | 'questions';
      budgetMs: number;
      built?: BuildFigures;
    }
  | { status: 'error'; engine: string; size: number; message: string };

const WORKER = fileURLToPath(new URL('../scale-worker.js', import.meta.url));
// Headroom for what follows the question phase (GC, memory figures) and for process exit.
const QUESTION_GRACE_MS = 20_000;
// Generous heap limit so the memory-hungry peers are measured rather than crashed.
const HEAP_LIMIT_MB = 12_288;

/** Budgets of one case; the build budget may be cut below the plan's to keep the run's deadline. */
export interface CaseBudget {
  buildMs: number;
  queryMs: number;
}

export function runScaleCase(
  engine: string,
  size: number,
  plan: ScalePlan,
  budget: CaseBudget = { buildMs: plan.buildBudgetMs(size), queryMs: plan.queryBudgetMs(size) },
): Promise<ScaleOutcome> {
  const queryBudget = budget.queryMs;
  const buildBudget = budget.buildMs;
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_LIMIT_MB}`,
      '--expose-gc',
      WORKER,
      '--engine',
      engine,
      '--size',
      String(size),
      '--queries',
      String(plan.queries(size)),
      '--budget',
      String(queryBudget),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve) => {
    let phase: 'start' | 'build' | 'questions' = 'start';
    let built: BuildFigures | undefined;
    let result: ScaleFigures | undefined;
    let timedOut = false;
    let stderr = '';
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, ms);
    };
    // Corpus generation is not the engine's time, but a stuck child must not hang the run.
    arm(buildBudget + 60_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const msg = JSON.parse(line) as { phase: string } & Partial<ScaleFigures>;
        if (msg.phase === 'ready') {
          phase = 'build';
          arm(buildBudget);
        } else if (msg.phase === 'built') {
          phase = 'questions';
          built = { buildMs: msg.buildMs!, indexBytes: msg.indexBytes!, rssBytes: msg.rssBytes! };
          arm(queryBudget + QUESTION_GRACE_MS);
        } else if (msg.phase === 'done') {
          result = msg as ScaleFigures;
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (result && result.queries > 0) resolve({ status: 'ok', engine, size, ...result });
      else if (result) resolve({ status: 'timeout', engine, size, phase: 'questions', budgetMs: queryBudget, built });
      else if (timedOut && phase !== 'start') {
        const budgetMs = phase === 'build' ? buildBudget : queryBudget;
        resolve({ status: 'timeout', engine, size, phase: phase === 'build' ? 'build' : 'questions', budgetMs, built });
      } else {
        const last = stderr.trim().split('\n').filter(Boolean).slice(-3).join(' / ');
        resolve({
          status: 'error',
          engine,
          size,
          message: `exit ${code}${timedOut ? ' (killed: corpus generation too slow)' : ''}: ${last}`,
        });
      }
    });
  });
}

// Time a case needs besides its build and questions: process start, corpus generation, GCs.
const CASE_OVERHEAD_MS = 8_000;
// No build budget is cut below this: a timeout must mean "slow", not "started late".
const MIN_BUILD_BUDGET_MS = 20_000;

/**
 * Runs every case in order (sizes ascending, the most important engines first within a size).
 * With `deadline` (a `performance.now()` time), a case may use the time left minus what the
 * cases after it need at least (a minimal build budget, their question budget, overhead), so the
 * run ends in time even on a slow or busy machine and the early cases are the last to be cut.
 */
export async function runScale(
  plan: ScalePlan,
  onResult: (o: ScaleOutcome) => void = () => {},
  deadline?: number,
): Promise<ScaleOutcome[]> {
  const cases = plan.sizes.flatMap((size) => plan.engines(size).map((engine) => ({ engine, size })));
  const leastFor = (c: { size: number }) =>
    Math.min(MIN_BUILD_BUDGET_MS, plan.buildBudgetMs(c.size)) + plan.queryBudgetMs(c.size) + CASE_OVERHEAD_MS;
  const outcomes: ScaleOutcome[] = [];
  for (let i = 0; i < cases.length; i++) {
    const { engine, size } = cases[i];
    const queryMs = plan.queryBudgetMs(size);
    let buildMs = plan.buildBudgetMs(size);
    if (deadline !== undefined) {
      const reserved = cases.slice(i + 1).reduce((sum, c) => sum + leastFor(c), 0);
      const available = deadline - performance.now() - reserved - queryMs - CASE_OVERHEAD_MS;
      buildMs = Math.min(buildMs, Math.max(MIN_BUILD_BUDGET_MS, available));
    }
    const outcome = await runScaleCase(engine, size, plan, { buildMs: Math.round(buildMs), queryMs });
    outcomes.push(outcome);
    onResult(outcome);
  }
  return outcomes;
}
