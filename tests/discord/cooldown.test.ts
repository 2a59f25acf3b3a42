import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/discord/cooldown.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('Cooldown', () => {
  it('allows `requests` per window, then refuses until the oldest request leaves it', () => {
    const t = clock();
    const cd = new Cooldown({ requests: 3, seconds: 10 }, t.now);
    expect([1, 2, 3].map(() => cd.take('u').allowed)).toEqual([true, true, true]);
    const refused = cd.take('u');
    expect(refused).toEqual({ allowed: false, retryAt: 1_000_000 + 10_000, firstRefusal: true });
    t.advance(9_999);
    expect(cd.take('u').allowed).toBe(false);
    t.advance(1);
    expect(cd.take('u').allowed).toBe(true);
  });

  it('flags only the first refusal of a window', () => {
    const t = clock();
    const cd = new Cooldown({ requests: 1, seconds: 5 }, t.now);
    cd.take('u');
    const verdicts = [cd.take('u'), cd.take('u'), cd.take('u')];
    expect(verdicts.map((v) => !v.allowed && v.firstRefusal)).toEqual([true, false, false]);
    t.advance(5_000);
    expect(cd.take('u').allowed).toBe(true);
    expect(cd.take('u')).toMatchObject({ allowed: false, firstRefusal: true });
  });

  it('keeps users apart', () => {
    const cd = new Cooldown({ requests: 1, seconds: 60 });
    expect(cd.take('a').allowed).toBe(true);
    expect(cd.take('b').allowed).toBe(true);
    expect(cd.take('a').allowed).toBe(false);
  });

  it('is off with 0 requests', () => {
    const cd = new Cooldown({ requests: 0, seconds: 1 });
    for (let i = 0; i < 100; i++) expect(cd.take('u').allowed).toBe(true);
  });

  it('forgets idle users so memory stays bounded', () => {
    const t = clock();
    const cd = new Cooldown({ requests: 1, seconds: 1 }, t.now);
    for (let i = 0; i < 5000; i++) {
      cd.take(`user${i}`);
      t.advance(10);
    }
    expect((cd as unknown as { hits: Map<string, number[]> }).hits.size).toBeLessThan(1200);
  });
});
