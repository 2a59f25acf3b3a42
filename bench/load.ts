// Start-up at scale (issue 17), on its own: `npm run bench:load [-- --sizes=2067,20000 --peers=wink-bm25,MiniSearch]`.
// For each size, the built CLI's first and second start over the grown corpus in 20 story files
// (see bench/lib/load-timing.ts), then each peer's index build on the same corpus in a fresh
// process, in this one run. Prints the table; writes bench/out/load.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './lib/data.js';
import { describeMachine, machineLine } from './lib/machine.js';
import { loadFloors, loadMarkdown, measureLoad, type LoadCase, type PeerBuild } from './lib/load-timing.js';
import { runScaleCase, type ScalePlan } from './lib/scale.js';

export const LOAD_SIZES = [2_067, 20_000, 200_000];

function listArgument(argv: string[], name: string): string[] | undefined {
  const arg = argv.find((a) => a.startsWith(`--${name}=`));
  return arg
    ? arg
        .slice(name.length + 3)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

/** A build-only plan for the peers: a handful of questions, so the case is mostly its build. */
const BUILD_ONLY: ScalePlan = {
  sizes: LOAD_SIZES,
  engines: () => [],
  queries: () => 5,
  queryBudgetMs: () => 1_000,
  buildBudgetMs: (size) => (size >= 200_000 ? 180_000 : 60_000),
};

export async function peerBuilds(
  engines: readonly string[],
  sizes: readonly number[],
  log: (m: string) => void,
): Promise<PeerBuild[]> {
  const out: PeerBuild[] = [];
  for (const size of sizes) {
    for (const engine of engines) {
      const o = await runScaleCase(engine, size, BUILD_ONLY);
      const buildMs = o.status === 'ok' ? o.buildMs : o.status === 'timeout' ? o.built?.buildMs : undefined;
      log(`  ${engine} @ ${size}: build ${buildMs === undefined ? o.status : `${Math.round(buildMs)} ms`}`);
      out.push({ engine, size, buildMs });
    }
  }
  return out;
}

export async function loadCases(sizes: readonly number[], log: (m: string) => void): Promise<LoadCase[]> {
  const cases: LoadCase[] = [];
  for (const size of sizes) {
    const c = await measureLoad(size);
    log(
      `  storybot CLI @ ${size}: first ${Math.round(c.cold.firstAnswerMs)} ms (${Math.round((c.cold.maxRssBytes ?? 0) / 2 ** 20)} MB), second ${Math.round(c.warm.firstAnswerMs)} ms (${Math.round((c.warm.maxRssBytes ?? 0) / 2 ** 20)} MB), cache ${c.cacheBytes} bytes`,
    );
    cases.push(c);
  }
  return cases;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const sizes = listArgument(argv, 'sizes')?.map(Number) ?? LOAD_SIZES;
  const peers = listArgument(argv, 'peers') ?? ['wink-bm25'];
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const machine = describeMachine();
  log(`bench:load: ${machineLine(machine)}`);
  const cases = await loadCases(sizes, log);
  // wink-bm25 at 20,000 is the yardstick of the issue's goals: always measured.
  const builds = await peerBuilds(
    peers,
    [...new Set([...sizes, ...(peers.includes('wink-bm25') ? [20_000] : [])])].sort((a, b) => a - b),
    log,
  );
  const floors = loadFloors(cases, builds);
  const md = [
    `Machine: ${machineLine(machine)}.`,
    '',
    loadMarkdown(cases, builds),
    ...floors.map(([f, m, met]) => `- ${f}: ${m} (${met === undefined ? '?' : met ? 'met' : 'not met'})`),
    '',
  ].join('\n');
  process.stdout.write(md);
  const out = join(projectRoot(), 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'load.json'), JSON.stringify({ machine, cases, peers: builds, floors }, null, 2));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench:load failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
