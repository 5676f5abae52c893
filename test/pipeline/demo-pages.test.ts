import { describe, expect, it } from 'vitest';
import { jobVerdict, runVerdict } from '../../harness/pipeline/demo-pages';
import { faultyRun, job, pipelineRun, step } from './fixtures/demo-run';

const gate = (percent: string, verdict: string, reason: string) => [
  step('rollout', `Shift to ${percent} %`, 'canary-shift', { inputs: { percent } }),
  step('rollout', `Gate at ${percent} %`, 'error-rate-gate', {
    outcome: verdict === 'pass' ? 'success' : 'failure',
    outputs: { verdict, reason },
  }),
];

describe('the verdict at the top of the demo pages', () => {
  it('says a promoted run passed the gate at every step, with the last reason', () => {
    const rollout = job('rollout', 'Shift', 'success', [
      ...gate('20', 'pass', 'not worse at 20'),
      ...gate('50', 'pass', 'not worse at 50'),
    ]);
    expect(runVerdict(pipelineRun('success', [rollout]))).toEqual({
      result: 'success',
      headline: 'Promoted to 100 % · Gate PASS at 20 %, 50 %',
      reason: 'not worse at 50',
    });
  });

  it('names the gate that stopped a rollout and the rollback that followed', () => {
    expect(runVerdict(faultyRun())).toEqual({
      result: 'failure',
      headline: 'Rolled back · Gate FAIL at 20 %',
      reason: 'candidate error rate 39.52% is above the 20% ceiling',
    });
    const inconclusive = job('rollout', 'Shift', 'failure', gate('20', 'inconclusive', 'too few requests'));
    expect(jobVerdict(inconclusive).headline).toBe('Gate INCONCLUSIVE at 20 %');
  });

  it('without a gate, gives the first failed step and its error, the rollback, or what the last described step did', () => {
    const smoke = job('smoke', 'Smoke-test', 'failure', [
      step('smoke', 'Smoke-test the candidate', 'smoke-test', {
        outcome: 'failure',
        errors: ['home: expected status 200, got 500\n  at …'],
        outputs: { passed: '0', failed: '1' },
      }),
    ]);
    expect(jobVerdict(smoke)).toEqual({
      result: 'failure',
      headline: 'Smoke-test the candidate failed',
      reason: 'home: expected status 200, got 500',
    });
    expect(runVerdict(pipelineRun('failure', [smoke])).headline).toBe(
      'Stopped (failure) · Smoke-test the candidate failed',
    );
    const rollback = job('rollback', 'Roll back', 'success', [
      step('rollback', 'Restore', 'rollback', {
        outputs: { 'rolled-back': 'true', 'observed-traffic': '[{"target":"shop-v1","percent":100}]' },
      }),
    ]);
    expect(jobVerdict(rollback)).toEqual({
      result: 'success',
      headline: 'Rolled back',
      reason: 'traffic now: shop-v1 100 %',
    });
    const smokePassed = job('smoke', 'Smoke-test', 'success', [
      step('smoke', 'Smoke-test the candidate', 'smoke-test', {
        outputs: { passed: '3', failed: '0', 'p95-latency-ms': '12' },
      }),
      step('smoke', 'Report', 'notify-slack', {}),
    ]);
    expect(jobVerdict(smokePassed)).toEqual({
      result: 'success',
      headline: '2 steps succeeded',
      reason: '3 checks passed, 0 failed, p95 12 ms',
    });
  });

  it('reads a rollout step: every step passed, the step it stopped at, and a held step the reviewers decided', () => {
    const rollout = (outputs: Record<string, string>, outcome: 'success' | 'failure' = 'success') =>
      job('rollout', 'Roll out', outcome, [
        step('rollout', 'Shift, gate and report every step', 'rollout', { outcome, outputs }),
      ]);
    const passed = rollout({
      verdict: 'pass',
      steps: '5,10,20,30,50,75,100',
      reason: 'no regression at 75 %',
    });
    expect(runVerdict(pipelineRun('success', [passed]))).toEqual({
      result: 'success',
      headline: 'Promoted to 100 % · Gate PASS at 5,10,20,30,50,75,100 %',
      reason: 'no regression at 75 %',
    });
    const failed = rollout(
      { verdict: 'fail', 'stopped-at': '20', reason: 'worse than the baseline' },
      'failure',
    );
    expect(jobVerdict(failed).headline).toBe('Gate FAIL at 20 %');

    const held = rollout({
      verdict: 'inconclusive',
      'stopped-at': '1',
      held: 'true',
      reason: 'too few requests',
    });
    const approval = (decision: 'approve' | 'reject') => ({
      ...job('approval', 'Decide the held step', decision === 'approve' ? 'success' : 'failure', []),
      review: { environment: 'production-canary', decision },
    });
    expect(runVerdict(pipelineRun('success', [held, approval('approve')])).headline).toBe(
      'Promoted to 100 % · Gate INCONCLUSIVE at 1 %, held · approved in production-canary',
    );
    expect(runVerdict(pipelineRun('failure', [held, approval('reject')])).headline).toBe(
      'Stopped (failure) · Gate INCONCLUSIVE at 1 %, held · rejected in production-canary',
    );
    expect(jobVerdict(approval('reject')).headline).toBe('Held step rejected in production-canary');
  });
});
