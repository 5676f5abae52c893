import { describe, expect, it } from 'vitest';
import {
  type ApiService,
  failureOf,
  toServingState,
  trafficFor,
} from '../../../shared/providers/cloud-run/state';
import type { ServingState } from '../../../shared/traffic/types';

const base: ApiService = {
  name: 'projects/p/locations/europe-west1/services/shop',
  generation: '4',
  observedGeneration: '4',
  reconciling: false,
  latestReadyRevision: 'projects/p/locations/europe-west1/services/shop/revisions/shop-00002-abc',
  terminalCondition: { type: 'Ready', state: 'CONDITION_SUCCEEDED' },
};

describe('toServingState', () => {
  it('resolves LATEST to the newest ready revision, in desired and observed', () => {
    const state = toServingState({
      ...base,
      traffic: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }],
      trafficStatuses: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }],
    });
    expect(state.desired).toEqual([{ target: 'shop-00002-abc', percent: 100 }]);
    expect(state.observed).toEqual([{ target: 'shop-00002-abc', percent: 100 }]);
    expect(state.version).toBe('4');
    expect(state.settled).toBe(true);
  });

  it('is not settled while reconciling or behind the latest generation', () => {
    expect(toServingState({ ...base, reconciling: true }).settled).toBe(false);
    expect(toServingState({ ...base, observedGeneration: '3' }).settled).toBe(false);
  });

  it('maps tags to their URLs and reports a failed reconcile once it is over', () => {
    const failed: ApiService = {
      ...base,
      trafficStatuses: [
        { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'shop-1', percent: 100 },
        {
          type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION',
          revision: 'shop-2',
          percent: 0,
          tag: 'canary',
          uri: 'https://canary---shop.run.app',
        },
      ],
      terminalCondition: { type: 'Ready', state: 'CONDITION_FAILED', message: 'quota' },
    };
    expect(toServingState(failed).urls).toEqual({ canary: 'https://canary---shop.run.app' });
    expect(failureOf(failed)).toBe('quota');
    expect(failureOf({ ...failed, reconciling: true })).toBeUndefined(); // a newer write is reconciling
  });

  it('follows service.proto after a failed reconcile: observedGeneration stays at the last serving one', () => {
    // Generation 5 failed: observedGeneration, trafficStatuses and latestReadyRevision keep 4's state.
    const failed: ApiService = {
      ...base,
      generation: '5',
      observedGeneration: '4',
      terminalCondition: { type: 'Ready', state: 'CONDITION_FAILED', message: 'quota' },
    };
    const state = toServingState(failed);
    expect(state.failure).toBe('quota');
    expect(state.settled).toBe(true); // nothing converges any more: a re-run rewrites instead of waiting
    expect(toServingState({ ...failed, reconciling: true }).settled).toBe(false);
  });
});

describe('trafficFor', () => {
  const current: ServingState = {
    desired: [
      { target: 'shop-1', percent: 100, tag: 'stable' },
      { target: 'shop-0', percent: 0, tag: 'old' },
      { target: 'shop-2', percent: 0, tag: 'canary' },
    ],
    observed: [],
    version: '1',
    settled: true,
  };

  it('pins every entry to a revision and keeps tags in use on their revisions', () => {
    expect(
      trafficFor(
        [
          { target: 'shop-1', percent: 90 },
          { target: 'shop-2', percent: 10, tag: 'canary' },
        ],
        current,
      ),
    ).toEqual([
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'shop-1', percent: 90, tag: 'stable' },
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'shop-2', percent: 10, tag: 'canary' },
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'shop-0', percent: 0, tag: 'old' },
    ]);
  });

  it('moves a tag that the split gives to another revision', () => {
    const written = trafficFor([{ target: 'shop-3', percent: 100, tag: 'canary' }], current);
    expect(written.filter((t) => t.tag === 'canary')).toEqual([
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'shop-3', percent: 100, tag: 'canary' },
    ]);
  });
});
