/**
 * canary-ecs.yml end to end on an ECS-native service: the same workflow, given one service name
 * and no load balancer, target groups nor listener, tells the native mode apart by itself. The
 * pipeline runner runs its jobs against the local AWS, where ECS drives the CANARY or LINEAR
 * deployment (stages, bake times, our PAUSE hook) and writes the production rule's weights, with
 * steady load on the production listener and the smoke test through the test listener.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalAws } from '../../harness/emulators/local-cloud';
import { runEcsScenario } from '../../harness/pipeline/ecs-scenario';
import { NATIVE_CONFIGURATIONS, useNativeCloud } from '../helpers/ecs-native';
import { finalSlackText, greenPath, results, rollbackStep, rolloutStep } from '../helpers/pipeline';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPipelineNativeKEY042';
// Five jobs, several bundles and gates per test on a shared machine: generous (no assertion is on time).
vi.setConfig({ testTimeout: 240_000 });

const cloudTest = useNativeCloud(SECRET_KEY);
const { weights, service, deployments, writeNames, useStrategy } = cloudTest;
let local: LocalAws;
beforeEach(() => {
  local = cloudTest.cloud();
});
const native = () => local.aws.world.native;
const ALL_BLUE = { 'web-blue': 100, 'web-green': 0 };

const STRATEGIES = [
  { strategy: 'CANARY', configuration: NATIVE_CONFIGURATIONS.CANARY, steps: [10, 100] },
  { strategy: 'LINEAR', configuration: NATIVE_CONFIGURATIONS.LINEAR, steps: [25, 50, 75, 100] },
] as const;

describe.each(STRATEGIES)(
  'canary-ecs pipeline on an ECS-native $strategy service',
  ({ configuration, steps }) => {
    beforeEach(() => useStrategy(configuration));

    it('promotes a healthy task definition through ECS’s own steps to 100 % (read back from the production rule)', async () => {
      const { run, weights: seen } = await runEcsScenario(local, 'web:2', {
        native: true,
        // The test listener reaches the candidate alone: the smoke test proves it answered.
        overrides: { steps: steps.join(','), 'expect-version': 'web:2' },
      });

      expect(results(run)).toMatchObject({
        plan: 'success',
        deploy: 'success',
        smoke: 'success',
        rollout: 'success',
        approval: 'skipped',
        rollback: 'skipped',
      });
      // deploy started ECS's deployment with our steps; the stable side is blue's target group.
      expect(run.job('deploy').outputs).toMatchObject({
        candidate: native().taskDefinitions.v2,
        stable: native().targetGroups.blue,
      });
      expect(rolloutStep(run)?.outputs).toMatchObject({ verdict: 'pass', percent: '100' });
      // Each step as ECS wrote it on the production rule, in order, and nothing else.
      expect(greenPath(seen, 'web-green')).toEqual([0, ...steps]);
      expect(weights()).toEqual({ 'web-blue': 0, 'web-green': 100 });
      expect(deployments()).toHaveLength(1);
      expect(deployments()[0]?.status).toBe('SUCCESSFUL');
      expect(service().taskDefinition).toBe(native().taskDefinitions.v2);
      // ECS wrote every weight: our writes are the deployment and one CONTINUE per step.
      expect(writeNames()).toEqual(['UpdateService', ...steps.map(() => 'ContinueServiceDeployment')]);
      expect(finalSlackText(local)).toMatch(/succeeded/i);
    });

    it('a faulty task definition is rolled back by ECS at the first judged step; the rollback job changes nothing', async () => {
      const { run, weights: seen } = await runEcsScenario(local, 'web:3', {
        native: true,
        overrides: { steps: steps.join(',') },
      });

      expect(results(run)).toMatchObject({
        deploy: 'success',
        smoke: 'success',
        rollout: 'failure',
        approval: 'skipped',
        rollback: 'success',
      });
      expect(rolloutStep(run)?.outputs).toMatchObject({
        verdict: 'fail',
        'stopped-at': String(steps[0]),
        'rolled-back': 'true',
        percent: '0',
      });
      expect(Math.max(...greenPath(seen, 'web-green'))).toBe(steps[0]);
      expect(weights()).toEqual(ALL_BLUE);
      expect(deployments()[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
      expect(service().taskDefinition).toBe(native().taskDefinitions.v1);
      // The rollback job found ECS's rollback done: no write of its own (no StopServiceDeployment).
      const restore = rollbackStep(run);
      expect(restore?.outcome).toBe('success');
      expect(restore?.outputs['rolled-back']).toBe('false');
      expect(writeNames()).toEqual([
        'UpdateService',
        'ContinueServiceDeployment',
        'ContinueServiceDeployment',
      ]);
      expect(finalSlackText(local)).toMatch(/rolled back/i);
    });
  },
);

describe('canary-ecs pipeline on an ECS-native service: cancelled mid-deployment', () => {
  beforeEach(() => useStrategy(NATIVE_CONFIGURATIONS.CANARY));

  it('the rollback job ends ECS’s deployment in the recorded stable state (blue at 100 %)', async () => {
    const controller = new AbortController();
    // Cancelled while the gate judges the first step, with ECS's weights at 10 % green.
    const watch = setInterval(() => {
      if ((weights()['web-green'] ?? 0) >= 10) controller.abort();
    }, 50);
    const { run, weights: seen } = await runEcsScenario(local, 'web:2', {
      native: true,
      signal: controller.signal,
    }).finally(() => clearInterval(watch));

    expect(run.result).toBe('cancelled');
    expect(results(run)).toMatchObject({ rollout: 'cancelled', rollback: 'success' });
    expect(greenPath(seen, 'web-green')).toContain(10);
    const restore = rollbackStep(run);
    expect(restore?.inputs.reason).toBe('the run was cancelled');
    expect(restore?.outputs['rolled-back']).toBe('true');
    // ECS's own way back, asked for by the rollback job (ROLLBACK at a paused hook, else
    // StopServiceDeployment, depending on where the cancellation caught it); ECS wrote the weights.
    expect(['ContinueServiceDeployment', 'StopServiceDeployment']).toContain(writeNames().at(-1));
    expect(writeNames().filter((w) => w.startsWith('Modify'))).toEqual([]);
    expect(weights()).toEqual(ALL_BLUE);
    expect(deployments()[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(service().taskDefinition).toBe(native().taskDefinitions.v1);
    expect(finalSlackText(local)).toMatch(/rolled back/i);
  });
});

describe('canary-ecs pipeline on an ECS-native service: steps it cannot express are refused before any write', () => {
  beforeEach(() => useStrategy(NATIVE_CONFIGURATIONS.CANARY));

  it('steps no service could take (not increasing to 100) stop in the plan job, which reads no cloud', async () => {
    const { run } = await runEcsScenario(local, 'web:2', { native: true, overrides: { steps: '10,50' } });

    expect(results(run)).toMatchObject({ plan: 'failure', deploy: 'skipped', rollback: 'success' });
    const planStep = run.job('plan').steps.find((s) => s.uses === 'rollout');
    expect(planStep?.errors.join('\n')).toMatch(
      /input "steps": must end at 100 \(the promotion\), and ends at 50/,
    );
    expect(rollbackStep(run)?.outcome).toBe('skipped');
    expect(local.aws.calls).toHaveLength(0);
    expect(weights()).toEqual(ALL_BLUE);
  });

  it('steps the CANARY strategy cannot express (three) stop in the deploy job, after its read of the service and before its first write', async () => {
    let callsBeforeDeploy = -1;
    const { run } = await runEcsScenario(local, 'web:2', {
      native: true,
      overrides: { steps: '5,50,100' },
      onEvent: (event) => {
        if (event.type === 'job-start' && event.job === 'deploy') callsBeforeDeploy = local.aws.calls.length;
      },
    });

    // The plan job has no AWS credentials and reads no service: it can't know the strategy.
    expect(callsBeforeDeploy).toBe(0);
    expect(local.aws.calls.length).toBeGreaterThan(0);
    expect(results(run)).toMatchObject({
      plan: 'success',
      deploy: 'failure',
      smoke: 'skipped',
      rollout: 'skipped',
      rollback: 'success',
    });
    const deployStep = run.job('deploy').steps.find((s) => s.uses === 'canary-shift');
    expect(deployStep?.errors.join('\n')).toMatch(
      /input "steps": 5,50,100 has 3 steps; the service's CANARY permits one step, then 100 \(e\.g\. 10,100\)/,
    );
    expect(run.job('deploy').outputs['rollback-target']).toBe('');
    expect(rollbackStep(run)?.outcome).toBe('skipped');
    expect(writeNames()).toEqual([]);
    expect(deployments()).toEqual([]);
    expect(weights()).toEqual(ALL_BLUE);
  });
});
