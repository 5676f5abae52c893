/**
 * The absolute ceiling as a sequential test that stays valid when checked every interval:
 * H0 "the candidate's error rate is at most the ceiling c_t" in every interval. For alternatives
 * p1 = m·c_t above it, the likelihood ratio of an interval's errors,
 * (p1/c_t)^e·((1−p1)/(1−c_t))^(n−e), has expectation ≤ 1 under any rate ≤ c_t; capped (one bursty
 * interval can't decide alone) and bet with a fraction λ, the product stays a test supermartingale
 * (c_t is fixed before the interval is seen), so by Ville's inequality the equal-weight mixture
 * reaches 1/α with probability ≤ α while the candidate is within its ceiling.
 */
export const CEILING_MULTIPLES = [1.25, 1.5, 2, 3, 5, 10] as const;
const BET_FRACTION = 0.5;
const INTERVAL_CAP = 3;

/**
 * The ceiling never sits below this multiple of the baseline's error rate: a service that always
 * runs near max-error-rate is not a regression (a fixed 5 % failed 39–45 % of healthy services
 * running near 5 %); whether the candidate is worse than its baseline is the judge's question.
 */
export const CEILING_BASELINE_MULTIPLE = 2;

/**
 * A generous upper bound on the baseline's rate after `errors` in `requests` (about 97.5 %, from
 * the Poisson bound e + 2 + 2√(e + 1)): a ceiling raised on a few early minutes must not sit
 * below a healthy candidate because the baseline was lucky.
 */
export function baselineRateBound(errors: number, requests: number): number {
  if (!(requests > 0) || !(errors >= 0)) return Number.NaN;
  return Math.min(1, (errors + 2 + 2 * Math.sqrt(errors + 1)) / requests);
}

/** The ceiling in force: max-error-rate, raised to twice the baseline's rate when that is higher. */
export function effectiveCeiling(
  maxErrorRate: number,
  baseline: { errors: number; requests: number },
): number {
  const bound = baselineRateBound(baseline.errors, baseline.requests);
  const relative = Number.isFinite(bound) ? CEILING_BASELINE_MULTIPLE * bound : 0;
  return Math.min(0.99, Math.max(maxErrorRate, relative));
}

export class CeilingTest {
  private readonly logWealth: number[] = CEILING_MULTIPLES.map(() => 0);

  constructor(readonly alpha: number) {}

  /** One interval, judged against the ceiling c in force before it was seen. */
  observe(requests: number, errors: number, c: number): void {
    if (!(requests > 0) || !(c > 0 && c < 1)) return;
    CEILING_MULTIPLES.forEach((m, k) => {
      // Alternatives above 1 fold to halfway between the ceiling and 1.
      const p1 = m * c < 1 ? m * c : (1 + c) / 2;
      const logRatio = errors * Math.log(p1 / c) + (requests - errors) * Math.log((1 - p1) / (1 - c));
      const ratio = Math.min(Math.exp(Math.min(logRatio, 50)), INTERVAL_CAP);
      this.logWealth[k] = (this.logWealth[k] ?? 0) + Math.log(1 - BET_FRACTION + BET_FRACTION * ratio);
    });
  }

  evidence(): number {
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
