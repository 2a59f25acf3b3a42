// Start-up at scale (issue 17): the built CLI asked one question over a grown corpus written as
// story files, cold (no index cache) and again with nothing changed (from the cache once one
// exists); its peak RSS; and the index cache's size on disk. A fresh process each time.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_SEED, growCorpus } from './corpus.js';
import { loadSquad1, projectRoot } from './data.js';
import { MAX_RSS_MARK } from './rss-mark.js';

/** The grown corpus is written as this many story files (as the issue measured it). */
export const LOAD_FILES = 20;

export interface StartFigures {
  /** Spawn to the first line on stdout (the answer). */
  firstAnswerMs: number;
  /** Peak resident set of the CLI process, reported by the process itself on exit. */
  maxRssBytes?: number;
  /** The first line parsed as an answer object. */
  validJson: boolean;
  exitCode: number | null;
}

export interface LoadCase {
  size: number;
  files: number;
  /** First start with an empty cache folder. */
  cold: StartFigures;
  /** Second start, same unchanged folder (served from the cache when there is one). */
  warm: StartFigures;
  /** Bytes under the cache folder after the cold start (0: nothing was written). */
  cacheBytes: number;
}

/** Writes the grown corpus of `size` paragraphs as LOAD_FILES story files, once per size and seed. */
export function writeLoadCorpus(
  size: number,
  root = join(projectRoot(), 'bench', 'out', 'load'),
): { dir: string; question: string } {
  const dir = join(root, `corpus-${size}`);
  const stamp = join(dir, '.made');
  const want = `${CORPUS_SEED} ${size} ${LOAD_FILES}`;
  const questionFile = join(dir, '.question');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want)
    return { dir, question: readFileSync(questionFile, 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const corpus = growCorpus(loadSquad1(), size);
  const per = Math.ceil(corpus.texts.length / LOAD_FILES);
  for (let f = 0; f < LOAD_FILES; f++) {
    const part = corpus.texts.slice(f * per, (f + 1) * per);
    const name = `part-${String(f + 1).padStart(2, '0')}.txt`;
    writeFileSync(join(dir, name), `# Part ${f + 1}\n\n${part.join('\n\n')}\n`);
  }
  const question = corpus.questions[0].question;
  writeFileSync(questionFile, question);
  writeFileSync(stamp, want);
  return { dir, question };
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

const PRELOAD = fileURLToPath(new URL('./report-rss.js', import.meta.url));

/** One CLI start: `node dist/src/cli.js ask --json --story DIR "question"`, timed to its first stdout line. */
export function timeCliStart(storyDir: string, question: string, cacheDir: string): Promise<StartFigures> {
  const cli = join(projectRoot(), 'dist', 'src', 'cli.js');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, cli, 'ask', '--json', '--story', storyDir, question], {
      cwd: projectRoot(),
      env: { ...process.env, INDEX_CACHE_DIR: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let firstMs: number | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (firstMs === undefined && out.includes('\n')) firstMs = performance.now() - started;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err = (err + chunk).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const mark = new RegExp(`${MAX_RSS_MARK} (\\d+)`).exec(err);
      let validJson: boolean;
      try {
        const answer = JSON.parse(out.split('\n')[0]) as { answered?: unknown; passages?: unknown };
        validJson = typeof answer.answered === 'boolean' && Array.isArray(answer.passages);
      } catch {
        validJson = false;
      }
      resolve({
        firstAnswerMs: firstMs ?? performance.now() - started,
        maxRssBytes: mark ? Number(mark[1]) * 1024 : undefined,
        validJson,
        exitCode: code,
      });
    });
  });
}

/** Cold start (empty cache folder), then a second start with nothing changed. */
export async function measureLoad(size: number, root = join(projectRoot(), 'bench', 'out', 'load')): Promise<LoadCase> {
  const { dir, question } = writeLoadCorpus(size, root);
  const cacheDir = join(root, `cache-${size}`);
  rmSync(cacheDir, { recursive: true, force: true });
  const cold = await timeCliStart(dir, question, cacheDir);
  const cacheBytes = folderBytes(cacheDir);
  const warm = await timeCliStart(dir, question, cacheDir);
  return { size, files: LOAD_FILES, cold, warm, cacheBytes };
}

/** A peer's index build at one size (from the scale run, or a build-only run of bench:load). */
export interface PeerBuild {
  engine: string;
  size: number;
  /** Undefined when the build timed out or failed. */
  buildMs?: number;
}

