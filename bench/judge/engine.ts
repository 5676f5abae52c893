/**
 * Runs one task (tier × family × cell, all its runs) through every judge on common random numbers.
 * Pure and deterministic: the same task and master seed give the same typed arrays anywhere.
 */
import { createSequentialJudge, type SequentialJudgeOptions } from '../../shared/judge/sequential';
import type { Judge, JudgeContext, Minute } from '../../shared/judge/types';
import { createPeers } from './peers';
import { deriveSeed } from './rng';
import {
  type Cell,
  cellsFor,
  FAMILIES,
  type FamilyName,
  HISTORY,
  HORIZON,
  RunData,
  Simulator,
  TIERS,
  type TierName,
  WARMUP,
} from './simulate';

export const OUTCOME_ROLLBACK = 0;
export const OUTCOME_PROMOTE = 1;
export const OUTCOME_INCONCLUSIVE = 2;

export interface Task {
  index: number;
  tier: TierName;
  family: FamilyName;
  cellIndex: number;
  runs: number;
}

export interface TaskResult {
  index: number;
  judges: string[];
  /** [judge·runs + run] outcome code. */
  outcome: Uint8Array<ArrayBuffer>;
  /** Rollout minute of the decision (t), HORIZON for a verdict given only at the end. */
  minute: Int16Array<ArrayBuffer>;
  blast: Float64Array<ArrayBuffer>;
}

/** Which judges a run compares, and how ours is set up (for tuning and production-mode runs). */
export interface JudgeSelection {
  /** Our judge alone, without the peers (a quick look at a change; the acceptance table then has no peers). */
  oursOnly?: boolean;
  /** Options for our judge, over its defaults. */
  options?: Partial<SequentialJudgeOptions>;
  /** Our judge without the A/A history, as error-rate-gate runs it. */
  withoutHistory?: boolean;
}

export function createJudges(selection: JudgeSelection = {}): Judge[] {
  const ours = createSequentialJudge(selection.options);
  if (selection.withoutHistory) {
    const init = ours.init.bind(ours);
    ours.init = (ctx) => init({ ...ctx, history: [] });
  }
  return selection.oursOnly ? [ours] : [ours, ...createPeers()];
}

/** Every task of the grid for the chosen tiers, in a fixed order. */
export function planTasks(tiers: readonly TierName[], runsScale: number): Task[] {
  const tasks: Task[] = [];
  for (const tier of tiers) {
    for (const family of FAMILIES) {
      const runs = Math.max(1, Math.round(family.runs * runsScale));
      const cells = cellsFor(family.name);
      for (let cellIndex = 0; cellIndex < cells.length; cellIndex++) {
        tasks.push({ index: tasks.length, tier, family: family.name, cellIndex, runs });
      }
    }
  }
  return tasks;
}

export function cellOf(task: Pick<Task, 'family' | 'cellIndex'>): Cell {
  const cell = cellsFor(task.family)[task.cellIndex];
  if (!cell) throw new Error(`no cell ${task.cellIndex} for ${task.family}`);
  return cell;
}

/** Reusable per-thread runner: judges, simulator, minute objects, all allocated once. */
export class TaskRunner {
  private readonly simulator = new Simulator();
  private readonly data = new RunData();
  private readonly judges: Judge[];
  private readonly history: Minute[] = Array.from({ length: HISTORY }, (_, t) => ({
    t: t - HISTORY,
    nB: 0,
    eB: 0,
    nC: 0,
    eC: 0,
  }));
  private readonly minute: Minute = { t: 0, nB: 0, eB: 0, nC: 0, eC: 0 };

  constructor(
    private readonly masterSeed: number,
    makeJudges: () => Judge[] = createJudges,
  ) {
    this.judges = makeJudges();
  }

  get judgeNames(): string[] {
    return this.judges.map((j) => j.name);
  }

  run(task: Task): TaskResult {
    const tier = TIERS.find((t) => t.name === task.tier);
    if (!tier) throw new Error(`unknown tier ${task.tier}`);
    const cell = cellOf(task);
    const tierIndex = TIERS.indexOf(tier);
    const familyIndex = FAMILIES.findIndex((f) => f.name === task.family);
    const judgeCount = this.judges.length;
    const outcome = new Uint8Array(judgeCount * task.runs);
    const minuteOut = new Int16Array(judgeCount * task.runs);
    const blast = new Float64Array(judgeCount * task.runs);
    const data = this.data;
    for (let run = 0; run < task.runs; run++) {
      const seed = deriveSeed(this.masterSeed, tierIndex, familyIndex, task.cellIndex, run);
      this.simulator.run(tier, task.family, cell, seed, data);
      let historyErrors = 0;
      let historyRequests = 0;
      for (let i = 0; i < HISTORY; i++) {
        const h = this.history[i] as Minute;
        h.nB = data.nB[i] as number;
        h.eB = data.eB[i] as number;
        h.nC = data.nC[i] as number;
        h.eC = data.eC[i] as number;
        historyErrors += h.eB;
        historyRequests += h.nB;
      }
      const ctx: JudgeContext = {
        horizon: HORIZON,
        warmup: WARMUP,
        weight: cell.weight,
        history: this.history,
        baselineRate: historyRequests > 0 ? historyErrors / historyRequests : 0,
      };
      for (let j = 0; j < judgeCount; j++) {
        const judge = this.judges[j] as Judge;
        judge.init(ctx);
        let decidedAt = HORIZON;
        let code = OUTCOME_INCONCLUSIVE;
        for (let t = 0; t < HORIZON; t++) {
          const i = HISTORY + t;
          const m = this.minute;
          m.t = t;
          m.nB = data.nB[i] as number;
          m.eB = data.eB[i] as number;
          m.nC = data.nC[i] as number;
          m.eC = data.eC[i] as number;
          const decision = judge.step(m);
          if (decision !== 'continue') {
            decidedAt = t;
            code = decision === 'rollback' ? OUTCOME_ROLLBACK : OUTCOME_PROMOTE;
            break;
          }
        }
        if (decidedAt === HORIZON) {
          const verdict = judge.final();
          code =
            verdict === 'rollback'
              ? OUTCOME_ROLLBACK
              : verdict === 'promote'
                ? OUTCOME_PROMOTE
                : OUTCOME_INCONCLUSIVE;
        }
        const slot = j * task.runs + run;
        outcome[slot] = code;
        minuteOut[slot] = decidedAt;
        blast[slot] = data.blastThrough[Math.min(decidedAt, HORIZON - 1)] as number;
      }
    }
    return { index: task.index, judges: this.judgeNames, outcome, minute: minuteOut, blast };
  }
}
