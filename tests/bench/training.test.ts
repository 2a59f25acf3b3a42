import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../tools/lib/training.js';

describe('the learners behind the models', () => {
  // y = 1 exactly when x1 > x2; a bias column first.
  const x = Array.from({ length: 200 }, (_, i) => {
    const a = Math.sin(i * 12.9898) * 0.5 + 0.5;
    const b = Math.cos(i * 78.233) * 0.5 + 0.5;
    return [1, a, b];
  });
  const y = x.map(([, a, b]) => (a > b ? 1 : 0));

  it('fits a logistic model that separates a separable set', () => {
    const w = fitLogistic(x, y, { epochs: 1500 });
    const correct = x.filter((row, i) => (row.reduce((s, v, f) => s + v * w[f], 0) > 0 ? 1 : 0) === y[i]).length;
    expect(correct / x.length).toBeGreaterThan(0.95);
    expect(w[1]).toBeGreaterThan(0);
    expect(w[2]).toBeLessThan(0);
  });

  it('keeps a weight on the side it is allowed, at zero when the data argue the other way', () => {
    const w = fitLogistic(x, y, { epochs: 800, signs: [0, 1, 1] });
    expect(w[1]).toBeGreaterThan(0);
    expect(w[2]).toBe(0);
  });
});
