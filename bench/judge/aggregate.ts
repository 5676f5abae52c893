/** Turns per-run outcomes into the benchmark's rows and per-judge summaries (JUDGE-BENCHMARK.md, "Measures"). */
import {
  cellOf,
  OUTCOME_INCONCLUSIVE,
  OUTCOME_PROMOTE,
  OUTCOME_ROLLBACK,
  type Task,
  type TaskResult,
} from './engine';
import {
  FAMILIES,
  type FamilyName,
  HORIZON,
  lastingExcessRate,
  type TierName,
  TRAFFIC_LEVELS,
  WARMUP,
} from './simulate';
import { quantile, wilson } from './stats';

export interface Row {
  judge: string;
  tier: TierName;
  family: FamilyName;
  band: number;
  runs: number;
  rollbackRate: number;
  ci95Lo: number;
  ci95Hi: number;
  ttdMedian: number | null;
  ttdP95: number | null;
  promoteMedian: number | null;
  blastMedian: number;
  blastP95: number;
  escapedMean: number;
  inconclusiveRate: number;
}

/** A pooled view of some runs of one judge: what the acceptance criteria and summaries need. */
export interface Pool {
  runs: number;
  rollbacks: number;
  promotes: number;
  inconclusive: number;
  /** Minutes to roll back, per rollback. */
  ttd: number[];
  /** Minutes to promote (after warm-up), per promotion. */
  ttp: number[];
  blast: number[];
  escaped: number;
}

function emptyPool(): Pool {
  return { runs: 0, rollbacks: 0, promotes: 0, inconclusive: 0, ttd: [], ttp: [], blast: [], escaped: 0 };
}

/** Minutes from the later of onset and end of warm-up to the decision (the decision minute counts). */
export function minutesToDecide(minute: number, onset: number): number {
  const decidedAt = Math.min(minute, HORIZON - 1);
  return decidedAt + 1 - Math.max(onset, WARMUP);
}

export class Results {
  constructor(
    readonly tasks: readonly Task[],
    readonly results: readonly TaskResult[],
    readonly judges: readonly string[],
  ) {}

  /** Pools one judge's runs over the tasks the filter accepts. */
  pool(judge: string, accept: (task: Task) => boolean): Pool {
    const j = this.judges.indexOf(judge);
    const pool = emptyPool();
    for (const task of this.tasks) {
      if (!accept(task)) continue;
      const result = this.results[task.index];
      if (!result) continue;
      const family = FAMILIES.find((f) => f.name === task.family);
      const onset = family?.onset ?? 0;
      const degraded = family?.truth === 'rollback';
      const escapedPerPromotion = degraded
        ? 60 * cellOf(task).traffic * lastingExcessRate(task.family, cellOf(task))
        : 0;
      for (let run = 0; run < task.runs; run++) {
        const slot = j * task.runs + run;
        const code = result.outcome[slot];
        const minute = result.minute[slot] as number;
        pool.runs++;
        pool.blast.push(result.blast[slot] as number);
        if (code === OUTCOME_ROLLBACK) {
          pool.rollbacks++;
          pool.ttd.push(minutesToDecide(minute, onset));
        } else if (code === OUTCOME_PROMOTE) {
          pool.promotes++;
          pool.ttp.push(minutesToDecide(minute, 0));
          pool.escaped += escapedPerPromotion;
        } else if (code === OUTCOME_INCONCLUSIVE) {
          pool.inconclusive++;
        }
      }
    }
    return pool;
  }
}

const sortNumbers = (values: number[]) => Float64Array.from(values).sort();