/** The goals, as ratios to wink-bm25 building 20,000 paragraphs in the same run. */
export const LOAD_GOALS = { coldVsWink20k: 2.5, warmVsWink20k: 0.3, maxRssBytes: 500 * 2 ** 20 };

const sizeName = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number | undefined) =>
  ms === undefined ? '—' : ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number | undefined) => (b === undefined ? '—' : b === 0 ? 'none' : `${(b / 2 ** 20).toPrecision(3)} MB`);
const times = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !(b > 0) ? '—' : `${(a / b).toFixed(2)}×`;

/** The load table: each size's cold and second start, peak RSS, cache size, and ratios to the peers' builds. */
export function loadMarkdown(cases: readonly LoadCase[], peers: readonly PeerBuild[]): string {
  const winkAt = (size: number) => peers.find((p) => p.engine === 'wink-bm25' && p.size === size)?.buildMs;
  const wink20k = winkAt(20_000);
  const peerNames = [...new Set(peers.map((p) => p.engine))];
  const header = [
    'paragraphs (files)',
    'first start: to first answer',
    'peak RSS',
    'second start (nothing changed)',
    'peak RSS',
    'index cache on disk',
    'first ÷ wink-bm25 build, same size',
    'first ÷ wink-bm25 build at 20k',
    'second ÷ wink-bm25 build at 20k',
  ];
  const rows = cases.map((c) => [
    `${sizeName(c.size)} (${c.files})`,
    secs(c.cold.firstAnswerMs) + (c.cold.validJson ? '' : ' (**no answer**)'),
    mb(c.cold.maxRssBytes),
    secs(c.warm.firstAnswerMs) + (c.warm.validJson ? '' : ' (**no answer**)'),
    mb(c.warm.maxRssBytes),
    mb(c.cacheBytes),
    times(c.cold.firstAnswerMs, winkAt(c.size)),
    times(c.cold.firstAnswerMs, wink20k),
    times(c.warm.firstAnswerMs, wink20k),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [line(header), line(header.map(() => '---')), ...rows.map(line), ''];
  if (peerNames.length) {
    const sizes = [...new Set([...cases.map((c) => c.size), ...peers.map((p) => p.size)])].sort((a, b) => a - b);
    const head = ['peer: index build (in-process, same corpus)', ...sizes.map(sizeName)];
    out.push(line(head), line(head.map(() => '---')));
    for (const name of peerNames)
      out.push(line([name, ...sizes.map((s) => secs(peers.find((p) => p.engine === name && p.size === s)?.buildMs))]));
    out.push('');
  }
  return out.join('\n');
}

/** The issue-17 floors from the largest size measured. */
export function loadFloors(
  cases: readonly LoadCase[],
  peers: readonly PeerBuild[],
): [string, string, boolean | undefined][] {
  const largest = cases.reduce<LoadCase | undefined>((a, c) => (!a || c.size > a.size ? c : a), undefined);
  const wink20k = peers.find((p) => p.engine === 'wink-bm25' && p.size === 20_000)?.buildMs;
  if (!largest) return [];
  const at = sizeName(largest.size);
  const ratioOf = (ms: number) => (wink20k ? ms / wink20k : undefined);
  const cold = ratioOf(largest.cold.firstAnswerMs);
  const warm = ratioOf(largest.warm.firstAnswerMs);
  const rss = Math.max(largest.cold.maxRssBytes ?? 0, largest.warm.maxRssBytes ?? 0) || undefined;
  return [
    [
      `${at} paragraphs: CLI start to first answer ≤ ${LOAD_GOALS.coldVsWink20k}× wink-bm25's 20k build`,
      `${secs(largest.cold.firstAnswerMs)} = ${times(largest.cold.firstAnswerMs, wink20k)}`,
      cold === undefined ? undefined : cold <= LOAD_GOALS.coldVsWink20k,
    ],
    [
      `${at} paragraphs: second start, nothing changed, ≤ ${LOAD_GOALS.warmVsWink20k}× wink-bm25's 20k build`,
      `${secs(largest.warm.firstAnswerMs)} = ${times(largest.warm.firstAnswerMs, wink20k)}`,
      warm === undefined ? undefined : warm <= LOAD_GOALS.warmVsWink20k,
    ],
    [`${at} paragraphs: CLI peak RSS ≤ 500 MB`, mb(rss), rss === undefined ? undefined : rss <= LOAD_GOALS.maxRssBytes],
  ];
}
