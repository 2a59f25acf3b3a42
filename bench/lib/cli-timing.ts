// Time to first answer of the command-line front end, as a user starts it: a fresh node process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './data.js';
import { median } from './metrics.js';

export interface CliFigures {
  runs: number;
  /** From spawning `node dist/src/cli.js ask --json "…"` to its first line on stdout. */
  medianMs: number;
  maxMs: number;
  /** Plain `node -e ""` start-up on this machine, for scale. */
  nodeStartMs: number;
  /** The first line parsed as an answer (answered and passages present). */
  validJson: boolean;
}

function timeFirstLine(args: string[], cwd: string): Promise<{ ms: number; line: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let firstMs: number | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (firstMs === undefined && out.includes('\n')) firstMs = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ ms: firstMs ?? performance.now() - started, line: out.split('\n')[0] }));
  });
}

export async function cliTimeToFirstAnswer(
  runs = 5,
  question = 'How many US forces are stationed in Iraq?',
): Promise<CliFigures | undefined> {
  const root = projectRoot();
  const cli = join(root, 'dist', 'src', 'cli.js');
  if (!existsSync(cli)) return undefined;
  const times: number[] = [];
  let validJson = true;
  for (let i = 0; i < runs; i++) {
    const { ms, line } = await timeFirstLine([cli, 'ask', '--json', question], root);
    times.push(ms);
    try {
      const answer = JSON.parse(line) as { answered?: unknown; passages?: unknown };
      validJson &&= typeof answer.answered === 'boolean' && Array.isArray(answer.passages);
    } catch {
      validJson = false;
    }
  }
  const node: number[] = [];
  for (let i = 0; i < runs; i++) node.push((await timeFirstLine(['-e', 'console.log(1)'], root)).ms);
  return { runs, medianMs: median(times), maxMs: Math.max(...times), nodeStartMs: median(node), validJson };
}
