/**
 * Peer judges: the rules the well-known tools use (JUDGE-BENCHMARK.md, "What the known tools do").
 * All get the same warm-up as ours: minutes before ctx.warmup are seen but not judged.
 */
import type { FinalDecision, Judge, JudgeContext, Minute, StepDecision } from '../../shared/judge/types';
import { hodgesLehmann } from './stats';

abstract class WarmupJudge implements Judge {
  abstract readonly name: string;
  protected ctx: JudgeContext = { horizon: 60, warmup: 3, weight: 0, history: [], baselineRate: 0 };
  private seen = 0;
  protected decided: StepDecision = 'continue';

  init(ctx: JudgeContext): void {
    this.ctx = ctx;
    this.seen = 0;
    this.decided = 'continue';
    this.reset();
  }

  step(m: Minute): StepDecision {
    this.seen++;
    if (this.decided !== 'continue') return this.decided;
    if (this.seen <= this.ctx.warmup) return 'continue';
    this.decided = this.judge(m);
    return this.decided;
  }

  final(): FinalDecision {
    if (this.decided !== 'continue') return this.decided;
    return this.conclude();
  }

  protected abstract reset(): void;
  protected abstract judge(m: Minute): StepDecision;
  /** Verdict at the horizon without a decision: the tools promote when no check failed enough. */
  protected conclude(): FinalDecision {
    return 'promote';
  }
}

/** Candidate rate of a minute; NaN without candidate requests (a failed measurement). */
function candidateRate(m: Minute): number {
  return m.nC > 0 ? m.eC / m.nC : Number.NaN;
}

/**
 * Fixed threshold checked every minute; `failsAllowed` failed minutes are tolerated (Argo's
 * failureLimit: roll back on the next), a minute without candidate requests counts as failed.
 */
class ThresholdJudge extends WarmupJudge {
  private failures = 0;

  constructor(
    readonly name: string,
    private readonly failsMinute: (m: Minute, ctx: JudgeContext) => boolean,
    private readonly failsAllowed: number,
  ) {
    super();
  }

  protected reset(): void {
    this.failures = 0;
  }

  protected judge(m: Minute): StepDecision {
    if (!(m.nC > 0) || this.failsMinute(m, this.ctx)) this.failures++;
    return this.failures > this.failsAllowed ? 'rollback' : 'continue';
  }
}

/** CloudWatch-style M of N: roll back when `m` of the last `n` minutes breach. */
class AlarmJudge extends WarmupJudge {
  readonly name = 'T-alarm';
  private readonly recent = new Uint8Array(5);
  private count = 0;

  protected reset(): void {
    this.recent.fill(0);
    this.count = 0;
  }

  protected judge(m: Minute): StepDecision {
    const rate = candidateRate(m);
    const breach = !(rate <= 2 * this.ctx.baselineRate) ? 1 : 0;
    this.recent[this.count % 5] = breach;
    this.count++;
    let breaches = 0;
    for (let i = 0; i < 5; i++) breaches += this.recent[i] as number;
    return breaches >= 3 ? 'rollback' : 'continue';
  }
}

const KAYENTA_CONFIDENCE = 0.98;

/**
 * Kayenta's NetflixACAJudge on one critical metric: Mann–Whitney on per-minute error rates, with
 * the Hodges–Lehmann shift and its 98 % interval; "High" (fail) when the lower bound exceeds
 * 0.25·|shift| and mean(candidate)/mean(baseline) ≥ 1. Minutes without requests on an arm give
 * no rate (Kayenta drops NaN values).
 */
class KayentaJudge extends WarmupJudge {
  private readonly candidate = new Float64Array(512);
  private readonly baseline = new Float64Array(512);
  private candidateCount = 0;
  private baselineCount = 0;
  private judged = 0;

  constructor(
    readonly name: string,
    /** Judge every `interval` judged minutes (0: only at the end). */
    private readonly interval: number,
  ) {
    super();
  }

