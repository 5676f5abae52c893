/** What the rollout e2e tests on Cloud Run and on ECS ask and expect alike. */
import { expect } from 'vitest';
import type { BundleResult } from '../../harness/helpers/runner';

/** The gate as the pipeline tests set it, in the local cloud's virtual time (120×). */
export const GATE_INPUTS = {
  'bake-time': '16m',
  interval: '1m',
  'min-requests': '50',
  'max-increase': '100%',
  'max-error-rate': '20%',
  'poll-interval': '100ms',
  timeout: '1m',
};

/** A first step at 5 % that can never gather enough requests, held for a person. */
export const HELD_STEP = {
  steps: '5,100',
  'min-requests': '100000',
  'bake-time': '2m',
  'max-duration': '3m',
  'on-inconclusive': 'hold',
};

/** Held at 5 %: exit 0, nothing rolled back. */
export function expectHeldAtFive(result: BundleResult): void {
  expect(result.errors, result.stdout).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toMatchObject({
    verdict: 'inconclusive',
    'stopped-at': '5',
    held: 'true',
    'rolled-back': 'false',
    percent: '5',
  });
}

/** Promoted: exit 0, no error, the candidate at 100 %. */
export function expectPromoted(result: BundleResult): void {
  expect(result.errors, result.stdout).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toMatchObject({ verdict: 'pass', 'stopped-at': '', held: 'false', percent: '100' });
}
