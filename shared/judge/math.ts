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
