/** The benchmark's acceptance table (JUDGE-BENCHMARK.md, "Acceptance: ahead of every peer"), criterion by criterion. */
import { createSequentialJudge, type SequentialJudgeOptions } from '../../shared/judge/sequential';
import type { FinalDecision, Minute } from '../../shared/judge/types';
import { DEGRADED_LEVELS, type JudgeSummary } from './aggregate';
import { Rng } from './rng';
import type { FamilyName } from './simulate';

export interface Criterion {
  id: number;
  title: string;
  met: boolean | null;
  figures: string;
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(2)} %`;
const num = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : String(Math.round(v * 100) / 100);

const POWER_FLOOR: Record<string, number> = { 'x1.5': 0.4, x2: 0.55, x5: 0.8, x10: 0.9, abs: 0.7 };
const POWER_FLOOR_TOP: Record<string, number> = { 'x1.5': 0.85, x2: 0.97, x5: 1, x10: 1, abs: 1 };
const TTD_MEDIAN_CEILING: Partial<Record<FamilyName, number>> = { x2: 12, x5: 6, x10: 4 };

/** What the judge says when the candidate gets no traffic, or the metrics come back NaN. */
export function missingDataOutcomes(
  runs: number,
  judgeOptions: Partial<SequentialJudgeOptions> = {},
): Record<FinalDecision, number> {
  const counts: Record<FinalDecision, number> = { rollback: 0, promote: 0, inconclusive: 0 };
  const rng = new Rng(7);
  const judge = createSequentialJudge(judgeOptions);
  for (let run = 0; run < runs; run++) {
    const scenario = run % 3;
    const history: Minute[] = [];
    judge.init({ horizon: 60, warmup: 3, weight: 0.05, history, baselineRate: 0.01 });
    let decision: string = 'continue';
    for (let t = 0; t < 60 && decision === 'continue'; t++) {
      const nB = 20 + Math.floor(rng.uniform() * 10);
      const eB = rng.binomial(nB, 0.05);
      const minute: Minute =
        scenario === 0
          ? { t, nB, eB, nC: 0, eC: 0 } // no candidate traffic at all
          : scenario === 1
            ? { t, nB: Number.NaN, eB: Number.NaN, nC: Number.NaN, eC: Number.NaN } // metric API returned NaN
            : { t, nB: rng.uniform() < 0.5 ? 0 : nB, eB, nC: rng.uniform() < 0.5 ? 1 : 0, eC: Number.NaN }; // broken trickle
      decision = judge.step(minute);
    }
    const verdict: FinalDecision = decision === 'continue' ? judge.final() : (decision as FinalDecision);
    counts[verdict]++;
  }
  return counts;
}

export function checkAcceptance(
  summaries: readonly JudgeSummary[],
  options: {
    ours: string;
    deterministic: boolean | null;
    tiers: readonly string[];
    judgeOptions?: Partial<SequentialJudgeOptions>;
  },
): Criterion[] {
  const ours = summaries.find((s) => s.judge === options.ours);
  if (!ours) throw new Error(`no summary for ${options.ours}`);
  const peers = summaries.filter((s) => s.judge !== options.ours);
  const qualifying = peers.filter((p) => p.falseRollbacks.runs > 0 && p.falseRollbacks.rate <= 0.01);
  const calm = options.tiers.includes('N0') && options.tiers.includes('N1');
  const hasN1 = options.tiers.includes('N1');
  const criteria: Criterion[] = [];

  {
    const fr = ours.falseRollbacks;
    const n0 = ours.worstHealthyCell.N0 ?? 0;
    const n1 = ours.worstHealthyCell.N1 ?? 0;
    criteria.push({
      id: 1,
      title:
        'False rollbacks (N0+N1 pooled ≤ 1 %, Wilson hi ≤ 1.25 %; each N0 cell ≤ 1 %, each N1 cell ≤ 2.5 %)',
      met: calm ? fr.rate <= 0.01 && fr.ci95Hi <= 0.0125 && n0 <= 0.01 && n1 <= 0.025 : null,
      figures: `pooled ${pct(fr.rate)} [${pct(fr.ci95Lo)}, ${pct(fr.ci95Hi)}] over ${fr.runs} runs; worst N0 cell ${pct(n0)} (N̄/w/p0 ${ours.worstHealthyCellAt.N0 ?? 'n/a'}); worst N1 cell ${pct(n1)} (${ours.worstHealthyCellAt.N1 ?? 'n/a'})`,
    });
  }
  {
    const misses: string[] = [];
    const parts: string[] = [];
    for (const level of DEGRADED_LEVELS) {
      const mine = ours.power[level] ?? 0;
      const top = ours.powerAtTop[level] ?? 0;
      const bestPeer = Math.max(0, ...qualifying.map((p) => p.power[level] ?? 0));
      parts.push(`${level} ${pct(mine)} (N̄=10000 ${pct(top)}; best qualifying peer ${pct(bestPeer)})`);
      if (mine < (POWER_FLOOR[level] ?? 1)) misses.push(`${level} pooled`);
      if (top < (POWER_FLOOR_TOP[level] ?? 1)) misses.push(`${level} at N̄=10000`);
      if (mine < bestPeer + 0.1) misses.push(`${level} margin`);
    }
    criteria.push({
      id: 2,
      title:
        'Power over N1 (≥ 40/55/80/90/70 %; at N̄=10000 ≥ 85/97/100/100/100 %; ≥ 10 points above each qualifying peer)',
      met: hasN1 ? misses.length === 0 : null,
      figures: `${parts.join('; ')}${misses.length > 0 ? `. Misses: ${misses.join(', ')}` : ''}. Qualifying peers: ${qualifying.map((p) => p.judge).join(', ') || 'none'}`,
    });
  }
  {
    const parts: string[] = [];
    let met = true;
    for (const [level, ceiling] of Object.entries(TTD_MEDIAN_CEILING) as [FamilyName, number][]) {
      const median = ours.ttdMedian[level] ?? null;
      const p95 = ours.ttdP95[level] ?? null;
      parts.push(`${level} median ${num(median)} (≤ ${ceiling}), p95 ${num(p95)} (≤ 45)`);
      if (median === null || median > ceiling || p95 === null || p95 > 45) met = false;
    }
    criteria.push({
      id: 3,
      title: 'Time to roll back over N1 (median ≤ 12/6/4 min at x2/x5/x10; p95 ≤ 45)',
      met: hasN1 ? met : null,
      figures: `${parts.join('; ')} (minutes from the later of onset and end of warm-up, decision minute included)`,
    });
  }
  {
    const parts: string[] = [];
    let met = true;
    for (const level of DEGRADED_LEVELS) {
      const mine = ours.blastMedian[level] ?? 0;
      const best = Math.min(...qualifying.map((p) => p.blastMedian[level] ?? Number.POSITIVE_INFINITY));
      const factor = level === 'x5' || level === 'x10' ? 0.5 : 1;
      parts.push(`${level} ${num(mine)} vs best qualifying ${Number.isFinite(best) ? num(best) : 'n/a'}`);
      if (Number.isFinite(best) && mine > factor * best) met = false;
    }
    criteria.push({
      id: 4,
      title: 'Median blast radius over N1 ≤ best qualifying peer (≤ half at x5, x10)',
      met: hasN1 && qualifying.length > 0 ? met : null,
      figures: parts.join('; '),
    });
  }
  {
    const mid = ours.midBlipRollbacks;
    const warm = ours.warmupBlipRollbacks;
    criteria.push({
      id: 5,
      title: 'Blips (N0+N1): mid blips roll back ≤ 5 %; warm-up blips ≤ false-rollback rate + 0.5 points',
      met: calm ? mid <= 0.05 && warm <= ours.falseRollbacks.rate + 0.005 : null,
      figures: `mid ${pct(mid)}; warm-up ${pct(warm)} vs false rollbacks ${pct(ours.falseRollbacks.rate)}`,
    });
  }
  {
    const harsh = ours.harsh;
    const kayenta = peers.filter((p) => p.judge.startsWith('K-'));
    const parts: string[] = [];
    let met = harsh !== null && harsh.falseRollbacks <= 0.05;
    if (harsh) {
      for (const level of DEGRADED_LEVELS) {
        const best = Math.max(0, ...kayenta.map((k) => k.harsh?.power[level] ?? 0));
        const mine = harsh.power[level] ?? 0;
        parts.push(`${level} ${pct(mine)} vs Kayenta ${pct(best)}`);
        if (mine < best) met = false;
      }
    }
    criteria.push({
      id: 6,
      title: 'Harsh tier N2: false rollbacks ≤ 5 % with power ≥ Kayenta (stretch)',
      met: harsh ? met : null,
      figures: harsh ? `false rollbacks ${pct(harsh.falseRollbacks)}; ${parts.join('; ')}` : 'N2 not run',
    });
  }
  {
    const missing = missingDataOutcomes(300, options.judgeOptions);
    const lowBandNote = `healthy inconclusive ${pct(ours.healthyInconclusive)} (N0+N1)`;
    criteria.push({
      id: 7,
      title: 'Low traffic: never roll back on missing data; inconclusive rather than a guess',
      met: missing.rollback === 0 && missing.promote === 0,
      figures: `300 runs with no candidate traffic / NaN metrics / broken trickle: ${missing.rollback} rollbacks, ${missing.promote} promotions, ${missing.inconclusive} inconclusive; ${lowBandNote}`,
    });
  }
  criteria.push({
    id: 8,
    title: 'Deterministic: byte-identical output for the same seed',
    met: options.deterministic,
    figures:
      options.deterministic === null
        ? 'not checked in this run'
        : `a slice run twice (in process and in worker threads) gave ${options.deterministic ? 'identical' : 'DIFFERENT'} results`,
  });
  return criteria;
}