/** Rounds for stable, readable output (results are deterministic anyway). */
export function round(value: number, digits = 6): number {
  if (!Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

function orNull(value: number): number | null {
  return Number.isFinite(value) ? round(value) : null;
}

export function poolFigures(pool: Pool) {
  const ci = wilson(pool.rollbacks, pool.runs);
  const ttd = sortNumbers(pool.ttd);
  const ttp = sortNumbers(pool.ttp);
  const blast = sortNumbers(pool.blast);
  return {
    runs: pool.runs,
    rollbackRate: round(pool.runs > 0 ? pool.rollbacks / pool.runs : 0),
    ci95Lo: round(ci.lo),
    ci95Hi: round(ci.hi),
    ttdMedian: orNull(quantile(ttd, 0.5)),
    ttdP95: orNull(quantile(ttd, 0.95)),
    promoteMedian: orNull(quantile(ttp, 0.5)),
    blastMedian: round(blast.length > 0 ? quantile(blast, 0.5) : 0),
    blastP95: round(blast.length > 0 ? quantile(blast, 0.95) : 0),
    escapedMean: round(pool.runs > 0 ? pool.escaped / pool.runs : 0),
    inconclusiveRate: round(pool.runs > 0 ? pool.inconclusive / pool.runs : 0),
  };
}

/** One row per judge × tier × family × traffic band, in a fixed order. */
export function buildRows(results: Results, tiers: readonly TierName[]): Row[] {
  const rows: Row[] = [];
  for (const judge of results.judges) {
    for (const tier of tiers) {
      for (const family of FAMILIES) {
        for (const band of TRAFFIC_LEVELS) {
          const pool = results.pool(
            judge,
            (t) => t.tier === tier && t.family === family.name && cellOf(t).traffic === band,
          );
          if (pool.runs === 0) continue;
          rows.push({ judge, tier, family: family.name, band, ...poolFigures(pool) });
        }
      }
    }
  }
  return rows;
}

export const DEGRADED_LEVELS: readonly FamilyName[] = ['x1.5', 'x2', 'x5', 'x10', 'abs'];

export interface JudgeSummary {
  judge: string;
  /** Healthy runs pooled over N0 + N1. */
  falseRollbacks: { rate: number; ci95Lo: number; ci95Hi: number; runs: number };
  worstHealthyCell: Partial<Record<TierName, number>>;
  /** Which cell that is: N̄/w/p0. */
  worstHealthyCellAt: Partial<Record<TierName, string>>;
  /** Pooled over N1 per level (and late). */
  power: Partial<Record<FamilyName, number>>;
  powerAtTop: Partial<Record<FamilyName, number>>;
  ttdMedian: Partial<Record<FamilyName, number | null>>;
  ttdP95: Partial<Record<FamilyName, number | null>>;
  blastMedian: Partial<Record<FamilyName, number>>;
  midBlipRollbacks: number;
  warmupBlipRollbacks: number;
  healthyInconclusive: number;
  healthyPromoteMedian: number | null;
  harsh: { falseRollbacks: number; power: Partial<Record<FamilyName, number>> } | null;
}

export function summarize(results: Results, tiers: readonly TierName[]): JudgeSummary[] {
  const has = (tier: TierName) => tiers.includes(tier);
  const calm = (t: Task) => (t.tier === 'N0' && has('N0')) || (t.tier === 'N1' && has('N1'));
  return results.judges.map((judge) => {
    const healthy = results.pool(judge, (t) => calm(t) && t.family === 'healthy');
    const ci = wilson(healthy.rollbacks, healthy.runs);
    const worstHealthyCell: Partial<Record<TierName, number>> = {};
    const worstHealthyCellAt: Partial<Record<TierName, string>> = {};
    for (const tier of tiers) {
      let worst = 0;
      let at = '';
      for (const task of results.tasks) {
        if (task.tier !== tier || task.family !== 'healthy') continue;
        const pool = results.pool(judge, (t) => t.index === task.index);
        const rate = pool.runs > 0 ? pool.rollbacks / pool.runs : 0;
        if (rate > worst || at === '') {
          worst = Math.max(worst, rate);
          const cell = cellOf(task);
          at = `${cell.traffic}/${cell.weight}/${cell.baseRate}`;
        }
      }
      worstHealthyCell[tier] = round(worst);
      worstHealthyCellAt[tier] = at;
    }
    const power: Partial<Record<FamilyName, number>> = {};
    const powerAtTop: Partial<Record<FamilyName, number>> = {};
    const ttdMedian: Partial<Record<FamilyName, number | null>> = {};
    const ttdP95: Partial<Record<FamilyName, number | null>> = {};
    const blastMedian: Partial<Record<FamilyName, number>> = {};
    for (const family of [...DEGRADED_LEVELS, 'late' as const]) {
      const pool = results.pool(judge, (t) => t.tier === 'N1' && t.family === family);
      const figures = poolFigures(pool);
      power[family] = figures.rollbackRate;
      ttdMedian[family] = figures.ttdMedian;
      ttdP95[family] = figures.ttdP95;
      blastMedian[family] = figures.blastMedian;
      const top = results.pool(
        judge,
        (t) => t.tier === 'N1' && t.family === family && cellOf(t).traffic === 10000,
      );
      powerAtTop[family] = poolFigures(top).rollbackRate;
    }
    const mid = results.pool(judge, (t) => calm(t) && t.family === 'mid-blip');
    const warm = results.pool(judge, (t) => calm(t) && t.family === 'warmup-blip');
    let harsh: JudgeSummary['harsh'] = null;
    if (has('N2')) {
      const harshHealthy = results.pool(judge, (t) => t.tier === 'N2' && t.family === 'healthy');
      const harshPower: Partial<Record<FamilyName, number>> = {};
      for (const family of DEGRADED_LEVELS) {
        harshPower[family] = poolFigures(
          results.pool(judge, (t) => t.tier === 'N2' && t.family === family),
        ).rollbackRate;
      }
      harsh = { falseRollbacks: poolFigures(harshHealthy).rollbackRate, power: harshPower };
    }
    const healthyFigures = poolFigures(healthy);
    return {
      judge,
      falseRollbacks: {
        rate: healthyFigures.rollbackRate,
        ci95Lo: round(ci.lo),
        ci95Hi: round(ci.hi),
        runs: healthy.runs,
      },
      worstHealthyCell,
      worstHealthyCellAt,
      power,
      powerAtTop,
      ttdMedian,
      ttdP95,
      blastMedian,
      midBlipRollbacks: poolFigures(mid).rollbackRate,
      warmupBlipRollbacks: poolFigures(warm).rollbackRate,
      healthyInconclusive: healthyFigures.inconclusiveRate,
      healthyPromoteMedian: healthyFigures.promoteMedian,
      harsh,
    };
  });
}
