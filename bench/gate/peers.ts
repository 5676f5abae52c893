/**
 * The judges a step runs, behind one interface: ours is error-rate-gate's own decision code
 * (shared/gate: judge, ceiling, fallback, bake extension, verdict rules); the peers act as their
 * tools act around the rule bench/judge implements:
 * - Kayenta (K-final, K-interval): a canary whose candidate has no data fails (mustHaveData), and a
 *   metrics fetch that fails fails the analysis.
 * - Argo-style thresholds (T-argo, T-tuned): a minute without candidate requests is a failed
 *   measurement; a metrics provider that keeps erroring aborts the analysis (consecutiveErrorLimit 4).
 * Peers judge the bake as configured: they have no extension.
 */
import { GATE_DEFAULTS, gateConfig, maxBakeMinutes } from '../../shared/gate/config';
import { createGateJudge } from '../../shared/gate/judge';
import { GateState } from '../../shared/gate/state';
import type { Verdict } from '../../shared/gate/types';
import type { Judge, Minute } from '../../shared/judge/types';
import { createPeers } from '../judge/peers';

/** One minute as the metrics show it: NaN counts for a missing point; `down` when the API failed. */
export interface Observed {
  nC: number;
  eC: number;
  nB: number;
  eB: number;
  down: boolean;
}

export interface StepJudge {
  readonly name: string;
  /** A step of `bake` minutes; the service's known (historical) error rate for tuned thresholds. */
  start(bake: number, serviceRate: number): void;
  /** Feeds a minute; a verdict when the step stops. */
  observe(m: Observed): Verdict | undefined;
  /** Minutes watched beyond the bake. */
  readonly extended: number;
}

export const GATE_NAME = 'error-rate-gate';
export const PEER_NAMES = ['K-final', 'K-interval', 'T-argo', 'T-tuned'] as const;
/** Argo's default consecutiveErrorLimit: the analysis errors out on the 5th failed fetch in a row. */
const ARGO_ERROR_LIMIT = 4;

/** error-rate-gate as the action runs it with its default inputs (1-minute intervals). */
class OurGate implements StepJudge {
  readonly name = GATE_NAME;
  private state: GateState | undefined;
  private minute = 0;

  start(bake: number): void {
    const config = gateConfig(GATE_DEFAULTS, {
      horizon: bake,
      maxHorizon: maxBakeMinutes(bake),
      intervalMs: 60_000,
    });
    this.state = new GateState(config, createGateJudge(GATE_DEFAULTS));
    this.minute = 0;
  }

  observe(m: Observed): Verdict | undefined {
    const state = this.state as GateState;
    const start = this.minute * 60_000;
    this.minute++;
    if (m.down) return state.pollFailed('metrics', 'unavailable')?.verdict;
    const decision = state.observe({
      start,
      end: start + 60_000,
      candidate: { requests: m.nC, errors: m.eC },
      baseline: { requests: m.nB, errors: m.eB },
    });
    if (decision) return decision.verdict;
    // The action stops at max-duration in any case (GateState decides there itself).
    return this.minute >= state.config.maxHorizon ? state.finish().verdict : undefined;
  }

  get extended(): number {
    return this.state?.extendedIntervals ?? 0;
  }
}

class ToolPeer implements StepJudge {
  readonly extended = 0;
  private bake = 0;
  private seen = 0;
  private candidateMinutes = 0;
  private failedFetches = 0;
  private readonly minute: Minute = { t: 0, nB: 0, eB: 0, nC: 0, eC: 0 };

  constructor(
    private readonly judge: Judge,
    private readonly kayenta: boolean,
  ) {}

  get name(): string {
    return this.judge.name;
  }

  start(bake: number, serviceRate: number): void {
    this.bake = bake;
    this.seen = 0;
    this.candidateMinutes = 0;
    this.failedFetches = 0;
    this.judge.init({
      horizon: bake,
      warmup: Math.min(3, Math.floor(bake / 5)),
      weight: 0,
      history: [],
      baselineRate: serviceRate,
    });
  }

  observe(m: Observed): Verdict | undefined {
    this.seen++;
    if (m.down) {
      // Kayenta fails the analysis on a failed fetch; Argo after consecutiveErrorLimit of them.
      this.failedFetches++;
      if (this.kayenta || this.failedFetches > ARGO_ERROR_LIMIT) return 'fail';
      return this.seen >= this.bake ? 'pass' : undefined;
    }
    this.failedFetches = 0;
    const hasCandidate = m.nC > 0 && Number.isFinite(m.eC);
    if (hasCandidate) this.candidateMinutes++;
    const minute = this.minute;
    minute.t = this.seen - 1;
    minute.nC = Number.isFinite(m.nC) ? m.nC : 0;
    minute.eC = Number.isFinite(m.eC) ? m.eC : 0;
    minute.nB = m.nB;
    minute.eB = m.eB;
    const decision = this.judge.step(minute);
    if (decision === 'rollback') return 'fail';
    if (decision === 'promote') return 'pass';
    if (this.seen < this.bake) return undefined;
    // mustHaveData: Kayenta fails a canary whose candidate metric came back empty.
    if (this.kayenta && this.candidateMinutes < 2) return 'fail';
    return this.judge.final() === 'rollback' ? 'fail' : 'pass';
  }
}

export function createStepJudges(oursOnly = false): StepJudge[] {
  const ours: StepJudge = new OurGate();
  if (oursOnly) return [ours];
  const peers = createPeers();
  const pick = (name: string) => {
    const judge = peers.find((p) => p.name === name);
    if (!judge) throw new Error(`no peer ${name}`);
    return new ToolPeer(judge, name.startsWith('K-'));
  };
  return [ours, ...PEER_NAMES.map(pick)];
}
