// The Discord path's figures come from bench/discord.ts (the Discord stand-in's benchmark). It runs
// in its own process (`node dist-tools/bench/discord.js --json`), like every engine of the scale runs, and
// only if it is built, so this benchmark also runs without it.
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type DiscordFigures = Record<string, unknown>;

export interface DiscordReport {
  figures?: DiscordFigures;
  /** The figures as bench/discord.ts renders them, when it exports a renderer. */
  markdown?: string;
  note: string;
}

const MODULE = fileURLToPath(new URL('../discord.js', import.meta.url));
const TIME_LIMIT_MS = 120_000;

/** Runs a compiled benchmark module in a node process of its own, killed after `limitMs`. */
export function runBenchChild(
  module: string,
  args: string[],
  limitMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [module, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

const runChild = (args: string[]) => runBenchChild(MODULE, args, TIME_LIMIT_MS);

/** Runs bench/discord.ts in a child process; figures undefined (with a note) when it is absent or fails. */
export async function discordFigures(quick = false): Promise<DiscordReport> {
  const { stdout, stderr, timedOut } = await runChild(quick ? ['--json', '--quick'] : ['--json']);
  if (timedOut) return { note: `bench/discord.ts did not finish within ${TIME_LIMIT_MS / 1000} s` };
  let figures: DiscordFigures;
  try {
    figures = JSON.parse(stdout) as DiscordFigures;
  } catch {
    return { note: `bench/discord.ts printed no figures (${stderr.trim().split('\n').pop() ?? 'no output'})` };
  }
  // Its exit code only says whether its floors were met; the figures say the same.
  const mod = (await import(pathToFileURL(MODULE).href)) as { markdownFor?: (f: DiscordFigures) => string };
  const markdown = typeof mod.markdownFor === 'function' ? mod.markdownFor(figures) : undefined;
  return { figures, markdown, note: 'from `node dist-tools/bench/discord.js --json`, in its own process' };
}

/** Flattens nested figures into "a.b.c" keys for a two-column table. */
export function flatten(figures: DiscordFigures, prefix = ''): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(figures)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      rows.push(...flatten(value as DiscordFigures, name));
    else rows.push([name, typeof value === 'number' ? String(+value.toPrecision(4)) : String(value)]);
  }
  return rows;
}

/** The Discord benchmark's own floor verdicts ({ name: boolean }), when it reports them. */
export function discordFloors(figures: DiscordFigures | undefined): [string, boolean][] {
  const floors = figures?.floors;
  if (!floors || typeof floors !== 'object') return [];
  return Object.entries(floors as Record<string, unknown>).filter(
    (e): e is [string, boolean] => typeof e[1] === 'boolean',
  );
}
