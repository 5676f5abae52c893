import { describe, expect, it } from 'vitest';
import { buildRows, Results } from '../../../bench/judge/aggregate';
import { createJudges, type JudgeSelection, planTasks, TaskRunner } from '../../../bench/judge/engine';
import { ORACLES, oracleBounds } from '../../../bench/judge/oracle';
import { createPeers } from '../../../bench/judge/peers';
import { deriveSeed, Rng } from '../../../bench/judge/rng';
import { fingerprint } from '../../../bench/judge/run';
import { hodgesLehmann, mannWhitney, quantile, wilson } from '../../../bench/judge/stats';
import type { Judge, Minute } from '../../../shared/judge/types';

function smallGrid(seed: number): string {
  // One cell in seven of N0 and N1 at 1 % of the runs: every family, a few seconds.
  const tasks = planTasks(['N0', 'N1'], 0.01)
    .filter((_, i) => i % 7 === 0)
    .map((task, index) => ({ ...task, index }));
  const runner = new TaskRunner(seed);
  const results = tasks.map((task) => runner.run(task));
  return JSON.stringify(buildRows(new Results(tasks, results, runner.judgeNames), ['N0', 'N1']));
}

describe('judge benchmark', () => {
  it('gives byte-identical rows for the same seed, and different ones for another seed', () => {
    const first = smallGrid(42);
    expect(smallGrid(42)).toBe(first);
    expect(smallGrid(43)).not.toBe(first);
    expect(JSON.parse(first).length).toBeGreaterThan(50);
  });

  it('runs our judge alone, with options or without its history, when asked', () => {
    expect(createJudges().length).toBeGreaterThan(5);
    expect(createJudges({ oursOnly: true }).map((j) => j.name)).toEqual(['sequential']);
    const tasks = planTasks(['N1'], 0.02)
      .filter((task) => task.family === 'healthy')
      .map((task, index) => ({ ...task, index }));
    const outcomes = (selection: JudgeSelection) => {
      const runner = new TaskRunner(11, () => createJudges({ oursOnly: true, ...selection }));
      return fingerprint(tasks.map((task) => runner.run(task)));
    };
    const defaults = outcomes({});
    expect(outcomes({})).toBe(defaults);
    expect(outcomes({ withoutHistory: true })).not.toBe(defaults);
    expect(outcomes({ options: { minuteCap: 2 } })).not.toBe(defaults);
  });

  it('oracle bounds catch every 10× regression at high traffic and fewer 1.5× ones', () => {
    const power = oracleBounds({ seed: 7, runsScale: 0.01, alpha: 0.015 });
    for (const oracle of ORACLES) {
      const families = power[oracle];
      expect(families.x10?.['10000']).toBe(1);
      expect(families['x1.5']?.all).toBeLessThan(families.x10?.all ?? 0);
      for (const bands of Object.values(families)) {
        for (const value of Object.values(bands)) expect(value).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('derives independent, reproducible streams', () => {
    const a = new Rng(deriveSeed(1, 2, 3));
    const b = new Rng(deriveSeed(1, 2, 3));
    const c = new Rng(deriveSeed(1, 2, 4));
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('samples binomial, Poisson and gamma with the right means', () => {
    const rng = new Rng(9);
    const mean = (draw: () => number, n = 20000) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += draw();
      return sum / n;
    };
    expect(mean(() => rng.binomial(10000, 0.01))).toBeCloseTo(100, 0);
    expect(mean(() => rng.binomial(20, 0.3))).toBeCloseTo(6, 1);
    expect(mean(() => rng.poisson(3.5))).toBeCloseTo(3.5, 1);
    expect(mean(() => rng.poisson(1000)) / 1000).toBeCloseTo(1, 2);
    expect(mean(() => rng.gamma(50) / 50)).toBeCloseTo(1, 2);
    expect(mean(() => rng.beta(2, 1998)) * 1000).toBeCloseTo(1, 1);
  });

  it('computes Wilson intervals as by hand', () => {
    // (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.95996
    const five = wilson(5, 100);
    expect(five.lo).toBeCloseTo(0.0215437, 6);
    expect(five.hi).toBeCloseTo(0.1117505, 6);
    expect(wilson(0, 50).lo).toBeCloseTo(0, 9);
    expect(wilson(0, 50).hi).toBeCloseTo(0.0713476, 6);
    expect(wilson(10, 10).lo).toBeCloseTo(0.7224672, 6);
    expect(wilson(0, 0)).toEqual({ lo: 0, hi: 1 });
  });

  it('computes Mann–Whitney with tie and continuity correction as by hand', () => {
    // x = 1,2,3,4 vs y = 3,5,6: U = 1 (4 > 3) + ½ (3 = 3) = 1.5; one tie pair of size 2;
    // σ² = 4·3/12·(8 − 6/42) = 7.857143; z = (1.5 − 6 + 0.5)/σ = −1.427012; p = 0.153576.
    const result = mannWhitney([1, 2, 3, 4], [3, 5, 6]);
    expect(result.u).toBe(1.5);
    expect(result.sigma).toBeCloseTo(2.8030596, 6);
    expect(result.z).toBeCloseTo(-1.4270121, 6);
    expect(result.pValue).toBeCloseTo(0.1535764, 5);
  });

  it('computes the Hodges–Lehmann shift and its interval as by hand', () => {
    // Differences x − y sorted: −5 −4 −4 −3 −3 −2 −2 −2 −1 −1 0 1 → median −2. At 98 %,
    // c = ⌊6 − 2.3263·2.8031 − 0.5⌋ < 0 → the widest interval [D(1), D(12)] = [−5, 1].
    expect(hodgesLehmann([1, 2, 3, 4], [3, 5, 6], 0.98)).toEqual({ shift: -2, lower: -5, upper: 1 });
    // Two clearly separated samples at 80 %: c = ⌊50 − 1.2816·13.229 − 0.5⌋ = 32 → [D(33), D(68)].
    const x = Array.from({ length: 10 }, (_, i) => 10 + i);
    const y = Array.from({ length: 10 }, (_, i) => i);
    const estimate = hodgesLehmann(x, y, 0.8);
    expect(estimate.shift).toBe(10);
    const sorted = x.flatMap((xi) => y.map((yj) => xi - yj)).sort((a, b) => a - b);
    expect(estimate.lower).toBe(sorted[32]);
    expect(estimate.upper).toBe(sorted[67]);
    expect(quantile(Float64Array.from([1, 2, 3, 4]), 0.5)).toBe(2.5);
  });

  it('peers follow the tools: Argo counts a minute without candidate traffic as failed', () => {
    const argo = createPeers().find((p) => p.name === 'T-argo') as Judge;
    argo.init({ horizon: 60, warmup: 3, weight: 0.05, history: [], baselineRate: 0.001 });
    const empty: Minute = { t: 0, nB: 20, eB: 0, nC: 0, eC: 0 };
    const decisions = Array.from({ length: 7 }, (_, t) => argo.step({ ...empty, t }));
    // Three warm-up minutes, then failures 1–3 tolerated, the 4th rolls back.
    expect(decisions).toEqual([
      'continue',
      'continue',
      'continue',
      'continue',
      'continue',
      'continue',
      'rollback',
    ]);
  });

  it('Kayenta fails a clearly worse candidate and passes an equal one', () => {
    const make = () => createPeers().find((p) => p.name === 'K-final') as Judge;
    const rng = new Rng(5);
    for (const [ratio, expected] of [
      [3, 'rollback'],
      [1, 'promote'],
    ] as const) {
      const judge = make();
      judge.init({ horizon: 60, warmup: 3, weight: 0.5, history: [], baselineRate: 0.01 });
      for (let t = 0; t < 60; t++) {
        judge.step({
          t,
          nB: 1000,
          eB: rng.binomial(1000, 0.02),
          nC: 1000,
          eC: rng.binomial(1000, 0.02 * ratio),
        });
      }
      expect(judge.final()).toBe(expected);
    }
  });
});
