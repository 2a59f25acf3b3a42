import { describe, expect, it } from 'vitest';
import { keyFactRecall, lcsLength, rougeAgainst, rougeL, rougeN, rougeTokens } from '../../bench/lib/rouge.js';

// Worked by hand (see the comments): candidate "the cat sat on the mat" (6 tokens) against
// reference "the cat lay on the red mat" (7 tokens).
const candidate = 'The cat sat on the mat.';
const reference = 'The cat lay on the red mat.';

describe('ROUGE on a hand-worked example', () => {
  it('tokenizes as the news-dev scorer does: lowercase runs of a-z0-9, everything else a break', () => {
    expect(rougeTokens('£14.2 million, 2,300 nurses — “Don’t” É')).toEqual([
      '14',
      '2',
      'million',
      '2',
      '300',
      'nurses',
      'don',
      't',
    ]);
    expect(rougeTokens(candidate)).toEqual(['the', 'cat', 'sat', 'on', 'the', 'mat']);
  });

  it('ROUGE-1: clipped unigram overlap', () => {
    // the×2, cat, on, mat match (sat does not): 5 hits; P = 5/6, R = 5/7, F1 = 2·5/(6+7) = 10/13.
    expect(rougeN(candidate, reference, 1)).toBeCloseTo(10 / 13, 12);
    // "the" three times in the candidate, twice in the reference: only two count.
    // P = 2/3, R = 2/2, F1 = 0.8.
    expect(rougeN('the the the', 'the the', 1)).toBeCloseTo(0.8, 12);
  });

  it('ROUGE-2: clipped bigram overlap', () => {
    // Candidate bigrams: the cat, cat sat, sat on, on the, the mat (5); reference: the cat, cat lay,
    // lay on, on the, the red, red mat (6). Shared: "the cat", "on the": F1 = 2·2/(5+6) = 4/11.
    expect(rougeN(candidate, reference, 2)).toBeCloseTo(4 / 11, 12);
    expect(rougeN('cat', 'cat', 2)).toBe(0); // no bigram at all
  });

  it('ROUGE-L: longest common subsequence, order matters', () => {
    // "the cat on the mat": LCS 5, F1 = 2·5/(6+7) = 10/13.
    expect(lcsLength(rougeTokens(candidate), rougeTokens(reference))).toBe(5);
    expect(rougeL(candidate, reference)).toBeCloseTo(10 / 13, 12);
    // Reordered: "on the mat the cat sat" shares only "on the mat" in order: LCS 3, F1 = 6/13,
    // while ROUGE-1 (order-blind) stays 10/13.
    const reordered = 'On the mat the cat sat.';
    expect(lcsLength(rougeTokens(reordered), rougeTokens(reference))).toBe(3);
    expect(rougeL(reordered, reference)).toBeCloseTo(6 / 13, 12);
    expect(rougeN(reordered, reference, 1)).toBeCloseTo(10 / 13, 12);
  });

  it('takes the better reference for each metric separately', () => {
    // Against "on the mat" alone: R1 = 2·3/(6+3) = 2/3, R2 = 2·2/(5+2) = 4/7, RL = 2/3.
    const scores = rougeAgainst('On the mat the cat sat.', [reference, 'on the mat']);
    expect(scores.rouge1).toBeCloseTo(10 / 13, 12); // the first reference
    expect(scores.rouge2).toBeCloseTo(4 / 7, 12); // the second
    expect(scores.rougeL).toBeCloseTo(2 / 3, 12); // the second (6/13 against the first)
  });

  it('scores nothing in common, or an empty text, as 0', () => {
    expect(rougeN('alpha beta', 'gamma delta', 1)).toBe(0);
    expect(rougeL('', reference)).toBe(0);
    expect(rougeAgainst('', [reference])).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });
});

describe('key-fact recall', () => {
  it('finds facts case-insensitively with whitespace collapsed, and counts the share found', () => {
    const summary = 'About 3.2 MILLION customers were hit;\nthe   last four digits leaked.';
    expect(keyFactRecall(summary, ['3.2 million', 'last four\ndigits', 'Grey Lantern', '41,000'])).toBe(0.5);
    expect(keyFactRecall(summary, [])).toBe(0);
  });
});
