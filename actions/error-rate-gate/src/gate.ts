/**
 * The gate's decision logic, free of I/O: fed one interval of counts at a time, it runs the
 * sequential judge (relative to the baseline), the ceiling test (absolute) and the latency limits,
 * and says when to stop and why. Missing data never counts as a pass.
 */
import type { FinalDecision, Judge, JudgeEvidence, StepDecision } from '../../../shared/judge/types';
import { isMissing } from '../../../shared/metrics/grid';
import type { ArmCounts, IntervalCounts } from '../../../shared/providers/types';
import { CeilingTest, errorRateUpperBound } from './ceiling';
import type { GateSettings } from './inputs';

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** The limits as the inputs give them, and the observation counted in intervals. */
export type GateConfig = Pick<
  GateSettings,
  'maxErrorRate' | 'maxIncrease' | 'minRequests' | 'falseAlarmRate' | 'maxP95LatencyMs' | 'maxLatencyIncrease'
> & {
  /** Intervals in the whole observation. */
  horizon: number;
  /** First intervals the judge watches without judging (warm-up of a new revision). */
  warmup: number;
};

/**
 * Below this many errors in both arms together, the judge's comparison (how errors split between
 * candidate and baseline) has next to nothing to go on: a clean service would otherwise never
 * pass. The gate then falls back to the absolute error budget.
 */
export const FEW_ERRORS = 10;
/** Confidence of the error-budget fallback: the candidate's rate is below the ceiling at 95 %. */
export const BUDGET_ALPHA = 0.05;

/** Intervals in a row above a latency limit that fail the candidate (one slow interval doesn't). */
export const LATENCY_STREAK = 3;

export interface Decision {
  verdict: Verdict;
  /** One sentence an on-call engineer reads in ten seconds. */
  reason: string;
  by: 'judge' | 'ceiling' | 'latency' | 'data' | 'api' | 'horizon' | 'cancelled';
}

export interface IntervalRecord {
  start: number;
  end: number;
  candidate: ArmCounts;
  baseline: ArmCounts;
  usable: boolean;
  judge: StepDecision;
  /** Judge evidence after this interval, when the judge shows it. */
  evidence?: JudgeEvidence;
  ceilingEvidence: number;
}

export interface Totals {
  requests: number;
  errors: number;
}

export const rateOf = (t: Totals) => (t.requests > 0 ? t.errors / t.requests : Number.NaN);

export function percent(rate: number, digits = 2): string {
  if (!Number.isFinite(rate)) return 'n/a';
  return `${Number((rate * 100).toFixed(digits))}%`;
}

function formatEvidence(v: number): string {
  return v >= 1000 ? v.toExponential(1) : v >= 10 ? v.toFixed(0) : v.toFixed(2);
}

export class GateState {
  readonly records: IntervalRecord[] = [];
  readonly candidate: Totals = { requests: 0, errors: 0 };
  readonly baseline: Totals = { requests: 0, errors: 0 };
  readonly ceiling: CeilingTest;
  private judgeDecision: StepDecision = 'continue';
  private latencyStreak = 0;
  private latencyIntervals = 0;
  private worstLatency = '';

  constructor(
    readonly config: GateConfig,
    readonly judge: Judge,
  ) {
    this.ceiling = new CeilingTest(config.maxErrorRate, config.falseAlarmRate);
    judge.init({
      horizon: config.horizon,
      warmup: config.warmup,
      weight: 0,
      history: [],
      baselineRate: Number.NaN,
    });
  }

  get latencyLimited(): boolean {
    return this.config.maxP95LatencyMs !== undefined || this.config.maxLatencyIncrease !== undefined;
  }

