/**
 * The canary judge's contract (JUDGE-BENCHMARK.md): fed minute by minute until its first
 * decision. The benchmark and error-rate-gate run the same implementations.
 */
export interface Minute {
  t: number;
  nB: number;
  eB: number;
  nC: number;
  eC: number;
  slowB?: number[];
  slowC?: number[];
}

export type StepDecision = 'continue' | 'rollback' | 'promote';
export type FinalDecision = 'rollback' | 'promote' | 'inconclusive';

export interface JudgeContext {
  horizon: number;
  warmup: number;
  /** The candidate's planned share of traffic, 0–1. */
  weight: number;
  /** Minutes of both arms before the rollout (A/A), for calibrating noise. May be empty. */
  history: Minute[];
  /** Historical error rate of the service (e.g. the baseline's over the history). */
  baselineRate: number;
}

/** Where a sequential judge stands: e-values (evidence) against the thresholds that decide. */
export interface JudgeEvidence {
  /** Evidence for "the candidate is worse" in the active stage (alarm or confirmation). */
  rollback: number;
  /** Evidence for "the candidate is not meaningfully worse". */
  promote: number;
  rollbackThreshold: number;
  promoteThreshold: number;
  /** 'warmup' | 'watch' | 'confirm' | 'rollback' | 'promote'. */
  stage: string;
  /** Which test decided, once decided. */
  decidedBy?: 'sequential' | 'confirmation' | 'end-of-window' | 'promote-mirror';
}

export interface Judge {
  readonly name: string;
  init(ctx: JudgeContext): void;
  step(m: Minute): StepDecision;
  final(): FinalDecision;
  /** Read-only view of the current evidence, for judges that have one (for charts and reasons). */
  evidence?(): JudgeEvidence;
}
