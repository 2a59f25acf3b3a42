// Issue 12's figures come from bench/server-stories.ts, run in its own process (like the Discord
// path's), so its worker thread, database and stand-in never share a heap with the other figures.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface StoriesReport {
  figures?: { floors?: Record<string, boolean>; addOneMB?: { totalMs?: { medianMs?: number; maxMs?: number } }; otherServers?: { duringAdds?: { p99Ms?: number; maxMs?: number } } };
  markdown?: string;
  note: string;
}

const MODULE = fileURLToPath(new URL('../server-stories.js', import.meta.url));
const TIME_LIMIT_MS = 240_000;

export async function storiesFigures(quick = false): Promise<StoriesReport> {
  if (!existsSync(MODULE)) return { note: 'bench/server-stories.ts is not in this build' };
  const { stdout, stderr, timedOut } = await new Promise<{ stdout: string; stderr: string; timedOut: boolean }>((resolve) => {
    const child = spawn(process.execPath, [MODULE, '--json', ...(quick ? ['--quick'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-2000)));
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout: out, stderr: err, timedOut });
    });
  });
  if (timedOut) return { note: `bench/server-stories.ts did not finish within ${TIME_LIMIT_MS / 1000} s` };
  let figures: StoriesReport['figures'];
  try {
    figures = JSON.parse(stdout) as StoriesReport['figures'];
  } catch {
    return { note: `bench/server-stories.ts printed no figures (${stderr.trim().split('\n').pop() ?? 'no output'})` };
  }
  const mod = (await import(pathToFileURL(MODULE).href)) as { markdownFor?: (f: unknown) => string };
  return { figures, markdown: mod.markdownFor?.(figures), note: 'from `node dist/bench/server-stories.js --json`, in its own process' };
}