  /** Feeds one interval; returns a decision when the gate can stop. */
  observe(interval: IntervalCounts): Decision | undefined {
    const { candidate, baseline } = interval;
    const usable =
      !isMissing(candidate) && !isMissing(baseline) && candidate.requests > 0 && baseline.requests > 0;
    const index = this.records.length;
    // The judge keeps its own clock: a missing interval is fed as NaN and counts as time passed.
    this.judgeDecision = this.judge.step({
      t: index,
      nB: baseline.requests,
      eB: baseline.errors,
      nC: candidate.requests,
      eC: candidate.errors,
    });
    if (!isMissing(candidate)) {
      this.candidate.requests += candidate.requests;
      this.candidate.errors += candidate.errors;
    }
    if (!isMissing(baseline)) {
      this.baseline.requests += baseline.requests;
      this.baseline.errors += baseline.errors;
    }
    if (!isMissing(candidate) && index >= this.config.warmup)
      this.ceiling.observe(candidate.requests, candidate.errors);
    // A new revision's first requests are slow (cold starts): latency, like errors, is judged after warm-up.
    if (index >= this.config.warmup) this.observeLatency(candidate, baseline);
    const evidence = this.judge.evidence?.();
    this.records.push({
      start: interval.start,
      end: interval.end,
      candidate,
      baseline,
      usable,
      judge: this.judgeDecision,
      ...(evidence ? { evidence } : {}),
      ceilingEvidence: this.ceiling.evidence(),
    });
    return this.earlyDecision();
  }

  private observeLatency(candidate: ArmCounts, baseline: ArmCounts): void {
    if (!this.latencyLimited) return;
    const p95 = candidate.p95LatencyMs;
    if (p95 === undefined || !Number.isFinite(p95)) return; // a gap neither breaks nor extends a streak
    this.latencyIntervals++;
    const limits: string[] = [];
    if (this.config.maxP95LatencyMs !== undefined && p95 > this.config.maxP95LatencyMs) {
      limits.push(`above the ${this.config.maxP95LatencyMs} ms limit`);
    }
    const base = baseline.p95LatencyMs;
    if (this.config.maxLatencyIncrease !== undefined && base !== undefined && Number.isFinite(base)) {
      const allowed = base * (1 + this.config.maxLatencyIncrease);
      if (p95 > allowed) {
        limits.push(
          `more than ${percent(this.config.maxLatencyIncrease, 0)} over the baseline's ${Math.round(base)} ms`,
        );
      }
    }
    if (limits.length > 0) {
      this.latencyStreak++;
      this.worstLatency = `candidate p95 latency ${Math.round(p95)} ms is ${limits.join(' and ')}`;
    } else {
      this.latencyStreak = 0;
    }
  }

  private judgeEvidenceText(kind: 'rollback' | 'promote'): string {
    const e = this.judge.evidence?.();
    if (!e) return '';
    if (kind === 'promote') return ` (evidence ${formatEvidence(e.promote)} for "not worse")`;
    // After a single-stage rollback the judge's view shows its (unused) confirmation stage, 1 ≥ 1:
    // say what happened instead of printing that.
    return e.rollbackThreshold > 1
      ? ` (evidence ${formatEvidence(e.rollback)} ≥ ${formatEvidence(e.rollbackThreshold)})`
      : ' (the sequential test crossed its threshold)';
  }

  private rates(): string {
    const c = rateOf(this.candidate);
    const b = rateOf(this.baseline);
    const ratio = Number.isFinite(c) && b > 0 ? ` (${(c / b).toFixed(1)}×)` : '';
    return `candidate fails ${percent(c)} of ${this.candidate.requests} requests vs ${percent(b)} for the baseline${ratio}`;
  }

  /** A failure or a confident pass before the horizon; undefined to keep watching. */
  private earlyDecision(): Decision | undefined {
    if (this.judgeDecision === 'rollback') {
      return {
        verdict: 'fail',
        by: 'judge',
        reason: `${this.rates()}: worse than the baseline${this.judgeEvidenceText('rollback')}`,
      };
    }
    if (this.ceiling.breached()) {
      return {
        verdict: 'fail',
        by: 'ceiling',
        reason: `candidate error rate ${percent(rateOf(this.candidate))} is above the ${percent(this.config.maxErrorRate)} ceiling (evidence ${formatEvidence(this.ceiling.evidence())} ≥ ${formatEvidence(this.ceiling.threshold)})`,
      };
    }
    if (this.latencyStreak >= LATENCY_STREAK) {
      return {
        verdict: 'fail',
        by: 'latency',
        reason: `${this.worstLatency}, ${this.latencyStreak} intervals in a row`,
      };
    }
    if (this.judgeDecision === 'promote' && this.passBlocker() === undefined) {
      return {
        verdict: 'pass',
        by: 'judge',
        reason: `${this.rates()}: not worse than the baseline${this.judgeEvidenceText('promote')}`,
      };
    }
    return undefined;
  }

