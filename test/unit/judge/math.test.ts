import { describe, expect, it } from 'vitest';
import { binomialSumUpperTail } from '../../../shared/judge/math';

/** P(Binomial(n, p) ≥ k), summed term by term. */
function binomialTail(n: number, p: number, k: number): number {
  let below = 0;
  let choose = 1;
  for (let j = 0; j < k; j++) {
    below += choose * p ** j * (1 - p) ** (n - j);
    choose = (choose * (n - j)) / (j + 1);
  }
  return 1 - below;
}

describe('binomialSumUpperTail', () => {
  it('is the binomial tail for one minute, and for minutes that share a split', () => {
    expect(binomialSumUpperTail([10], [0.3], 4)).toBeCloseTo(binomialTail(10, 0.3, 4), 12);
    expect(binomialSumUpperTail([4, 6, 7], [0.05, 0.05, 0.05], 3)).toBeCloseTo(binomialTail(17, 0.05, 3), 12);
  });

  it('adds minutes with different splits exactly (two coins by hand)', () => {
    // One event at 0.5 and one at 0.1: P(both) = 0.05, P(at least one) = 1 − 0.5·0.9 = 0.55.
    expect(binomialSumUpperTail([1, 1], [0.5, 0.1], 2)).toBeCloseTo(0.05, 12);
    expect(binomialSumUpperTail([1, 1], [0.5, 0.1], 1)).toBeCloseTo(0.55, 12);
  });

  it('is 1 at k = 0, 0 beyond the events there are, and handles certain and impossible shares', () => {
    expect(binomialSumUpperTail([3, 2], [0.2, 0.4], 0)).toBe(1);
    expect(binomialSumUpperTail([3, 2], [0.2, 0.4], 6)).toBe(0);
    expect(binomialSumUpperTail([3, 2], [1, 0], 3)).toBeCloseTo(1, 12);
    expect(binomialSumUpperTail([3, 2], [1, 0], 4)).toBe(0);
  });
});
