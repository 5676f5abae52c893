/** Statistics for the judge benchmark: Wilson intervals, quantiles, Mann–Whitney, Hodges–Lehmann. */
import { inverseNormalCdf, normalCdf } from '../../shared/judge/math';

export { normalCdf };

/** Standard normal upper-tail quantiles used here. */
export const Z_975 = 1.959963984540054;
export const Z_99 = 2.3263478740408408;

/** 95 % Wilson score interval for `successes` out of `trials` (0–1; [0, 1] with no trials). */
export function wilson(successes: number, trials: number, z = Z_975): { lo: number; hi: number } {
  if (trials <= 0) return { lo: 0, hi: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** Quantile by linear interpolation between order statistics (type 7); NaN when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const fraction = position - below;
  return (sorted[below] as number) * (1 - fraction) + (sorted[above] as number) * fraction;
}

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  u: number;
  /** Standard deviation of U under the null, corrected for ties. */
  sigma: number;
  /** z with continuity correction. */
  z: number;
  /** Two-sided p-value (normal approximation). */
  pValue: number;
}

/** Sum over tie groups of (t³ − t) in a sorted array. */
function tieTerm(sorted: ArrayLike<number>): number {
  let term = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const t = j - i;
    term += t * t * t - t;
    i = j;
  }
  return term;
}

/** Shared scratch so the benchmark's hot loop does not allocate per call. */
let scratch = new Float64Array(256);
function ensureScratch(size: number): void {
  if (scratch.length < size) {
    scratch = new Float64Array(size * 2);
  }
}

/**
 * Tie-corrected σ of U for samples x (length m) and y (length n): √(mn/12·((N+1) − T/(N(N−1)))).
 */
function uSigma(x: ArrayLike<number>, m: number, y: ArrayLike<number>, n: number): number {
  const total = m + n;
  ensureScratch(total);
  for (let i = 0; i < m; i++) scratch[i] = x[i] as number;
  for (let j = 0; j < n; j++) scratch[m + j] = y[j] as number;
  const combined = scratch.subarray(0, total).sort();
  const ties = tieTerm(combined);
  const variance = ((m * n) / 12) * (total + 1 - ties / (total * (total - 1)));
  return Math.sqrt(Math.max(0, variance));
}

/** Mann–Whitney rank-sum test of x against y: normal approximation with tie and continuity correction. */
export function mannWhitney(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  m = x.length,
  n = y.length,
): MannWhitneyResult {
  let u = 0;
  for (let i = 0; i < m; i++) {
    const xi = x[i] as number;
    for (let j = 0; j < n; j++) {
      const yj = y[j] as number;
      if (xi > yj) u += 1;
      else if (xi === yj) u += 0.5;
    }
  }
  const sigma = uSigma(x, m, y, n);
  const centred = u - (m * n) / 2;
  const z = sigma > 0 ? (centred - 0.5 * Math.sign(centred)) / sigma : 0;
  return { u, sigma, z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/** k-th smallest (0-based) of values[0..length) by quickselect; reorders values. */
function select(values: Float64Array, length: number, k: number): number {
  let lo = 0;
  let hi = length - 1;
  while (hi > lo) {
    const pivot = values[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k] as number;
  }
  return values[k] as number;
}

let differences = new Float64Array(4096);

export interface ShiftEstimate {
  /** Hodges–Lehmann shift: median of the pairwise differences x − y. */
  shift: number;
  lower: number;
  upper: number;
}

/**
 * Hodges–Lehmann estimate of the shift of x over y with its confidence interval from the
 * Mann–Whitney null distribution (normal approximation, tie-corrected σ, continuity correction):
 * with c = ⌊mn/2 − z·σ − 0.5⌋ the interval is [D(c+1), D(mn−c)] of the sorted differences.
 */
export function hodgesLehmann(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  confidence: number,
  m = x.length,
  n = y.length,
): ShiftEstimate {
  const pairs = m * n;
  if (pairs === 0) return { shift: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  if (differences.length < pairs) differences = new Float64Array(pairs * 2);
  const fill = () => {
    let p = 0;
    for (let i = 0; i < m; i++) {
      const xi = x[i] as number;
      for (let j = 0; j < n; j++) differences[p++] = xi - (y[j] as number);
    }
  };
  fill();
  const mid = (pairs - 1) / 2;
  const lowMid = select(differences, pairs, Math.floor(mid));
  const highMid = Math.ceil(mid) === Math.floor(mid) ? lowMid : select(differences, pairs, Math.ceil(mid));
  const shift = (lowMid + highMid) / 2;
  const z = inverseNormalUpper((1 - confidence) / 2);
  const sigma = uSigma(x, m, y, n);
  const c = Math.max(0, Math.floor(pairs / 2 - z * sigma - 0.5));
  const lowerIndex = Math.min(c, pairs - 1);
  const upperIndex = Math.max(pairs - 1 - c, lowerIndex);
  const lower = select(differences, pairs, lowerIndex);
  const upper = select(differences, pairs, upperIndex);
  return { shift, lower, upper };
}

/** Upper-tail standard normal quantile: exact constants for the usual levels, else Acklam's. */
export function inverseNormalUpper(tail: number): number {
  if (Math.abs(tail - 0.025) < 1e-12) return Z_975;
  if (Math.abs(tail - 0.01) < 1e-12) return Z_99;
  return -inverseNormalCdf(tail);
}
