/**
 * What the step's data could have caught: the power of the judge's end-of-window comparison to
 * detect a candidate R times worse than the baseline, from exposure alone.
 *
 * Given a minute's total errors X = eC + eB and the candidate's share of requests ρ, the candidate's
 * errors are binomial with θ = ρr/(ρr + 1 − ρ) (sequential.ts). Summed over the judged minutes, a
 * one-sided test at level α of r = r0 against r = R·r0 has power
 *   Φ((μ1 − μ0 − z_α·√v0) / √v1),  μ = Σ X·θ, v = Σ X·θ(1 − θ)
 * (normal approximation). Only requests, total errors and the split enter: never which arm the
 * errors fell in, so extending the bake on this number leaves the judge's level intact. The
 * minutes with the most errors are left out, as many as the judge's end-of-window test leaves out.
 */
import { inverseNormalCdf, normalCdf } from '../judge/math';
import { DEFAULT_SEQUENTIAL_OPTIONS, endOfWindowTrimFor, TRIM_MIN_EVENTS } from '../judge/sequential';

/** The minutes the judge's end-of-window test leaves out, left out here too. */
const trimFor = (minutes: number) => endOfWindowTrimFor(minutes, DEFAULT_SEQUENTIAL_OPTIONS.endOfWindowTrim);

const shareAt = (rho: number, ratio: number) => (rho * ratio) / (rho * ratio + 1 - rho);

/** Ratios searched for the smallest detectable one (beyond the last: "none"). */
const MAX_RATIO = 1000;

export class Exposure {
  private readonly events: number[] = [];
  private readonly shares: number[] = [];
  /** Candidate requests over the judged minutes. */
  candidateRequests = 0;
  judgedMinutes = 0;

  constructor(
    /** The tolerated ratio r0 (1 + max-increase). */
    readonly nullRatio: number,
    /** Level of the comparison (the judge's end-of-window level). */
    readonly alpha: number,
  ) {}

  /** One judged minute (usable or not: a minute without data is time passed without exposure). */
  add(candidateRequests: number, baselineRequests: number, totalErrors: number): void {
    this.judgedMinutes++;
    if (!(candidateRequests > 0 && baselineRequests > 0 && totalErrors >= 0)) return;
    this.candidateRequests += candidateRequests;
    if (totalErrors === 0) return;
    this.events.push(totalErrors);
    this.shares.push(candidateRequests / (candidateRequests + baselineRequests));
  }

  get totalErrors(): number {
    return this.events.reduce((a, b) => a + b, 0);
  }

  private cache = { ratio: Number.NaN, count: -1, gap: 0, v0: 0, v1: 0 };

  /** Σ X·(θ1 − θ0), Σ X·θ0(1 − θ0), Σ X·θ1(1 − θ1) over the minutes kept (memoized per ratio and minute). */
  private moments(ratio: number): { gap: number; v0: number; v1: number } {
    const cache = this.cache;
    if (cache.ratio === ratio && cache.count === this.events.length) return cache;
    // The `trim` busiest minutes are left out (ties: the earliest), found by a scan (trim ≤ a few).
    const left: number[] = [];
    const trim = trimFor(this.events.length);
    for (let k = 0; k < trim; k++) {
      let best = -1;
      for (let i = 0; i < this.events.length; i++) {
        if (left.includes(i) || (this.events[i] as number) < TRIM_MIN_EVENTS) continue;
        if (best < 0 || (this.events[i] as number) > (this.events[best] as number)) best = i;
      }
      if (best >= 0) left.push(best);
    }
    let gap = 0;
    let v0 = 0;
    let v1 = 0;
    for (let i = 0; i < this.events.length; i++) {
      if (left.includes(i)) continue;
      const x = this.events[i] as number;
      const rho = this.shares[i] as number;
      const t0 = shareAt(rho, this.nullRatio);
      const t1 = shareAt(rho, ratio * this.nullRatio);
      gap += x * (t1 - t0);
      v0 += x * t0 * (1 - t0);
      v1 += x * t1 * (1 - t1);
    }
    this.cache = { ratio, count: this.events.length, gap, v0, v1 };
    return this.cache;
  }

  /** Probability that the data seen so far would have shown a regression of `ratio` × r0. */
  power(ratio: number): number {
    return this.scaledPower(ratio, 1);
  }

  /** The same for `scale` times as much data like it (a bake `scale` times as long). */
  private scaledPower(ratio: number, scale: number): number {
    const moments = this.moments(ratio);
    const gap = moments.gap * scale;
    const v0 = moments.v0 * scale;
    const v1 = moments.v1 * scale;
    if (!(v0 > 0) || !(gap > 0)) return 0;
    const z = -inverseNormalCdf(this.alpha);
    return normalCdf((gap - 0.5 - z * Math.sqrt(v0)) / Math.sqrt(Math.max(v1, 1e-12)));
  }

  /** The smallest ratio detected with probability ≥ `power`: Infinity when none up to 1000×. */
  detectableRatio(power: number): number {
    if (this.power(MAX_RATIO) < power) return Number.POSITIVE_INFINITY;
    let lo = 1;
    let hi = MAX_RATIO;
    for (let i = 0; i < 40; i++) {
      const mid = Math.sqrt(lo * hi);
      if (this.power(mid) >= power) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /**
   * Judged minutes the comparison needs to reach `power` against `ratio` at the exposure seen so
   * far (errors per minute and the split, as many minutes left out): undefined when no error has
   * been seen yet, Infinity beyond 1000 times the minutes so far.
   */
  minutesNeeded(ratio: number, power: number): number | undefined {
    if (this.totalErrors === 0 || this.judgedMinutes === 0) return undefined;
    if (this.scaledPower(ratio, 1) >= power) return this.judgedMinutes;
    if (this.scaledPower(ratio, MAX_RATIO) < power) return Number.POSITIVE_INFINITY;
    let lo = 1;
    let hi = MAX_RATIO;
    for (let i = 0; i < 40; i++) {
      const mid = Math.sqrt(lo * hi);
      if (this.scaledPower(ratio, mid) >= power) hi = mid;
      else lo = mid;
    }
    return hi * this.judgedMinutes;
  }
}
