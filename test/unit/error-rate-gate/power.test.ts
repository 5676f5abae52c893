import { describe, expect, it } from 'vitest';
import { gateConfig, maxBakeMinutes } from '../../../shared/gate/config';
import { bakeStep } from '../../../shared/gate/extension';
import { createGateJudge } from '../../../shared/gate/judge';
import { Exposure } from '../../../shared/gate/power';
import { GateState } from '../../../shared/gate/state';
import type { ArmCounts } from '../../../shared/metrics/types';

const limits = {
  maxErrorRate: 0.05,
  maxIncrease: 0,
  minRequests: 100,
  falseAlarmRate: 0.005,
  detectableRatio: 4,
};
const arm = (requests: number, errors: number): ArmCounts => ({ requests, errors });

/** Feeds `minutes` identical intervals (or until a decision); returns the decision and its interval. */
function feed(
  state: GateState,
  minutes: number,
  at: (t: number) => { candidate: ArmCounts; baseline: ArmCounts },
) {
  for (let t = 0; t < minutes; t++) {
    const decision = state.observe({ start: t * 60_000, end: (t + 1) * 60_000, ...at(t) });
    if (decision) return { decision, intervals: t + 1 };
  }
  return { decision: undefined, intervals: minutes };
}

describe('Exposure (what the data could have caught)', () => {
  it('gains power with data and loses none to a lower level of proof', () => {
    const e = new Exposure(1, 0.0025);
    let last = 0;
    for (let t = 0; t < 30; t++) {
      e.add(100, 900, 5);
      const p = e.power(4);
      expect(p).toBeGreaterThanOrEqual(last);
      last = p;
    }
    expect(last).toBeGreaterThan(0.9);
    expect(new Exposure(1, 0.0025).power(4)).toBe(0);
  });

  it('finds the smallest ratio caught at the target power, and the bake that reaching it would take', () => {
    const e = new Exposure(1, 0.0025);
    for (let t = 0; t < 10; t++) e.add(100, 900, 5);
    const ratio = e.detectableRatio(0.9);
    expect(e.power(ratio)).toBeGreaterThanOrEqual(0.9);
    expect(e.power(ratio * 0.95)).toBeLessThan(0.9);
    // Ten minutes are not enough for 3× here; the estimate is the minutes at this exposure that are.
    expect(e.power(3)).toBeLessThan(0.9);
    const minutes = e.minutesNeeded(3, 0.9) as number;
    expect(minutes).toBeGreaterThan(10);
    const longer = new Exposure(1, 0.0025);
    for (let t = 0; t < Math.ceil(minutes) + 1; t++) longer.add(100, 900, 5);
    expect(longer.power(3)).toBeGreaterThanOrEqual(0.88);
  });

  it('has no estimate without a single error', () => {
    const e = new Exposure(1, 0.0025);
    for (let t = 0; t < 10; t++) e.add(100, 900, 0);
    expect(e.minutesNeeded(4, 0.9)).toBeUndefined();
    expect(e.detectableRatio(0.9)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('the adaptive bake', () => {
  const config = gateConfig(limits, { horizon: 10, maxHorizon: 40, intervalMs: 60_000 });

  it('defaults max-duration to four bakes, at least 30 minutes (but no more than six bakes)', () => {
    expect(maxBakeMinutes(10)).toBe(40);
    expect(maxBakeMinutes(5)).toBe(30);
    expect(maxBakeMinutes(30)).toBe(120);
    expect(maxBakeMinutes(0.5)).toBe(3);
  });

  it('extends on exposure alone: the same totals in either arm extend the bake by the same intervals', () => {
    // Three errors a minute at a 10 % split: a 4× regression needs more than the 10-minute bake.
    const a = new GateState(config, createGateJudge(limits));
    const b = new GateState(config, createGateJudge(limits));
    const first = feed(a, 40, (t) => ({
      candidate: arm(100, t % 3 === 0 ? 1 : 0),
      baseline: arm(900, t % 3 === 0 ? 2 : 3),
    }));
    const second = feed(b, 40, (t) => ({
      candidate: arm(100, t % 3 === 1 ? 1 : 0),
      baseline: arm(900, t % 3 === 1 ? 2 : 3),
    }));
    expect(first.intervals).toBeGreaterThan(10);
    expect(second.intervals).toBe(first.intervals);
    expect(first.decision?.verdict).toBe('pass');
    expect(first.decision?.reason).toMatch(
      /no regression found, and the data would have caught a 4× regression \d+% of the time \(bake extended by \d+ min\)/,
    );
    expect(a.extendedIntervals).toBe(first.intervals - 10);
  });

  it('does not extend a busy service, and decides at the bake', () => {
    const state = new GateState(config, createGateJudge(limits));
    const { decision, intervals } = feed(state, 40, () => ({
      candidate: arm(1000, 10),
      baseline: arm(9000, 90),
    }));
    expect(decision?.verdict).toBe('pass');
    expect(intervals).toBeLessThanOrEqual(10);
    expect(bakeStep(config, 9, state.exposure)).toBe('watch');
  });

  it('ends a low-traffic candidate inconclusive at max-duration, with the bake it would need', () => {
    const state = new GateState(config, createGateJudge(limits));
    // 12 candidate requests a minute, one error a minute in all: 4× at 90 % needs about 50 minutes.
    const { decision, intervals } = feed(state, 40, () => ({ candidate: arm(12, 0), baseline: arm(108, 1) }));
    expect(intervals).toBe(40);
    expect(decision?.verdict).toBe('inconclusive');
    expect(decision?.reason).toMatch(
      /no regression found, but the data would have caught a 4× regression \d+% of the time \(bake extended by 30 min\); catching a 4× regression 90% of the time would need a bake of about \d+ min at 12 candidate requests\/min/,
    );
    expect(state.coverage()).toMatch(
      /This data would have caught a candidate failing [\d.]+× as often as the baseline 90% of the time/,
    );
  });

  it('stops at the bake when no error at all gives an estimate (the few-errors budget decides)', () => {
    const state = new GateState(config, createGateJudge(limits));
    const { decision, intervals } = feed(state, 40, () => ({
      candidate: arm(100, 0),
      baseline: arm(900, 0),
    }));
    expect(intervals).toBe(10);
    expect(decision).toMatchObject({ verdict: 'pass', by: 'budget' });
    expect(state.coverage()).toMatch(/could not have caught even a 1000× regression/);
  });

  it('never passes a candidate without data, however long it watches', () => {
    const state = new GateState(config, createGateJudge(limits));
    const { decision } = feed(state, 40, () => ({ candidate: arm(0, 0), baseline: arm(1000, 10) }));
    expect(decision?.verdict).toBe('inconclusive');
    expect(state.coverage()).toBe('With no candidate data, this step could not have caught anything.');
  });

  it('gives up after three failed polls in a row, and a good poll resets the count', () => {
    const state = new GateState(config, createGateJudge(limits));
    expect(state.pollFailed('prometheus', 'down')).toBeUndefined();
    expect(state.pollFailed('prometheus', 'down')).toBeUndefined();
    state.observe({ start: 0, end: 60_000, candidate: arm(10, 0), baseline: arm(10, 0) });
    expect(state.pollFailed('prometheus', 'down')).toBeUndefined();
    expect(state.pollFailed('prometheus', 'down')).toBeUndefined();
    expect(state.pollFailed('prometheus', 'down')).toMatchObject({ verdict: 'inconclusive', by: 'api' });
  });
});
