/**
 * The absolute ceiling as a sequential test that stays valid when checked every interval:
 * H0 "the candidate's error rate is at most the ceiling c". For alternatives p1 = m·c above it,
 * the likelihood ratio of an interval's errors, (p1/c)^e·((1−p1)/(1−c))^(n−e), has expectation ≤ 1
 * under any rate ≤ c; capped (one bursty interval can't decide alone) and bet with a fraction λ,
 * the product stays a test supermartingale, so by Ville's inequality the equal-weight mixture
 * reaches 1/α with probability ≤ α while the candidate is within its ceiling.
 */
export const CEILING_MULTIPLES = [1.25, 1.5, 2, 3, 5, 10] as const;
const BET_FRACTION = 0.5;
const INTERVAL_CAP = 8;

export class CeilingTest {
  private readonly alternatives: number[];
  private readonly logWealth: number[];

  constructor(
    readonly ceiling: number,
    readonly alpha: number,
  ) {
    this.alternatives = CEILING_MULTIPLES.map((m) => m * ceiling).filter((p) => p > ceiling && p < 1);
    if (ceiling > 0 && ceiling < 1 && this.alternatives.length === 0)
      this.alternatives.push((1 + ceiling) / 2);
    this.logWealth = this.alternatives.map(() => 0);
  }

  observe(requests: number, errors: number): void {
    const c = this.ceiling;
    if (!(requests > 0) || !(c > 0 && c < 1)) return;
    this.alternatives.forEach((p1, k) => {
      const logRatio = errors * Math.log(p1 / c) + (requests - errors) * Math.log((1 - p1) / (1 - c));
      const ratio = Math.min(Math.exp(Math.min(logRatio, 50)), INTERVAL_CAP);
      this.logWealth[k] = (this.logWealth[k] ?? 0) + Math.log(1 - BET_FRACTION + BET_FRACTION * ratio);
    });
  }

  evidence(): number {
    if (this.logWealth.length === 0) return 0;
    return this.logWealth.reduce((sum, w) => sum + Math.exp(w), 0) / this.logWealth.length;
  }

  get threshold(): number {
    return 1 / this.alpha;
  }

  breached(): boolean {
    return this.evidence() >= this.threshold;
  }
}

/** log P(X ≤ k) for X ~ Binomial(n, p), summed in log space (k is small where this is used). */
function logBinomialCdf(k: number, n: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return k >= n ? 0 : Number.NEGATIVE_INFINITY;
  let logTerm = n * Math.log1p(-p); // P(X = 0)
  let logSum = logTerm;
  for (let i = 1; i <= Math.min(k, n); i++) {
    logTerm += Math.log((n - i + 1) / i) + Math.log(p) - Math.log1p(-p);
    const hi = Math.max(logSum, logTerm);
    logSum = hi + Math.log(Math.exp(logSum - hi) + Math.exp(logTerm - hi));
  }
  return logSum;
}

/**
 * The one-sided Clopper–Pearson upper bound on an error rate after `errors` in `requests`: the
 * largest rate that would still produce so few errors with probability ≥ alpha.
 */
export function errorRateUpperBound(errors: number, requests: number, alpha: number): number {
  if (!(requests > 0)) return 1;
  if (errors >= requests) return 1;
  let lo = errors / requests;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (logBinomialCdf(errors, requests, mid) > Math.log(alpha)) lo = mid;
    else hi = mid;
  }
  return hi;
}
