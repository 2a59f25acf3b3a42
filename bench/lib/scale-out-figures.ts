// Issue 15's figures come from bench/scale-out.ts, run in a process of its own (it starts bot
// processes, a stand-in and perhaps a Postgres server, none of which should share this heap).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runBenchChild } from './discord-figures.js';

export interface ScaleOutReport {
  figures?: unknown;
  markdown?: string;
  note: string;
}

const MODULE = fileURLToPath(new URL('../scale-out.js', import.meta.url));
const TIME_LIMIT_MS = 240_000;

export async function scaleOutFigures(quick = false): Promise<ScaleOutReport> {
  if (!existsSync(MODULE)) return { note: 'bench/scale-out.ts is not in this build' };
  const { stdout, stderr, timedOut } = await runBenchChild(
    MODULE,
    ['--json', ...(quick ? ['--quick'] : [])],
    TIME_LIMIT_MS,
  );
  if (timedOut) return { note: `bench/scale-out.ts did not finish within ${TIME_LIMIT_MS / 1000} s` };
  let figures: unknown;
  try {
    figures = JSON.parse(stdout);
  } catch {
    return { note: `bench/scale-out.ts printed no figures (${stderr.trim().split('\n').pop() ?? 'no output'})` };
  }
  const mod = (await import(pathToFileURL(MODULE).href)) as { markdownFor?: (f: unknown) => string };
  return {
    figures,
    markdown: mod.markdownFor?.(figures),
    note: 'from `node dist-tools/bench/scale-out.js --json`, in its own process',
  };
}
