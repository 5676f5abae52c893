/**
 * The gate's decision, free of I/O: fed one interval of counts at a time, it runs the sequential
 * judge (relative to the baseline), the ceiling (absolute) and the latency limits, extends the bake
 * while the data is short of power, and says when to stop and why.
 *
 * - fail: the judge found the candidate worse than the baseline, or it is over the ceiling, or
 *   its latency stayed over a limit.
 * - pass: no regression was found AND the data could have caught one of `detectableRatio` × with
 *   probability ≥ `power` (or the judge's early promotion proved "not worse", or, with almost no
 *   errors at all, the candidate is clearly within the ceiling).
 * - inconclusive: data was missing, or even `max-duration` could not give that power. The reason
 *   estimates the bake this service would need.
 */
import type { Judge, StepDecision } from '../judge/types';
import { isMissing } from '../metrics/grid';
import type { ArmCounts, IntervalCounts } from '../metrics/types';
import { CeilingTest, effectiveCeiling } from './ceiling';
import { bakeStep } from './extension';
import { errorBudgetBound, errorBudgetReason } from './fallback';
import { formatEvidence, formatMinutes, formatRatio, percent, rateOf } from './format';
import { endOfWindowAlphaOf, nullRatioOf } from './judge';
import { Exposure } from './power';
import type { Decision, GateConfig, IntervalRecord, Totals } from './types';

/** Intervals in a row above a latency limit that fail the candidate (one slow interval doesn't). */
export const LATENCY_STREAK = 3;
/** Metric polls in a row whose API calls all failed (after retries) before the gate gives up. */
export const MAX_FAILED_POLLS = 3;

export class GateState {
  readonly records: IntervalRecord[] = [];
  readonly candidate: Totals = { requests: 0, errors: 0 };
  readonly baseline: Totals = { requests: 0, errors: 0 };
  readonly ceiling: CeilingTest;
  readonly exposure: Exposure;
  private judgeDecision: StepDecision = 'continue';
  private latencyStreak = 0;
  private latencyIntervals = 0;
  private worstLatency = '';
  private failedPolls = 0;

