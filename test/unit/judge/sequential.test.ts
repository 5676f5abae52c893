import { describe, expect, it } from 'vitest';
import { Rng } from '../../../bench/judge/rng';
import {
  createSequentialJudge,
  DEFAULT_SEQUENTIAL_OPTIONS,
  explainDecision,
  stageAlphas,
} from '../../../shared/judge/sequential';
import type { FinalDecision, Judge, Minute } from '../../../shared/judge/types';

interface Scenario {
  traffic: number;
  weight: number;
  rate: number;
  ratio: number;
  minutes: number;
}

/** Feeds binomial minutes to a judge until it decides; returns the verdict and the minute. */
function runJudge(
  judge: Judge,
  rng: Rng,
  s: Scenario,
  history: Minute[] = [],
): { verdict: FinalDecision; at: number } {
  judge.init({ horizon: s.minutes, warmup: 3, weight: s.weight, history, baselineRate: s.rate });
  for (let t = 0; t < s.minutes; t++) {
    const n = rng.poisson(s.traffic);
    const nC = rng.binomial(n, s.weight);
    const nB = n - nC;
    const decision = judge.step({
      t,
      nB,
      eB: rng.binomial(nB, s.rate),
      nC,
      eC: rng.binomial(nC, s.rate * s.ratio),
    });
    if (decision !== 'continue') return { verdict: decision, at: t };
  }
  return { verdict: judge.final(), at: s.minutes };
}

function healthyHistory(rng: Rng, s: Scenario): Minute[] {
  return Array.from({ length: 60 }, (_, i) => {
    const n = rng.poisson(s.traffic);
    const nC = rng.binomial(n, s.weight);
    return { t: i - 60, nB: n - nC, eB: rng.binomial(n - nC, s.rate), nC, eC: rng.binomial(nC, s.rate) };
  });
}

