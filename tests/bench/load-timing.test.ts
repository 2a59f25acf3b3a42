import { describe, expect, it } from 'vitest';
import { loadFloors, loadMarkdown, type LoadCase } from '../../bench/lib/load-timing.js';

const start = (ms: number, mb: number) => ({
  firstAnswerMs: ms,
  maxRssBytes: mb * 2 ** 20,
  validJson: true,
  exitCode: 0,
});
const cases: LoadCase[] = [
  { size: 20_000, files: 20, cold: start(5_000, 200), warm: start(1_000, 150), cacheBytes: 30 * 2 ** 20 },
  { size: 200_000, files: 20, cold: start(40_000, 480), warm: start(4_000, 520), cacheBytes: 300 * 2 ** 20 },
];
const peers = [
  { engine: 'wink-bm25', size: 20_000, buildMs: 20_000 },
  { engine: 'wink-bm25', size: 200_000, buildMs: 200_000 },
  { engine: 'MiniSearch', size: 200_000 },
];

describe('start-up figures (issue 17)', () => {
  it('gives each start as a ratio to wink-bm25 at the same size and at 20,000', () => {
    const md = loadMarkdown(cases, peers);
    expect(md).toContain('| 200,000 (20) | 40.0 s | 480 MB | 4000 ms | 520 MB | 300 MB | 0.20× | 2.00× | 0.20× |');
    expect(md).toContain('| MiniSearch | — | — |');
  });

  it('judges the goals on the largest size: first ≤ 2.5×, second ≤ 0.3× wink-bm25 at 20,000, peak RSS ≤ 500 MB', () => {
    expect(loadFloors(cases, peers).map(([, , met]) => met)).toEqual([true, true, false]);
    expect(loadFloors(cases, [])[0][2]).toBeUndefined();
  });
});