  constructor(
    readonly config: GateConfig,
    readonly judge: Judge,
  ) {
    this.ceiling = new CeilingTest(config.falseAlarmRate);
    this.exposure = new Exposure(nullRatioOf(config), endOfWindowAlphaOf(config));
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

  /** The ceiling in force now: max-error-rate, or twice the baseline's rate so far if higher. */
  currentCeiling(): number {
    return effectiveCeiling(this.config.maxErrorRate, this.baseline);
  }

  /** Intervals watched beyond the planned bake. */
  get extendedIntervals(): number {
    return Math.max(0, this.records.length - this.config.horizon);
  }

  /** Power, with the data so far, to detect the configured ratio. */
  power(): number {
    return this.exposure.power(this.config.detectableRatio);
  }

  /** The smallest ratio the data so far detects with the configured power (Infinity: none). */
  detectableRatio(): number {
    return this.exposure.detectableRatio(this.config.power);
  }

  /** Feeds one interval; returns a decision when the gate can stop. */
  observe(interval: IntervalCounts): Decision | undefined {
    this.failedPolls = 0;
    const { candidate, baseline } = interval;
    const usable =
      !isMissing(candidate) && !isMissing(baseline) && candidate.requests > 0 && baseline.requests > 0;
    const index = this.records.length;
    const ceiling = this.currentCeiling();
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
    if (index >= this.config.warmup) {
      if (usable)
        this.exposure.add(candidate.requests, baseline.requests, candidate.errors + baseline.errors);
      else this.exposure.add(0, 0, 0);
      if (!isMissing(candidate)) this.ceiling.observe(candidate.requests, candidate.errors, ceiling);
      // A new revision's first requests are slow (cold starts): latency is judged after warm-up too.
      this.observeLatency(candidate, baseline);
    }
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
      ceiling,
      power: this.power(),
    });
    const early = this.earlyDecision();
    if (early) return early;
    return bakeStep(this.config, this.records.length, this.exposure) === 'decide' ? this.finish() : undefined;
  }

  /**
   * A poll whose API calls all failed: after MAX_FAILED_POLLS in a row, inconclusive (no verdict
   * without data). Undefined to keep trying.
   */
  pollFailed(source: string, message: string): Decision | undefined {
    this.failedPolls++;
    if (this.failedPolls < MAX_FAILED_POLLS) return undefined;
    return {
      verdict: 'inconclusive',
      by: 'api',
      reason: `the ${source} API failed ${this.failedPolls} polls in a row (${message}): no verdict without data`,
    };
  }

  get failedPollsInARow(): number {
    return this.failedPolls;
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
    if (e.decidedBy === 'end-of-window') return ' (the end-of-window comparison of all intervals)';
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

  /** A failure or a confident pass at any interval; undefined to keep watching. */
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
        reason: `candidate error rate ${percent(rateOf(this.candidate))} is above the ${percent(this.currentCeiling())} ceiling (evidence ${formatEvidence(this.ceiling.evidence())} ≥ ${formatEvidence(this.ceiling.threshold)})`,
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

  /** Why the data can't support a pass (too little or missing), if it can't. */
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
    // Over the ceiling is the sequential ceiling test's call (it stays valid checked every
    // interval); comparing the observed rate with it here would fail healthy candidates on a burst.
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

  /** What the data could have caught, for the reason of a pass. */
  private caughtText(): string {
    return `the data would have caught a ${formatRatio(this.config.detectableRatio)} regression ${percent(this.power(), 0)} of the time`;
  }

  /** The bake this service needs at its observed traffic, for an inconclusive reason. */
  private neededText(): string {
    const { detectableRatio, power, warmup, intervalMinutes } = this.config;
    const needed = this.exposure.minutesNeeded(detectableRatio, power);
    const judged = Math.max(1, this.exposure.judgedMinutes);
    const perMinute = this.exposure.candidateRequests / judged / intervalMinutes;
    const traffic = `${perMinute >= 10 ? Math.round(perMinute) : Number(perMinute.toFixed(1))} candidate requests/min`;
    if (needed === undefined)
      return `no errors in either arm to compare, at ${traffic}; the comparison needs some errors to tell a ${formatRatio(detectableRatio)} regression apart`;
    if (!Number.isFinite(needed))
      return `at ${traffic} with so few errors, no bake would catch a ${formatRatio(detectableRatio)} regression ${percent(power, 0)} of the time`;
    return `catching a ${formatRatio(detectableRatio)} regression ${percent(power, 0)} of the time would need a bake of about ${formatMinutes((warmup + needed) * intervalMinutes)} at ${traffic}`;
  }

  /** The verdict once the bake (extended or not) is over. */
  finish(): Decision {
    const early = this.earlyDecision();
    if (early) return early;
    const blocker = this.passBlocker();
    if (blocker) return blocker;
    if (this.judge.final() === 'rollback')
      return {
        verdict: 'fail',
        by: 'judge',
        reason: `${this.rates()}: worse than the baseline${this.judgeEvidenceText('rollback')}`,
      };
    const extended =
      this.extendedIntervals > 0
        ? ` (bake extended by ${formatMinutes(this.extendedIntervals * this.config.intervalMinutes)})`
        : '';
    if (this.power() >= this.config.power) {
      return {
        verdict: 'pass',
        by: 'power',
        reason: `${this.rates()}: no regression found, and ${this.caughtText()}${extended}`,
      };
    }
    const budget = errorBudgetBound(this.candidate, this.baseline, this.currentCeiling());
    if (budget !== undefined) {
      return {
        verdict: 'pass',
        by: 'budget',
        reason: `${this.rates()}: ${errorBudgetReason(budget, this.currentCeiling())}`,
      };
    }
    return {
      verdict: 'inconclusive',
      by: 'power',
      reason: `${this.rates()}: no regression found, but ${this.caughtText()}${extended}; ${this.neededText()}`,
    };
  }

  /**
   * One sentence for the on-call engineer: what this data could and could not have caught.
   */
  coverage(): string {
    const ratio = this.detectableRatio();
    if (this.candidate.requests === 0)
      return 'With no candidate data, this step could not have caught anything.';
    if (!Number.isFinite(ratio))
      return `This data could not have caught even a 1000× regression relative to the baseline (too few errors); only the ${percent(this.currentCeiling())} ceiling guarded the candidate.`;
    return `This data would have caught a candidate failing ${formatRatio(ratio)} as often as the baseline ${percent(this.config.power, 0)} of the time; smaller regressions could pass unnoticed.`;
  }
}
