import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { moreButtonId, paragraphButtonId, parseButtonId } from '../../src/discord/custom-ids.js';

describe('button custom ids', () => {
  it('round-trip a paragraph button', () => {
    const id = paragraphButtonId('my:story', 12)!;
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseButtonId(id)).toEqual({ kind: 'paragraph', story: 'my:story', paragraph: 12 });
  });

  it('round-trip a "more" button with and without a story, questions with colons included', () => {
    expect(parseButtonId(moreButtonId('why: really?', 3)!)).toEqual({
      kind: 'more',
      offset: 3,
      question: 'why: really?',
    });
    expect(parseButtonId(moreButtonId('who?', 6, 'a b')!)).toEqual({
      kind: 'more',
      story: 'a b',
      offset: 6,
      question: 'who?',
    });
  });

  it('keep a story literally named "*" apart from "all stories"', () => {
    expect(parseButtonId(moreButtonId('q', 3, '*')!)).toEqual({ kind: 'more', story: '*', offset: 3, question: 'q' });
    expect(parseButtonId(paragraphButtonId('*', 2)!)).toEqual({ kind: 'paragraph', story: '*', paragraph: 2 });
  });

  it('drop the button when the id would exceed 100 characters', () => {
    expect(moreButtonId('q'.repeat(95), 3)).toBeUndefined();
    expect(paragraphButtonId('s'.repeat(100), 1)).toBeUndefined();
  });

  it('reject ids we did not make', () => {
    for (const id of [
      '',
      'para:',
      'para:x',
      'para:x:0',
      'para:x:1:2',
      'para:%E0%A4%A:1',
      'more:*:x:q',
      'more:*:3:',
      'other:1',
    ]) {
      expect(parseButtonId(id)).toBeUndefined();
    }
  });

  it('any question and story that fit survive the round trip', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), { nil: undefined }),
        fc.nat(999),
        (q, story, offset) => {
          const id = moreButtonId(q, offset, story);
          if (id === undefined) return;
          expect(id.length).toBeLessThanOrEqual(100);
          const parsed = parseButtonId(id);
          expect(parsed).toEqual(
            story === undefined ? { kind: 'more', offset, question: q } : { kind: 'more', story, offset, question: q },
          );
        },
      ),
    );
  });
});
