// Small measuring tools for the Discord benchmark: percentiles, memory snapshots after a full GC.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

/** The value below which `p` (0..1) of the sorted samples fall (nearest-rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export interface Distribution {
  count: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    count: sorted.length,
    medianMs: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? NaN),
    meanMs: round(sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1)),
  };
}

/**
 * A full garbage collection, so memory before and after compares what is kept, not what happens
 * to be uncollected. Exposed at run time: `node dist-tools/bench/discord.js` needs no --expose-gc flag.
 */
export const collectGarbage: () => void = (() => {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

export interface MemorySnapshot {
  rssMB: number;
  heapUsedMB: number;
}

export function memory(): MemorySnapshot {
  collectGarbage();
  collectGarbage();
  const { rss, heapUsed } = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return { rssMB: mb(rss), heapUsedMB: mb(heapUsed) };
}

/** The project root (the folder with package.json), from source (bench/) or from dist-tools/bench/. */
export function projectRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seeds'))) return dir;
  }
  throw new Error(`no project root above ${from}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
