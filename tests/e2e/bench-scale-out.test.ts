// The scale-out benchmark's machinery, run small: each shape starts, answers every ask, and stops;
// the figures are well-formed. No timing is asserted: the figures are the benchmark's to report
// (npm run build && node dist/bench/scale-out.js).
import { describe, expect, it } from 'vitest';
import { markdownFor, runScaleOut, type ModeFigures } from '../../bench/scale-out.js';
import { ensureBuilt } from '../support/child.js';
import { testPostgresUrl } from '../support/postgres.js';

describe('bench/scale-out.ts', () => {
  it('measures one process, 2 shard processes and 2 HTTP replicas sharing Postgres, and change propagation', async () => {
    ensureBuilt();
    const postgresUrl = testPostgresUrl();
    const result = await runScaleOut({
      requests: 40,
      concurrency: 4,
      propagationSamples: 3,
      ...(postgresUrl ? { postgresUrl } : {}),
    });
    const measured = Object.entries(result.modes).filter((e): e is [string, ModeFigures] => !('skipped' in e[1]));
    expect(measured.map(([name]) => name)).toEqual([
      'one process',
      '2 shards (2 processes)',
      ...(postgresUrl ? ['2 HTTP replicas + Postgres'] : []),
    ]);
    for (const [, figures] of measured) {
      expect(figures.unanswered).toBe(0);
      expect(figures.latency.count).toBe(40);
      expect(figures.answersPerSecond).toBeGreaterThan(0);
      expect(figures.rssMB.length).toBe(figures.processes);
    }
    const sqlite = result.propagation['SQLite data_version watch (every 250 ms)'];
    expect(sqlite && 'count' in sqlite ? sqlite.count : 0).toBe(3);
    expect(markdownFor(result)).toMatch(/\| one process \| 1 \| \d+ \|/);
  }, 120_000);
});