  protected reset(): void {
    this.candidateCount = 0;
    this.baselineCount = 0;
    this.judged = 0;
  }

  protected judge(m: Minute): StepDecision {
    this.judged++;
    if (m.nC > 0 && this.candidateCount < this.candidate.length)
      this.candidate[this.candidateCount++] = m.eC / m.nC;
    if (m.nB > 0 && this.baselineCount < this.baseline.length)
      this.baseline[this.baselineCount++] = m.eB / m.nB;
    if (this.interval > 0 && this.judged % this.interval === 0 && this.isHigh()) return 'rollback';
    return 'continue';
  }

  protected override conclude(): FinalDecision {
    if (this.interval > 0 && this.judged % this.interval === 0) return 'promote'; // judged this minute already
    return this.isHigh() ? 'rollback' : 'promote';
  }

  isHigh(): boolean {
    const m = this.candidateCount;
    const n = this.baselineCount;
    if (m < 2 || n < 2) return false;
    let sumC = 0;
    let sumB = 0;
    for (let i = 0; i < m; i++) sumC += this.candidate[i] as number;
    for (let j = 0; j < n; j++) sumB += this.baseline[j] as number;
    const ratio = sumC / m / (sumB / n);
    if (!(ratio >= 1)) return false;
    const estimate = hodgesLehmann(this.candidate, this.baseline, KAYENTA_CONFIDENCE, m, n);
    return estimate.lower > 0.25 * Math.abs(estimate.shift);
  }
}

/**
 * Always-valid one-sided mixture SPRT (Johari et al.) on the cumulative difference of rates,
 * normal approximation, mixing N(0, τ²) with τ the historical rate (1 point when the history
 * shows none), rejecting at 1/α.
 */
class MixtureSprtJudge extends WarmupJudge {
  readonly name = 'mSPRT';
  private requestsC = 0;
  private errorsC = 0;
  private requestsB = 0;
  private errorsB = 0;

  constructor(private readonly alpha = 0.01) {
    super();
  }

  protected reset(): void {
    this.requestsC = 0;
    this.errorsC = 0;
    this.requestsB = 0;
    this.errorsB = 0;
  }

  protected judge(m: Minute): StepDecision {
    this.requestsC += m.nC;
    this.errorsC += m.eC;
    this.requestsB += m.nB;
    this.errorsB += m.eB;
    if (this.requestsC <= 0 || this.requestsB <= 0) return 'continue';
    const rateC = this.errorsC / this.requestsC;
    const rateB = this.errorsB / this.requestsB;
    const difference = rateC - rateB;
    if (!(difference > 0)) return 'continue';
    const variance = (rateC * (1 - rateC)) / this.requestsC + (rateB * (1 - rateB)) / this.requestsB;
    if (!(variance > 0)) return 'continue';
    const tau = this.ctx.baselineRate > 0 ? this.ctx.baselineRate : 0.01;
    const tau2 = tau * tau;
    const logLambda =
      0.5 * Math.log(variance / (variance + tau2)) +
      (tau2 * difference * difference) / (2 * variance * (variance + tau2));
    return logLambda >= Math.log(1 / this.alpha) ? 'rollback' : 'continue';
  }
}

/** The peers in report order. */
export function createPeers(): Judge[] {
  return [
    new ThresholdJudge('T-argo', (m) => !(m.eC / m.nC <= 0.01), 3),
    new ThresholdJudge('T-flagger', (m) => !(m.eC / m.nC <= 0.02), 4),
    new ThresholdJudge('T-delta', (m) => !(m.eC / m.nC - (m.nB > 0 ? m.eB / m.nB : 0) <= 0.005), 3),
    new ThresholdJudge('T-tuned', (m, ctx) => !(m.eC / m.nC <= 2 * ctx.baselineRate), 3),
    new AlarmJudge(),
    new KayentaJudge('K-final', 0),
    new KayentaJudge('K-interval', 15),
    new MixtureSprtJudge(0.01),
  ];
}
