/**
 * The gate's vocabulary: its limits, its verdicts and what it records per interval. Free of I/O,
 * shared by error-rate-gate, the benchmark (bench/gate) and any action that walks canary steps.
 */
import type { JudgeEvidence, StepDecision } from '../judge/types';
import type { ArmCounts } from '../metrics/types';

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** The limits as the inputs give them, and the observation counted in intervals. */
export interface GateConfig {
  /** Absolute ceiling on the candidate's error rate (fraction); the baseline can raise it (ceiling.ts). */
  maxErrorRate: number;
  /** Tolerated relative increase over the baseline (0.2 = 20 % more errors). */
  maxIncrease: number;
  minRequests: number;
  falseAlarmRate: number;
  /** A pass needs data that would have caught a regression of this ratio (candidate ÷ baseline rate)… */
  detectableRatio: number;
  /** …with at least this probability (power.ts). */
  power: number;
  maxP95LatencyMs?: number;
  maxLatencyIncrease?: number;
  /** Intervals in the planned bake (`duration`). */
  horizon: number;
  /** Intervals the bake may extend to while the data is short of power (`max-duration`). */
  maxHorizon: number;
  /** First intervals the judge watches without judging (warm-up of a new revision). */
  warmup: number;
  /** Length of one interval in minutes (for estimates in reasons). */
  intervalMinutes: number;
}

export interface Decision {
  verdict: Verdict;
  /** One sentence an on-call engineer reads in ten seconds. */
  reason: string;
  by: 'judge' | 'ceiling' | 'latency' | 'data' | 'power' | 'budget' | 'api' | 'horizon' | 'cancelled';
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
  /** The ceiling in force for this interval (fraction). */
  ceiling: number;
  /** Power to detect the configured ratio with the data so far. */
  power: number;
}

export interface Totals {
  requests: number;
  errors: number;
}
