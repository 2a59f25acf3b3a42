import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ELLIPSIS, fitRendered, truncate } from '../../src/discord/limits.js';
import { escapeMarkdown } from '../../src/discord/escape.js';

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  it('cuts at a word boundary and ends with an ellipsis', () => {
    expect(truncate('the quick brown fox jumps', 14)).toBe('the quick' + ELLIPSIS);
  });

  it('never splits a surrogate pair or leaves a dangling escape', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab' + ELLIPSIS);
    expect(truncate('abc\\*def', 5)).toBe('abc' + ELLIPSIS);
  });

  it('respects any maximum, however small', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 310 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
        if (text.length <= max) expect(out).toBe(text);
      }),
    );
  });
});

describe('fitRendered', () => {
  it('keeps escapes whole when cutting escaped text', () => {
    const raw = '*'.repeat(100);
    const out = fitRendered(raw, escapeMarkdown, 21);
    expect(out.length).toBeLessThanOrEqual(21);
    expect(out).toMatch(/^(\\\*)+…$/);
  });

  it('fits any rendering of any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = fitRendered(text, (t) => `**${escapeMarkdown(t)}**`, max);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
