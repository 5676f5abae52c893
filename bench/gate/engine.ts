/**
 * One task of the gate benchmark (tier × scope × N̄ × p0 × w × bake × family, all its runs) through
 * error-rate-gate's decision code and the peers, on the judge benchmark's simulator. Pure and
 * deterministic: the same task and master seed give the same typed arrays in any thread.
 */
import { maxBakeMinutes } from '../../shared/gate/config';
import type { Verdict } from '../../shared/gate/types';
import { deriveSeed } from '../judge/rng';
import { type FamilyName, RunData, type RunShape, Simulator, TIERS, type TierName } from '../judge/simulate';
import { createStepJudges, type Observed, type StepJudge } from './peers';

export const SCOPES = ['step', 'pipeline'] as const;
export type Scope = (typeof SCOPES)[number];
export const NBARS = [20, 100, 1000, 10000] as const;
export const BASE_RATES = [0.001, 0.005, 0.01, 0.05] as const;
export const STEP_WEIGHTS = [0.1, 0.5] as const;
/** The README pipeline: 10 % → 50 % → 100 %, a gate after the 10 % and the 50 % shifts. */
export const PIPELINE_WEIGHTS = [0.1, 0.5] as const;
export const BAKES = [5, 10, 30] as const;

export type MissingFamily = 'no-traffic' | 'nan' | 'trickle' | 'api-down';
export type GateFamily = 'healthy' | 'x1.5' | 'x2' | 'x5' | 'x10' | 'abs' | MissingFamily;
export const GATE_FAMILIES: readonly { name: GateFamily; runs: number; truth: 'promote' | 'stop' }[] = [
  { name: 'healthy', runs: 1000, truth: 'promote' },
  { name: 'x1.5', runs: 300, truth: 'stop' },
  { name: 'x2', runs: 300, truth: 'stop' },
  { name: 'x5', runs: 300, truth: 'stop' },
  { name: 'x10', runs: 300, truth: 'stop' },
  { name: 'abs', runs: 300, truth: 'stop' },
  { name: 'no-traffic', runs: 300, truth: 'stop' },
  { name: 'nan', runs: 300, truth: 'stop' },
  { name: 'trickle', runs: 300, truth: 'stop' },
  { name: 'api-down', runs: 300, truth: 'stop' },
];
export const MISSING: readonly GateFamily[] = ['no-traffic', 'nan', 'trickle', 'api-down'];

export interface GateTask {
  index: number;
  tier: TierName;
  scope: Scope;
  nbar: number;
  p0: number;
  /** The candidate's share in scope `step`; null in `pipeline` (10 % then 50 %). */
  w: number | null;
  bake: number;
  family: GateFamily;
  runs: number;
}

export const VERDICT_CODE: Record<Verdict, number> = { fail: 0, pass: 1, inconclusive: 2 };

export interface GateTaskResult {
  index: number;
  judges: string[];
  /** [judge·runs + run]: the run's outcome (VERDICT_CODE; pipeline: pass = reached 100 %). */
  outcome: Uint8Array<ArrayBuffer>;
  /** Minutes from the first shift to the decision that ended the run. */
  minutes: Int16Array<ArrayBuffer>;
  /** Minutes the bake was extended, over all steps. */
  extended: Int16Array<ArrayBuffer>;
  /** Excess bad requests users saw before the decision. */
  blast: Float64Array<ArrayBuffer>;
  /** Pipeline only: which step stopped the run (0: none, 1 or 2); step scope: 0. */
  stoppedAt: Uint8Array<ArrayBuffer>;
  /** Pipeline only: verdict code of step 1 (healthy steps' verdicts count both steps). */
  firstStep: Uint8Array<ArrayBuffer>;
}

export function planTasks(tiers: readonly TierName[], runsScale: number): GateTask[] {
  const tasks: GateTask[] = [];
  for (const tier of tiers)
    for (const scope of SCOPES)
      for (const nbar of NBARS)
        for (const p0 of BASE_RATES)
          for (const w of scope === 'step' ? STEP_WEIGHTS : [null])
            for (const bake of BAKES)
              for (const family of GATE_FAMILIES) {
                const runs = Math.max(1, Math.round(family.runs * runsScale));
                tasks.push({
                  index: tasks.length,
                  tier,
                  scope,
                  nbar,
                  p0,
                  w,
                  bake,
                  family: family.name,
                  runs,
                });
              }
  return tasks;
}

/** The simulator's family for a gate family: missing-data runs are healthy services. */
function simFamily(family: GateFamily): FamilyName {
  return (MISSING as readonly string[]).includes(family) ? 'healthy' : (family as FamilyName);
}

export class GateTaskRunner {
  private readonly simulator = new Simulator();
  private readonly judges: StepJudge[];
  /** The run at its first split throughout, and (pipeline) the same run after the switch. */
  private data: RunData = new RunData(0, 1);
  private switched: RunData = new RunData(0, 1);
  private readonly observed: Observed = { nC: 0, eC: 0, nB: 0, eB: 0, down: false };

