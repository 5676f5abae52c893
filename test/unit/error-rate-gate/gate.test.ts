import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../harness/emulators/weighted-random';
import { CeilingTest, effectiveCeiling, errorRateUpperBound } from '../../../shared/gate/ceiling';
import { renderSummary } from '../../../shared/gate/report';
import { GateState } from '../../../shared/gate/state';
import type { GateConfig } from '../../../shared/gate/types';
import { createSequentialJudge } from '../../../shared/judge/sequential';
import type { ArmCounts, IntervalCounts } from '../../../shared/metrics/types';

const config: GateConfig = {
  horizon: 30,
  maxHorizon: 30,
  warmup: 3,
  intervalMinutes: 1,
  maxErrorRate: 0.3,
  maxIncrease: 0,
  minRequests: 100,
  falseAlarmRate: 0.01,
  detectableRatio: 4,
  power: 0.9,
};

function binomial(n: number, p: number, random: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

const arm = (requests: number, errors: number, extra: Partial<ArmCounts> = {}): ArmCounts => ({
  requests,
  errors,
  ...extra,
});
const missing: ArmCounts = { requests: Number.NaN, errors: Number.NaN };

function run(state: GateState, intervals: (t: number) => Pick<IntervalCounts, 'candidate' | 'baseline'>) {
  for (let t = 0; t < state.config.maxHorizon; t++) {
    const decision = state.observe({ start: t * 1000, end: (t + 1) * 1000, ...intervals(t) });
    if (decision) return { decision, at: t };
  }
  throw new Error('the gate did not decide by max-duration');
}

describe('GateState', () => {
  it('passes a healthy candidate', () => {
    const random = seededRandom(1);
    const state = new GateState(config, createSequentialJudge());
    const { decision } = run(state, () => ({
      candidate: arm(200, binomial(200, 0.1, random)),
      baseline: arm(200, binomial(200, 0.1, random)),
    }));
    expect(decision.verdict).toBe('pass');
    expect(decision.reason).toMatch(/not worse than the baseline|no regression found/);
  });

  it('fails a candidate with 5× the errors early', () => {
    const random = seededRandom(2);
    const state = new GateState(config, createSequentialJudge());
    const { decision, at } = run(state, () => ({
      candidate: arm(100, binomial(100, 0.2, random)),
      baseline: arm(100, binomial(100, 0.04, random)),
    }));
    expect(decision).toMatchObject({ verdict: 'fail', by: 'judge' });
    expect(at).toBeLessThan(15);
  });

  it('never passes on missing data, even when the judge would', () => {
    const state = new GateState(config, createSequentialJudge());
    const { decision } = run(state, () => ({ candidate: missing, baseline: arm(200, 20) }));
    expect(decision.verdict).toBe('inconclusive');
    expect(decision.reason).toMatch(/no data for the candidate in any of 30 intervals/);
  });

  it('passes a clean service on the error budget when there are too few errors to compare', () => {
    const state = new GateState({ ...config, maxErrorRate: 0.05 }, createSequentialJudge());
    const { decision } = run(state, () => ({ candidate: arm(20, 0), baseline: arm(80, 0) }));
    // 0 of 600 candidate requests: below 0.5 % at 95 % confidence, within the 5 % ceiling.
    expect(decision).toMatchObject({ verdict: 'pass', by: 'budget' });
    expect(decision.reason).toMatch(/too few errors to compare the two/);
  });

  it('fails a candidate that takes all of a few errors: the exact test decides, not a rate comparison', () => {
    const state = new GateState({ ...config, maxErrorRate: 0.05 }, createSequentialJudge());
    const { decision } = run(state, (t) => ({
      candidate: arm(20, t >= 3 && t < 9 ? 1 : 0),
      baseline: arm(80, 0),
    }));
    expect(decision).toMatchObject({ verdict: 'fail', by: 'judge' });
  });

  it('passes on the budget when the candidate has a few errors more than the baseline (no coin flip)', () => {
    // 3 candidate errors of 3000 against 2 of 12000 baseline: the observed rate is higher, but
    // the exact test finds nothing and the rate is clearly under the 5 % ceiling.
    const state = new GateState({ ...config, maxErrorRate: 0.05 }, createSequentialJudge());
    const { decision } = run(state, (t) => ({
      candidate: arm(100, t === 5 || t === 15 || t === 25 ? 1 : 0),
      baseline: arm(400, t === 10 || t === 20 ? 1 : 0),
    }));
    expect(decision).toMatchObject({ verdict: 'pass', by: 'budget' });
  });

  it('does not pass on the budget when too few requests bound the rate under the ceiling', () => {
    const state = new GateState({ ...config, maxErrorRate: 0.005, minRequests: 10 }, createSequentialJudge());
    const { decision } = run(state, () => ({ candidate: arm(5, 0), baseline: arm(20, 0) }));
    // 0 of 150: the 95 % bound is 2 %, above a 0.5 % ceiling.
    expect(decision.verdict).toBe('inconclusive');
  });

  it('calls too few requests inconclusive', () => {
    const state = new GateState({ ...config, minRequests: 1000 }, createSequentialJudge());
    const { decision } = run(state, () => ({ candidate: arm(10, 1), baseline: arm(10, 1) }));
    expect(decision).toMatchObject({ verdict: 'inconclusive', by: 'data' });
    expect(decision.reason).toMatch(/only 300 candidate requests, fewer than min-requests 1000/);
  });

  it('calls mostly-missing data inconclusive', () => {
    const state = new GateState(config, createSequentialJudge());
    const { decision } = run(state, (t) => ({
      candidate: t % 3 === 0 ? arm(300, 30) : missing,
      baseline: arm(300, 30),
    }));
    expect(decision.verdict).toBe('inconclusive');
  });

  it('does not fail a service that always runs above max-error-rate: the ceiling rises to twice the baseline', () => {
    const random = seededRandom(3);
    const state = new GateState({ ...config, maxErrorRate: 0.05 }, createSequentialJudge());
    const { decision } = run(state, () => ({
      candidate: arm(100, binomial(100, 0.08, random)),
      baseline: arm(100, binomial(100, 0.08, random)),
    }));
    expect(decision.verdict).toBe('pass');
  });

  it('fails a candidate over the ceiling when there is no baseline to compare with', () => {
    const random = seededRandom(8);
    // The baseline's metrics are missing: only the absolute ceiling can see this.
    const state = new GateState({ ...config, maxErrorRate: 0.05 }, createSequentialJudge());
    const { decision } = run(state, () => ({
      candidate: arm(200, binomial(200, 0.2, random)),
      baseline: missing,
    }));
    expect(decision).toMatchObject({ verdict: 'fail', by: 'ceiling' });
    expect(decision.reason).toMatch(/ceiling/);
  });

  it('fails on latency only after three slow intervals in a row', () => {
    const state = new GateState({ ...config, maxP95LatencyMs: 500 }, createSequentialJudge());
    // Slow during warm-up (t < 3) doesn't count; then one, two, and three in a row.
    const slow = [1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1];
    const { decision, at } = run(state, (t) => ({
      candidate: arm(100, 1, { p95LatencyMs: slow[t] ? 900 : 200 }),
      baseline: arm(100, 1, { p95LatencyMs: 200 }),
    }));
    expect(decision).toMatchObject({ verdict: 'fail', by: 'latency' });
    expect(at).toBe(10);
    expect(decision.reason).toBe(
      'candidate p95 latency 900 ms is above the 500 ms limit, 3 intervals in a row',
    );
  });

  it('compares latency with the baseline when asked', () => {
    const state = new GateState({ ...config, maxLatencyIncrease: 0.5 }, createSequentialJudge());
    const { decision } = run(state, () => ({
      candidate: arm(100, 1, { p95LatencyMs: 400 }),
      baseline: arm(100, 1, { p95LatencyMs: 200 }),
    }));
    expect(decision.reason).toMatch(/more than 50% over the baseline's 200 ms/);
  });

  it('never passes a latency limit without latency data', () => {
    const random = seededRandom(4);
    const state = new GateState({ ...config, maxP95LatencyMs: 500 }, createSequentialJudge());
    const { decision } = run(state, () => ({
      candidate: arm(200, binomial(200, 0.1, random)),
      baseline: arm(200, binomial(200, 0.1, random)),
    }));
    expect(decision.verdict).toBe('inconclusive');
    expect(decision.reason).toMatch(/no latency/);
  });

  it('renders a summary with the verdict first, coloured and labelled lines, and the chart of what decided', () => {
    const random = seededRandom(5);
    const state = new GateState(config, createSequentialJudge());
    const { decision } = run(state, () => ({
      candidate: arm(100, binomial(100, 0.25, random)),
      baseline: arm(100, binomial(100, 0.05, random)),
    }));
    const text = renderSummary(state, decision, {
      source: 'prometheus',
      candidate: 'v2',
      baseline: 'v1',
      startTime: 0,
      intervalMs: 1000,
      decidedAfterSeconds: 9,
      mode: 'enforce',
    });
    expect(text.split('\n')[0]).toBe('### ❌ Error-rate gate: FAIL');
    expect(text).toContain('**Why:** candidate fails');
    expect(text).toContain('title "Error rate per interval, % (candidate vs baseline vs ceiling)"');
    expect(text).toContain('🟥 candidate · 🟦 baseline · ⬜ ceiling');
    expect(text).toContain('"plotColorPalette": "#d62728, #1f77b4, #7f7f7f"');
    expect(text).toContain(
      'title "Evidence that the candidate is worse than the baseline, log10 (evidence vs fail threshold)"',
    );
    expect(text).toMatch(
      /\*\*What this step could catch:\*\* This data would have caught a candidate failing [\d.]+× as often/,
    );
    expect(text).toContain('| Identity | v2 | v1 |');
    // The evidence chart ends at the threshold it crossed, never back at zero.
    const evidenceLines = text.split('```mermaid')[2]?.match(/line \[([^\]]*)\]/g) ?? [];
    const last = (line: string | undefined) => Number(line?.slice(6, -1).split(', ').at(-1));
    expect(last(evidenceLines[0])).toBeGreaterThan(0);
    expect(last(evidenceLines[0])).toBeGreaterThanOrEqual(last(evidenceLines[1]));
  });
});

describe('summary: the chart of what decided', () => {
  const ctx = {
    source: 'prometheus',
    candidate: 'v2',
    baseline: 'v1',
    startTime: 0,
    intervalMs: 60_000,
    decidedAfterSeconds: 600,
    mode: 'enforce' as const,
  };

  it('charts the ceiling test when the ceiling decided, not a judge line that never reached its threshold', () => {
    const random = seededRandom(9);
    const state = new GateState({ ...config, maxErrorRate: 0.05 }, createSequentialJudge());
    const { decision } = run(state, () => ({
      candidate: arm(200, binomial(200, 0.2, random)),
      baseline: missing,
    }));
    const text = renderSummary(state, decision, ctx);
    expect(decision.by).toBe('ceiling');
    expect(text).toContain(
      'Evidence that the candidate is over the ceiling, log10 (ceiling evidence vs fail threshold)',
    );
    expect(text).not.toContain('Evidence that the candidate is worse than the baseline');
  });

  it('charts the power against what a pass needs when the power decided', () => {
    const random = seededRandom(10);
    // No early promotion: the verdict comes at the end of the bake, on the power.
    const state = new GateState(config, createSequentialJudge({ promoteAlpha: 1e-9 }));
    const { decision } = run(state, () => ({
      candidate: arm(100, binomial(100, 0.01, random)),
      baseline: arm(900, binomial(900, 0.01, random)),
    }));
    const text = renderSummary(state, decision, ctx);
    expect(decision.by).toBe('power');
    expect(text).toContain('Chance the data so far would catch a 4× regression, % (power vs needed to pass)');
    expect(text).toContain('🟧 power · ⬜ needed to pass');
  });
});

describe('errorRateUpperBound', () => {
  it('matches the Clopper–Pearson bounds', () => {
    // 0 errors: 1 − α^(1/n); 0 of 300 at 95 % is the "rule of three", ≈ 3/300.
    expect(errorRateUpperBound(0, 300, 0.05)).toBeCloseTo(1 - 0.05 ** (1 / 300), 6);
    // 1 of 100 at 95 %: 0.04656 (Clopper–Pearson one-sided, from the Beta(2, 99) quantile).
    expect(errorRateUpperBound(1, 100, 0.05)).toBeCloseTo(0.04656, 4);
    expect(errorRateUpperBound(5, 5, 0.05)).toBe(1);
    expect(errorRateUpperBound(0, 0, 0.05)).toBe(1);
  });
});

describe('CeilingTest', () => {
  it('keeps false alarms under the level at the ceiling itself, checked every interval', () => {
    const random = seededRandom(6);
    let alarms = 0;
    const runs = 400;
    for (let r = 0; r < runs; r++) {
      const test = new CeilingTest(0.05);
      for (let t = 0; t < 60 && !test.breached(); t++) test.observe(100, binomial(100, 0.05, random), 0.05);
      if (test.breached()) alarms++;
    }
    expect(alarms / runs).toBeLessThanOrEqual(0.05);
  });

  it('catches twice the ceiling within a few intervals', () => {
    const random = seededRandom(7);
    const test = new CeilingTest(0.01);
    let t = 0;
    while (!test.breached() && t < 60) {
      test.observe(200, binomial(200, 0.1, random), 0.05);
      t++;
    }
    expect(test.breached()).toBe(true);
    expect(t).toBeLessThan(20);
  });

  it('cannot be decided by a burst of a few intervals', () => {
    const test = new CeilingTest(0.01);
    for (let t = 0; t < 4; t++) test.observe(1000, 1000, 0.01);
    expect(test.breached()).toBe(false);
  });
});

describe('effectiveCeiling', () => {
  it('is max-error-rate for a quiet baseline and twice a generous bound on the baseline otherwise', () => {
    expect(effectiveCeiling(0.05, { errors: 10, requests: 10_000 })).toBe(0.05);
    // 500 of 10000 (5 %): bound (500 + 2 + 2·√501)/10000 ≈ 5.47 %, doubled ≈ 10.9 %.
    expect(effectiveCeiling(0.05, { errors: 500, requests: 10_000 })).toBeCloseTo(0.1094, 3);
    expect(effectiveCeiling(0.05, { errors: 0, requests: 0 })).toBe(0.05);
  });
});