  /** Why the data can't support a pass (too little, missing, over the ceiling), if it can't. */
  private passBlocker(): Decision | undefined {
    const missing = this.records.filter((r) => !r.usable).length;
    if (this.candidate.requests < this.config.minRequests) {
      const silent = this.records.every((r) => isMissing(r.candidate) || r.candidate.requests === 0);
      return {
        verdict: 'inconclusive',
        by: 'data',
        reason: silent
          ? `no data for the candidate in any of ${this.records.length} intervals: it received no traffic, or the metrics don't name it`
          : `only ${this.candidate.requests} candidate requests, fewer than min-requests ${this.config.minRequests}: too little data to judge`,
      };
    }
    const rate = rateOf(this.candidate);
    if (rate > this.config.maxErrorRate) {
      return {
        verdict: 'fail',
        by: 'ceiling',
        reason: `candidate error rate ${percent(rate)} over ${this.candidate.requests} requests is above the ${percent(this.config.maxErrorRate)} ceiling`,
      };
    }
    if (this.latencyLimited && this.latencyIntervals === 0) {
      return {
        verdict: 'inconclusive',
        by: 'data',
        reason: 'a latency limit is set but the source reported no latency for the candidate',
      };
    }
    if (missing > this.records.length / 2) {
      return {
        verdict: 'inconclusive',
        by: 'data',
        reason: `${missing} of ${this.records.length} intervals had no usable data for one arm`,
      };
    }
    return undefined;
  }

  /**
   * With too few errors for a relative comparison, a candidate passes on the absolute budget: its
   * rate, at 95 % confidence, is under max-error-rate, and its observed rate is within
   * max-increase of the baseline's.
   */
  private errorBudgetPass(): Decision | undefined {
    if (this.candidate.errors + this.baseline.errors >= FEW_ERRORS) return undefined;
    const upper = errorRateUpperBound(this.candidate.errors, this.candidate.requests, BUDGET_ALPHA);
    const tolerated = rateOf(this.baseline) * (1 + this.config.maxIncrease);
    const candidateRate = rateOf(this.candidate);
    if (!(upper <= this.config.maxErrorRate) || !(candidateRate <= tolerated)) return undefined;
    return {
      verdict: 'pass',
      by: 'horizon',
      reason: `${this.rates()}: too few errors to compare the two, and the candidate's error rate is below ${percent(upper)} at 95% confidence, within the ${percent(this.config.maxErrorRate)} ceiling`,
    };
  }

  /** The verdict at the end of the observation. */
  finish(): Decision {
    const early = this.earlyDecision();
    if (early) return early;
    const blocker = this.passBlocker();
    if (blocker) return blocker;
    const final: FinalDecision = this.judge.final();
    if (final === 'rollback')
      return {
        verdict: 'fail',
        by: 'judge',
        reason: `${this.rates()}: worse than the baseline${this.judgeEvidenceText('rollback')}`,
      };
    if (final === 'promote') {
      return {
        verdict: 'pass',
        by: 'horizon',
        reason: `${this.rates()}: not worse than the baseline over the whole window${this.judgeEvidenceText('promote')}`,
      };
    }
    const budget = this.errorBudgetPass();
    if (budget) return budget;
    const e = this.judge.evidence?.();
    const alarm = e?.stage === 'confirm';
    return {
      verdict: 'inconclusive',
      by: 'horizon',
      reason: `${this.rates()}: ${alarm ? 'an alarm was raised but not confirmed' : 'too little evidence either way'} before the window ended`,
    };
  }
}