  constructor(
    private readonly masterSeed: number,
    oursOnly = false,
  ) {
    this.judges = createStepJudges(oursOnly);
  }

  get judgeNames(): string[] {
    return this.judges.map((j) => j.name);
  }

  run(task: GateTask): GateTaskResult {
    const tier = TIERS.find((t) => t.name === task.tier);
    if (!tier) throw new Error(`unknown tier ${task.tier}`);
    const steps = task.scope === 'pipeline' ? PIPELINE_WEIGHTS.length : 1;
    const length = steps * maxBakeMinutes(task.bake);
    if (this.data.blastThrough.length !== length) {
      this.data = new RunData(0, length);
      this.switched = new RunData(0, length);
    }
    const n = this.judges.length * task.runs;
    const result: GateTaskResult = {
      index: task.index,
      judges: this.judgeNames,
      outcome: new Uint8Array(n),
      minutes: new Int16Array(n),
      extended: new Int16Array(n),
      blast: new Float64Array(n),
      stoppedAt: new Uint8Array(n),
      firstStep: new Uint8Array(n),
    };
    const familyIndex = GATE_FAMILIES.findIndex((f) => f.name === task.family);
    const cell = { traffic: task.nbar, weight: task.w ?? PIPELINE_WEIGHTS[0], baseRate: task.p0 };
    const family = simFamily(task.family);
    for (let run = 0; run < task.runs; run++) {
      // Same service for every bake, scope and split of a (tier, family, N̄, p0) run: common random numbers.
      const seed = deriveSeed(
        this.masterSeed,
        TIERS.indexOf(tier),
        familyIndex,
        NBARS.indexOf(task.nbar as (typeof NBARS)[number]),
        BASE_RATES.indexOf(task.p0 as (typeof BASE_RATES)[number]),
        run,
      );
      this.simulator.run(tier, family, cell, seed, this.data, { history: 0, minutes: length });
      for (let j = 0; j < this.judges.length; j++) {
        const judge = this.judges[j] as StepJudge;
        let clock = 0;
        let extended = 0;
        let verdict: Verdict = 'pass';
        let stoppedAt = 0;
        let first: Verdict = 'pass';
        let data = this.data;
        for (let s = 0; s < steps; s++) {
          if (s > 0) {
            // Step s starts where step s−1 ended, on one clock: the same service, its split
            // changed from that minute on (identical minutes before it: same seed, same draws).
            const switchAt = clock;
            const weight = PIPELINE_WEIGHTS[s] as number;
            const shape: RunShape = {
              history: 0,
              minutes: length,
              weightAt: (t) => (t < switchAt ? cell.weight : weight),
            };
            this.simulator.run(tier, family, cell, seed, this.switched, shape);
            data = this.switched;
          }
          const outcome = this.runStep(judge, task, data, clock);
          clock = outcome.end;
          extended += judge.extended;
          if (s === 0) first = outcome.verdict;
          if (outcome.verdict !== 'pass') {
            verdict = outcome.verdict;
            stoppedAt = s + 1;
            break;
          }
        }
        const slot = j * task.runs + run;
        result.outcome[slot] = VERDICT_CODE[verdict];
        result.minutes[slot] = clock;
        result.extended[slot] = extended;
        result.blast[slot] = clock > 0 ? (data.blastThrough[clock - 1] as number) : 0;
        result.stoppedAt[slot] = stoppedAt;
        result.firstStep[slot] = VERDICT_CODE[first];
      }
    }
    return result;
  }

  /** One gate from minute `from`: its verdict and the minute after its decision. */
  private runStep(
    judge: StepJudge,
    task: GateTask,
    data: RunData,
    from: number,
  ): { verdict: Verdict; end: number } {
    judge.start(task.bake, task.p0);
    const m = this.observed;
    const last = data.blastThrough.length;
    for (let t = from; t < last; t++) {
      m.nC = data.nC[t] as number;
      m.eC = data.eC[t] as number;
      m.nB = data.nB[t] as number;
      m.eB = data.eB[t] as number;
      m.down = false;
      switch (task.family) {
        case 'no-traffic':
          // The candidate serves nothing: its requests went to the baseline.
          m.nB += m.nC;
          m.eB += m.eC;
          m.nC = 0;
          m.eC = 0;
          break;
        case 'nan':
          m.nC = Number.NaN;
          m.eC = Number.NaN;
          break;
        case 'trickle':
          // One request every five minutes reaches the candidate.
          m.nC = (t - from) % 5 === 0 ? 1 : 0;
          m.eC = 0;
          break;
        case 'api-down':
          m.down = true;
          break;
        default:
          break;
      }
      const verdict = judge.observe(m);
      if (verdict) return { verdict, end: t + 1 };
    }
    throw new Error(`${judge.name} did not decide within ${last - from} minutes`);
  }
}
