import { describe, expect, it } from 'vitest';
import { latencyChart } from '../../bench/lib/svg.js';

describe('latencyChart', () => {
  const svg = latencyChart(
    [
      {
        name: 'storybot',
        points: [
          { size: 2000, latencyMs: 0.1 },
          { size: 200000, latencyMs: 1 },
        ],
      },
      {
        name: 'slow & <peer>',
        points: [
          { size: 2000, latencyMs: 5 },
          { size: 200000, latencyMs: undefined },
        ],
      },
    ],
    'Latency',
  );

  it('draws one line per engine with at least two finished points, and escapes names', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<path class="line"/g)).toHaveLength(1);
    expect(svg).toContain('slow &amp; &lt;peer&gt;');
    expect(svg).not.toContain('<peer>');
  });

  it('marks a timeout instead of plotting a point', () => {
    expect(svg).toContain('slow &amp; &lt;peer&gt; timeout');
    expect(svg.match(/<path class="timeout"/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(3);
  });

  it('puts larger latencies higher on a log axis', () => {
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    // storybot 0.1 ms, storybot 1 ms, peer 5 ms: SVG y grows downwards.
    expect(ys[0]).toBeGreaterThan(ys[1]);
    expect(ys[1]).toBeGreaterThan(ys[2]);
  });
});
