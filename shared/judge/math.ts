/** Special functions for the judge (no dependencies, deterministic across machines). */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-14). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** log of the rising factorial a(a+1)…(a+n−1) = log Γ(a+n) − log Γ(a), exact sums for small n. */
export function logRising(a: number, n: number): number {
  if (n <= 0) return 0;
  if (n <= 12) {
    let product = a;
    for (let i = 1; i < n; i++) product *= a + i;
    return Math.log(product);
  }
  return logGamma(a + n) - logGamma(a);
}

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) return p <= 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((-0.007784894002430293 * q - 0.3223964580411365) * q - 2.400758277161838) * q - 2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((0.007784695709041462 * q + 0.3224671290700398) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1)
    );
  }
  if (p > 1 - low) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-39.69683028665376 * r + 220.9460984245205) * r - 275.928510446969) * r + 138.357751867269) * r -
      30.66479806614716) *
      r +
      2.506628277459239) *
      q) /
    (((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r + 66.80131188771972) * r -
      13.28068155288572) *
      r +
      1)
  );
}

/** P(Σ Binomial(events[i], shares[i]) ≥ k): the exact conditional tail of the candidate's events. */
export function binomialSumUpperTail(
  events: readonly number[],
  shares: readonly number[],
  k: number,
): number {
  // Distribution of the sum truncated at k (index k holds "k or more").
  let dist = new Float64Array(k + 1);
  let next = new Float64Array(k + 1);
  dist[0] = 1;
  for (let i = 0; i < events.length; i++) {
    const n = events[i] as number;
    const p = shares[i] as number;
    next.fill(0);
    if (p >= 1) {
      // Every event is the candidate's: a shift by n.
      for (let s = 0; s <= k; s++)
        next[Math.min(k, s + n)] = (next[Math.min(k, s + n)] as number) + (dist[s] as number);
      [dist, next] = [next, dist];
      continue;
    }
    // Binomial(n, p) pmf by recurrence, folded into the truncated convolution.
    let pmf = (1 - p) ** n;
    for (let j = 0; j <= n; j++) {
      if (j > 0) pmf *= ((n - j + 1) / j) * (p / (1 - p));
      if (pmf === 0 && j > n * p) break;
      for (let s = 0; s <= k; s++) {
        const mass = dist[s] as number;
        if (mass === 0) continue;
        const to = Math.min(k, s + j);
        next[to] = (next[to] as number) + mass * pmf;
      }
    }
    [dist, next] = [next, dist];
  }
  return Math.min(1, Math.max(0, dist[k] as number));
}

/** Complementary error function (Numerical Recipes erfcc, |error| < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}
