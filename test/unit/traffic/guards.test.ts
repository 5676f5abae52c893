import { describe, expect, it } from 'vitest';
import { ActionError } from '../../../shared/errors';
import { guardShift } from '../../../shared/traffic/guards';
import type { ServingState, TrafficEntry } from '../../../shared/traffic/types';

const state = (observed: TrafficEntry[]): ServingState => ({
  desired: observed,
  observed,
  version: '1',
  settled: true,
});

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ActionError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('guardShift: the stable revision is never the candidate', () => {
  const production = state([{ target: 'shop-00001-abc', percent: 100 }]);
  const newest = { target: 'shop-00001-abc', id: 'shop-00001-abc' };

  it('refuses a defaulted candidate that is what serves 100 %, naming both inputs', () => {
    const message = refusal(() =>
      guardShift('cloud-run', production, newest, { candidate: {}, percent: 10 }, () => {}),
    );
    expect(message).toContain('neither "image" nor "candidate" was given');
    expect(message).toContain('shop-00001-abc, is the one serving 100 %');
  });

  it('names the ECS inputs on ECS', () => {
    const message = refusal(() =>
      guardShift(
        'ecs',
        state([{ target: 'blue', percent: 100 }]),
        { target: 'blue', id: 'shop:1' },
        { candidate: {}, percent: 10 },
        () => {},
      ),
    );
    expect(message).toContain('neither "task-definition" nor "candidate" was given');
  });

  it('refuses an asked-for candidate that serves 100 % when the step would give it less', () => {
    const message = refusal(() =>
      guardShift(
        'cloud-run',
        production,
        newest,
        { candidate: { candidate: 'shop-00001-abc' }, percent: 10 },
        () => {},
      ),
    );
    expect(message).toContain(
      'the candidate shop-00001-abc already serves 100 %, so no other revision is there to take 90 %',
    );
  });

  it('lets the promotion step be re-run with the candidate it promoted', () => {
    expect(() =>
      guardShift(
        'cloud-run',
        production,
        newest,
        { candidate: { candidate: 'shop-00001-abc' }, percent: 100 },
        () => {},
      ),
    ).not.toThrow();
  });

  it('lets a defaulted candidate through when it is not what serves everything', () => {
    const split = state([
      { target: 'shop-00001-abc', percent: 90 },
      { target: 'shop-00002-def', percent: 10 },
    ]);
    expect(() =>
      guardShift(
        'cloud-run',
        split,
        { target: 'shop-00002-def', id: 'shop-00002-def' },
        { candidate: {}, percent: 10 },
        () => {},
      ),
    ).not.toThrow();
  });
});

describe('guardShift: a split this rollout did not make', () => {
  const overlapping = state([
    { target: 'shop-00001-stable', percent: 90 },
    { target: 'shop-00002-first', percent: 10 },
  ]);
  const second = { target: 'shop-00003-second', id: 'shop-00003-second' };

  it('refuses, naming the foreign revision and its share, and says how to take over', () => {
    const message = refusal(() =>
      guardShift('cloud-run', overlapping, second, { candidate: { image: 'x' }, percent: 10 }, () => {}),
    );
    expect(message).toContain('a split this rollout did not make');
    expect(message).toContain('shop-00002-first (10 %)');
    expect(message).toContain('"take-over: true"');
  });

  it('takes over when told to, and says what it folds into which revision', () => {
    const logs: string[] = [];
    guardShift(
      'cloud-run',
      overlapping,
      second,
      { candidate: { image: 'x' }, percent: 10, takeOver: true },
      (m) => logs.push(m),
    );
    expect(logs).toEqual([
      'Taking over (take-over: true): shop-00002-first (10 %) goes back to shop-00001-stable, the largest share; the rollback target is shop-00001-stable at 100 %',
    ]);
  });

  it('accepts its own candidate’s share from an earlier step', () => {
    const ownStep = state([
      { target: 'shop-00001-stable', percent: 90 },
      { target: 'shop-00003-second', percent: 10 },
    ]);
    expect(() =>
      guardShift('cloud-run', ownStep, second, { candidate: { image: 'x' }, percent: 10 }, () => {}),
    ).not.toThrow();
  });
});
