// Issue 12's figures come from bench/server-stories.ts, run in its own process (like the Discord
// path's), so its worker thread, database and stand-in never share a heap with the other figures.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runBenchChild } from './discord-figures.js';

export interface StoriesReport {
  figures?: {
    floors?: Record<string, boolean>;
    addOneMB?: { totalMs?: { medianMs?: number; maxMs?: number } };
    otherServers?: { duringAdds?: { p99Ms?: number; maxMs?: number } };
  };
  markdown?: string;
  note: string;
}

const MODULE = fileURLToPath(new URL('../server-stories.js', import.meta.url));
const TIME_LIMIT_MS = 240_000;

export async function storiesFigures(quick = false): Promise<StoriesReport> {
  const { stdout, stderr, timedOut } = await runBenchChild(
    MODULE,
    ['--json', ...(quick ? ['--quick'] : [])],
    TIME_LIMIT_MS,
  );
  if (timedOut) return { note: `bench/server-stories.ts did not finish within ${TIME_LIMIT_MS / 1000} s` };
  let figures: StoriesReport['figures'];
  try {
    figures = JSON.parse(stdout) as StoriesReport['figures'];
  } catch {
    return { note: `bench/server-stories.ts printed no figures (${stderr.trim().split('\n').pop() ?? 'no output'})` };
  }
  const mod = (await import(pathToFileURL(MODULE).href)) as { markdownFor?: (f: unknown) => string };
  return {
    figures,
    markdown: mod.markdownFor?.(figures),
    note: 'from `node dist-tools/bench/server-stories.js --json`, in its own process',
  };
}