describe('sequential judge', () => {
  it('keeps the alarm e-process below 1/α on long healthy runs (Ville), measured over seeded runs', () => {
    const alpha = 0.05;
    const runs = 400;
    const s: Scenario = { traffic: 1000, weight: 0.25, rate: 0.01, ratio: 1, minutes: 200 };
    let alarms = 0;
    let rollbacks = 0;
    for (let run = 0; run < runs; run++) {
      const rng = new Rng(1000 + run);
      // An alarm alone: confirmation at an unreachable level, promotion never.
      const judge = createSequentialJudge({ alarmAlpha: alpha, confirmAlpha: 1e-12, promoteAlpha: 1e-12 });
      judge.init({
        horizon: s.minutes,
        warmup: 3,
        weight: s.weight,
        history: healthyHistory(rng, s),
        baselineRate: s.rate,
      });
      let alarmed = false;
      for (let t = 0; t < s.minutes; t++) {
        const n = rng.poisson(s.traffic);
        const nC = rng.binomial(n, s.weight);
        judge.step({ t, nB: n - nC, eB: rng.binomial(n - nC, s.rate), nC, eC: rng.binomial(nC, s.rate) });
        if (judge.evidence?.().stage === 'confirm') alarmed = true;
      }
      if (alarmed) alarms++;
      const full = runJudge(createSequentialJudge(), new Rng(5000 + run), { ...s, minutes: 60 });
      if (full.verdict === 'rollback') rollbacks++;
    }
    // Ville: P(ever ≥ 1/α) ≤ α. Allow three binomial standard errors of sampling noise.
    const slack = 3 * Math.sqrt((alpha * (1 - alpha)) / runs);
    expect(alarms / runs).toBeLessThanOrEqual(alpha + slack);
    // The default two-stage judge on an hour of healthy data: at most 1 % false rollbacks (+ noise).
    expect(rollbacks / runs).toBeLessThanOrEqual(0.01 + 3 * Math.sqrt((0.01 * 0.99) / runs));
  });

  it('catches a 5× regression within minutes, with or without history', () => {
    const s: Scenario = { traffic: 1000, weight: 0.25, rate: 0.01, ratio: 5, minutes: 60 };
    for (let run = 0; run < 20; run++) {
      const rng = new Rng(77 + run);
      const withHistory = runJudge(createSequentialJudge(), rng, s, healthyHistory(rng, s));
      const without = runJudge(createSequentialJudge(), rng, s);
      expect(withHistory.verdict).toBe('rollback');
      expect(without.verdict).toBe('rollback');
      expect(withHistory.at).toBeLessThanOrEqual(12);
    }
  });

  it('explains a rollback with the evidence that crossed its threshold, and says which test decided', () => {
    const judge = createSequentialJudge();
    const s: Scenario = { traffic: 2000, weight: 0.25, rate: 0.01, ratio: 5, minutes: 60 };
    expect(runJudge(judge, new Rng(8), s).verdict).toBe('rollback');
    const evidence = judge.evidence?.();
    expect(evidence?.decidedBy).toBe('sequential');
    expect(evidence?.rollback).toBeGreaterThanOrEqual(
      evidence?.rollbackThreshold ?? Number.POSITIVE_INFINITY,
    );
    expect(evidence?.rollbackThreshold).toBe(100);

    // A small steady regression on a quiet service: only the end-of-window test can see it.
    const quiet = createSequentialJudge();
    const endOfWindow = runJudge(quiet, new Rng(11), {
      traffic: 400,
      weight: 0.5,
      rate: 0.02,
      ratio: 1.5,
      minutes: 60,
    });
    expect(endOfWindow).toEqual({ verdict: 'rollback', at: 60 });
    expect(quiet.evidence?.().decidedBy).toBe('end-of-window');
    expect(
      explainDecision(
        quiet.evidence?.() ?? {
          rollback: 0,
          promote: 0,
          rollbackThreshold: 1,
          promoteThreshold: 1,
          stage: '',
        },
        'rollback',
      ),
    ).toMatch(/whole window/);
  });

  it('promotes a healthy candidate with plenty of traffic and says why', () => {
    const judge = createSequentialJudge();
    const result = runJudge(judge, new Rng(3), {
      traffic: 5000,
      weight: 0.5,
      rate: 0.02,
      ratio: 1,
      minutes: 60,
    });
    expect(result.verdict).toBe('promote');
    const evidence = judge.evidence?.();
    expect(evidence?.stage).toBe('promote');
    expect(evidence?.promote).toBeGreaterThanOrEqual(evidence?.promoteThreshold ?? Number.POSITIVE_INFINITY);
    expect(
      explainDecision(
        evidence ?? { rollback: 0, promote: 0, rollbackThreshold: 1, promoteThreshold: 1, stage: '' },
        'promote',
      ),
    ).toMatch(/not meaningfully worse/);
  });

  it('ends inconclusive, never promote, on empty or zero-traffic minutes', () => {
    const judge = createSequentialJudge();
    judge.init({ horizon: 30, warmup: 3, weight: 0.1, history: [], baselineRate: 0 });
    for (let t = 0; t < 30; t++) expect(judge.step({ t, nB: 0, eB: 0, nC: 0, eC: 0 })).toBe('continue');
    expect(judge.final()).toBe('inconclusive');

    judge.init({ horizon: 30, warmup: 3, weight: 0.1, history: [], baselineRate: 0.01 });
    for (let t = 0; t < 30; t++) judge.step({ t, nB: 500, eB: 5, nC: 0, eC: 0 });
    expect(judge.final()).toBe('inconclusive');

    // Traffic but no errors anywhere: nothing to compare, so no pass either.
    judge.init({ horizon: 30, warmup: 3, weight: 0.1, history: [], baselineRate: 0 });
    for (let t = 0; t < 30; t++) judge.step({ t, nB: 900, eB: 0, nC: 100, eC: 0 });
    expect(judge.final()).toBe('inconclusive');
  });

  it('never promotes on NaN, negative or impossible counts', () => {
    const bad: Minute[] = [
      { t: 0, nB: Number.NaN, eB: 1, nC: 100, eC: 0 },
      { t: 0, nB: 100, eB: Number.NaN, nC: 100, eC: 0 },
      { t: 0, nB: 100, eB: 1, nC: Number.POSITIVE_INFINITY, eC: 0 },
      { t: 0, nB: 100, eB: 1, nC: 100, eC: -1 },
      { t: 0, nB: 100, eB: 1, nC: 10, eC: 20 },
    ];
    for (const minute of bad) {
      const judge = createSequentialJudge();
      judge.init({ horizon: 60, warmup: 3, weight: 0.5, history: [], baselineRate: 0.01 });
      for (let t = 0; t < 60; t++) expect(judge.step({ ...minute, t })).toBe('continue');
      expect(judge.final()).toBe('inconclusive');
    }
  });

  it('takes ρ from each minute, whatever the split, and ignores the warm-up', () => {
    const judge = createSequentialJudge();
    judge.init({ horizon: 60, warmup: 3, weight: 0.05, history: [], baselineRate: 0.01 });
    // A terrible warm-up is not judged.
    for (let t = 0; t < 3; t++) expect(judge.step({ t, nB: 900, eB: 9, nC: 100, eC: 100 })).toBe('continue');
    const rng = new Rng(11);
    let verdict: string = 'continue';
    for (let t = 3; t < 60 && verdict === 'continue'; t++) {
      const nC = [50, 500, 2500][t % 3] as number; // the split changes every minute
      const nB = 5000 - nC;
      verdict = judge.step({ t, nB, eB: rng.binomial(nB, 0.01), nC, eC: rng.binomial(nC, 0.01) });
    }
    expect(verdict === 'continue' ? judge.final() : verdict).toBe('promote');
  });

  it('tolerates the increase it is told to (nullRatio) and still catches a large one', () => {
    const s: Scenario = { traffic: 2000, weight: 0.5, rate: 0.02, ratio: 1.2, minutes: 60 };
    let rollbacks = 0;
    for (let run = 0; run < 40; run++) {
      if (
        runJudge(createSequentialJudge({ nullRatio: 1.5, promoteRatio: 2.25 }), new Rng(300 + run), s)
          .verdict === 'rollback'
      ) {
        rollbacks++;
      }
    }
    expect(rollbacks).toBe(0);
    const worse = runJudge(createSequentialJudge({ nullRatio: 1.5, promoteRatio: 2.25 }), new Rng(9), {
      ...s,
      ratio: 5,
    });
    expect(worse.verdict).toBe('rollback');
  });

  it('rejects nonsense options and scales stage levels with the target', () => {
    expect(() => createSequentialJudge({ alarmAlpha: 0 })).toThrow(/alarmAlpha/);
    expect(() => createSequentialJudge({ alternatives: [0.5] })).toThrow(/alternatives/);
    expect(() => createSequentialJudge({ alternativeWeights: [1] })).toThrow(/alternativeWeights/);
    expect(stageAlphas(0.01)).toEqual({ alarmAlpha: 0.01, confirmAlpha: 1, endOfWindowAlpha: 0.005 });
    expect(stageAlphas(0.001).endOfWindowAlpha).toBeCloseTo(0.0005);
  });

  it('keeps its end-of-window test unbiased under heavy arm-only noise at a lopsided split', () => {
    // Each arm's error rate is drawn afresh every minute (Beta(2, 1998): ±70 % around 0.1 %), the
    // candidate has 5 % of 10 000 requests a minute. A minute with a noisy baseline has many errors
    // and a small candidate share; an expectation that ignored that would be far too high, and the
    // judge would miss a doubled error rate that an hour of data shows plainly.
    const verdicts = (ratio: number, seed: number) => {
      const counts = { rollback: 0, promote: 0, inconclusive: 0 };
      for (let run = 0; run < 150; run++) {
        const rng = new Rng(seed + run);
        const judge = createSequentialJudge();
        judge.init({ horizon: 60, warmup: 3, weight: 0.05, history: [], baselineRate: 0.001 });
        let decision: string = 'continue';
        for (let t = 0; t < 60 && decision === 'continue'; t++) {
          const nC = rng.binomial(10_000, 0.05);
          const nB = 10_000 - nC;
          const eB = rng.binomial(nB, rng.beta(2, 1998));
          const eC = rng.binomial(nC, Math.min(0.9, ratio * rng.beta(2, 1998)));
          decision = judge.step({ t, nB, eB, nC, eC });
        }
        counts[(decision === 'continue' ? judge.final() : decision) as FinalDecision]++;
      }
      return counts;
    };
    const healthy = verdicts(1, 90_000);
    const doubled = verdicts(2, 95_000);
    expect(healthy.rollback / 150).toBeLessThanOrEqual(0.015 + 3 * Math.sqrt((0.015 * 0.985) / 150));
    // Leaving out the three minutes that speak most against the candidate (a burst must not decide
    // a short window) costs power here, where every minute is that noisy: 55 % instead of 70 %.
    expect(doubled.rollback / 150).toBeGreaterThanOrEqual(0.5);
  });

  it('does not roll back at the end of a short window on a two-minute candidate-only burst', () => {
    // Ten-minute windows at 1000/min, 10 % split, 1 %: the candidate fails 5× for two minutes at a
    // random point (an arm-only burst), otherwise as the baseline. Seeded runs.
    const rollbacks = (
      options: Parameters<typeof createSequentialJudge>[0],
      burst: number,
      ratio: number,
    ) => {
      let count = 0;
      for (let run = 0; run < 400; run++) {
        const rng = new Rng(5000 + run);
        const judge = createSequentialJudge({ ...options, ...stageAlphas(0.005) });
        judge.init({ horizon: 10, warmup: 1, weight: 0.1, history: [], baselineRate: Number.NaN });
        const at = 1 + Math.floor(rng.uniform() * 8);
        let decision: string = 'continue';
        for (let t = 0; t < 10 && decision === 'continue'; t++) {
          const nC = rng.binomial(1000, 0.1);
          const nB = 1000 - nC;
          const multiple = t === at || t === at + 1 ? burst : ratio;
          decision = judge.step({
            t,
            nB,
            eB: rng.binomial(nB, 0.01),
            nC,
            eC: rng.binomial(nC, 0.01 * multiple),
          });
        }
        if ((decision === 'continue' ? judge.final() : decision) === 'rollback') count++;
      }
      return count / 400;
    };
    // Leaving out its worst minutes, the end-of-window test is not decided by the burst…
    expect(rollbacks({}, 5, 1)).toBeLessThanOrEqual(0.01);
    // …which decided one window in ten without it.
    expect(rollbacks({ endOfWindowTrim: 0 }, 5, 1)).toBeGreaterThan(0.08);
    // A steady 3× regression still shows in the other minutes (the trade: some power in short windows).
    expect(rollbacks({}, 3, 3)).toBeGreaterThan(0.35);
  });

  it('assumes more noise without an A/A history, and only then', () => {
    // The same rollout minutes (the candidate at about 3× the baseline's rate), judged after an
    // hour of quiet A/A minutes or after none (error-rate-gate in production), with the no-history
    // prior at its default or set to the with-history one.
    const quietHour: Minute[] = Array.from({ length: 60 }, (_, i) => ({
      t: i - 60,
      nB: 900,
      eB: 9,
      nC: 100,
      eC: 1,
    }));
    const evidenceAfter = (history: Minute[], priorNoiseVarianceWithoutHistory?: number) => {
      const judge = createSequentialJudge(
        priorNoiseVarianceWithoutHistory === undefined ? {} : { priorNoiseVarianceWithoutHistory },
      );
      judge.init({ horizon: 60, warmup: 0, weight: 0.1, history, baselineRate: 0.01 });
      for (let t = 0; t < 2; t++) judge.step({ t, nB: 900, eB: 9, nC: 100, eC: 3 });
      return judge.evidence?.().rollback ?? 0;
    };
    const sameAsHistory = DEFAULT_SEQUENTIAL_OPTIONS.priorNoiseVariance;
    expect(evidenceAfter([])).toBeGreaterThan(1);
    expect(evidenceAfter([])).toBeLessThan(evidenceAfter([], sameAsHistory));
    expect(evidenceAfter(quietHour)).toBe(evidenceAfter(quietHour, sameAsHistory));
  });

  it('runs a latency channel on slow-request counts', () => {
    const judge = createSequentialJudge({ latencyChannels: 1 });
    judge.init({ horizon: 60, warmup: 3, weight: 0.25, history: [], baselineRate: 0.01 });
    const rng = new Rng(21);
    let verdict: string = 'continue';
    for (let t = 0; t < 60 && verdict === 'continue'; t++) {
      const nB = 750;
      const nC = 250;
      // Errors are equal; the candidate is slow: 30 % of its requests over the p90 threshold.
      verdict = judge.step({
        t,
        nB,
        eB: rng.binomial(nB, 0.01),
        nC,
        eC: rng.binomial(nC, 0.01),
        slowB: [rng.binomial(nB, 0.1)],
        slowC: [rng.binomial(nC, 0.3)],
      });
    }
    expect(verdict).toBe('rollback');
  });
});
