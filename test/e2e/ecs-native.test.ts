/**
 * ECS-native deployments (CANARY and LINEAR) driven by the built bundles: canary-shift starts the
 * deployment with our PAUSE hook and continues it step by step, error-rate-gate judges each pause
 * from CloudWatch (the target groups read from the service), rollback asks ECS to roll back. The
 * AWS emulator runs the service deployment on the accelerated timeline the bundles share, and its
 * production listener routes real requests by the weights ECS wrote.
 */

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsEmulator } from '../../harness/emulators/aws/server';
import { NATIVE_CONFIGURATIONS, useNativeCloud } from '../helpers/ecs-native';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bNativeSECRETKEY0042';
// A rollout of several bundles and a gate: generous, since the machine is shared (no assertion is on time).
vi.setConfig({ testTimeout: 240_000 });

const cloudTest = useNativeCloud(SECRET_KEY);
const { run, target, weights, service, deployments, writeNames, useStrategy } = cloudTest;
let aws: AwsEmulator;
beforeEach(() => {
  aws = cloudTest.aws();
});
const native = () => aws.world.native;

const shift = (percent: number, extra: Record<string, string | undefined> = {}) =>
  run('canary-shift', { ...target(), percent: String(percent), timeout: '60s', ...extra });

const gate = () =>
  run('error-rate-gate', {
    provider: 'ecs',
    source: 'cloudwatch',
    cluster: aws.world.cluster,
    services: native().service,
    interval: '1m',
    duration: '16m',
    'min-requests': '50',
    'max-increase': '100%',
    'max-error-rate': '20%',
  });

const rollback = (token: string) => run('rollback', { ...target(), to: token, timeout: '60s' });

const STRATEGIES = [
  { strategy: 'CANARY', configuration: NATIVE_CONFIGURATIONS.CANARY, steps: [10, 100] },
  { strategy: 'LINEAR', configuration: NATIVE_CONFIGURATIONS.LINEAR, steps: [40, 80, 100] },
] as const;

describe.each(STRATEGIES)('an ECS-native $strategy service', ({ configuration, steps }) => {
  beforeEach(() => useStrategy(configuration));

  it('a healthy candidate is continued to 100 %, each step judged at ECS’s pause and proven by the weights ECS wrote', async () => {
    const start = await shift(0, { 'task-definition': 'web:2', steps: steps.join(',') });
    expect(start.errors).toEqual([]);
    expect(start.exitCode).toBe(0);
    expect(weights()).toEqual({ 'web-blue': 100, 'web-green': 0 });
    const token = JSON.parse(start.outputs['rollback-target'] ?? '');
    expect(token.traffic).toEqual([{ target: native().targetGroups.blue, percent: 100 }]);
    expect(token.taskDefinitions).toEqual({ web: native().taskDefinitions.v1 });
    expect(start.outputs.candidate).toBe(native().taskDefinitions.v2);
    // The strategy got our steps and our PAUSE hook; the deployment waits at it.
    const [deployment] = deployments();
    expect(deployment?.status).toBe('IN_PROGRESS');
    expect(deployment?.stage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(deployment?.steps).toEqual(steps);
    expect(deployment?.config.lifecycleHooks.map((h) => [h.targetType, h.lifecycleStages])).toEqual([
      ['PAUSE', ['PRE_PRODUCTION_TRAFFIC_SHIFT']],
    ]);

    for (const [i, percent] of steps.entries()) {
      const step = await shift(percent, { candidate: native().taskDefinitions.v2 });
      expect(step.errors).toEqual([]);
      expect(step.exitCode).toBe(0);
      expect(weights()).toEqual({ 'web-blue': 100 - percent, 'web-green': percent });
      expect(JSON.parse(step.outputs['observed-traffic'] ?? '')).toEqual(
        expect.arrayContaining([{ target: native().targetGroups.green, percent }]),
      );
      if (i === 0) {
        // The first step is judged: the gate finds green and blue from the service itself.
        const judged = await gate();
        expect(judged.errors).toEqual([]);
        expect(judged.outputs.verdict).toBe('pass');
        expect(judged.stdout).toContain(
          `candidate ${native().targetGroups.green}, baseline ${native().targetGroups.blue}`,
        );
        expect(judged.summary).toMatch(/Who waits for what \(ECS-native\):\*\* ECS bakes 1 min at each/);
      }
    }
    expect(deployments()[0]?.status).toBe('SUCCESSFUL');
    expect(service().taskDefinition).toBe(native().taskDefinitions.v2);
    // Only ECS wrote the listener: no ModifyRule/ModifyListener from us.
    expect(writeNames().filter((w) => w.startsWith('Modify'))).toEqual([]);
  });

  it('a faulty candidate fails the gate at the first judged step, and ECS rolls it back', async () => {
    const start = await shift(0, { 'task-definition': 'web:3', steps: steps.join(',') });
    expect(start.exitCode).toBe(0);
    const first = await shift(steps[0], { candidate: native().taskDefinitions.v3 });
    expect(first.exitCode).toBe(0);
    const judged = await gate();
    expect(judged.exitCode).toBe(1);
    expect(judged.outputs.verdict).toBe('fail');
    const back = await rollback(start.outputs['rollback-target'] ?? '');
    expect(back.errors).toEqual([]);
    expect(back.exitCode).toBe(0);
    expect(back.outputs['rolled-back']).toBe('true');
    expect(weights()).toEqual({ 'web-blue': 100, 'web-green': 0 });
    expect(deployments()[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(service().taskDefinition).toBe(native().taskDefinitions.v1);
    // ECS's rollback at our paused hook, not a write of weights.
    expect(writeNames()).toContain('ContinueServiceDeployment');
    expect(writeNames().filter((w) => w.startsWith('Modify'))).toEqual([]);
    // A second rollback (the pipeline's job after ours) changes nothing.
    const again = await rollback(start.outputs['rollback-target'] ?? '');
    expect(again.exitCode).toBe(0);
    expect(again.outputs['rolled-back']).toBe('false');
  });

  it('SIGTERM mid-deployment writes nothing more, and the rollback job ends in the recorded stable state', async () => {
    // The user's own PAUSE hook after scale-up holds the deployment before our first pause.
    useStrategy({
      ...configuration,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_SCALE_UP'],
          timeoutConfiguration: { timeoutInMinutes: 600 },
        },
      ],
    });
    const cancelled = await run(
      'canary-shift',
      {
        ...target(),
        percent: String(steps[0]),
        timeout: '60s',
        'task-definition': 'web:2',
        steps: steps.join(','),
      },
      (child) => {
        const timer = setInterval(() => {
          if (writeNames().includes('UpdateService')) {
            clearInterval(timer);
            setTimeout(() => child.kill('SIGTERM'), 300);
          }
        }, 20);
      },
    );
    expect(cancelled.exitCode).toBe(1);
    expect(cancelled.errors.join('\n')).toMatch(/cancel/i);
    expect(writeNames()).toEqual(['UpdateService']);
    expect(deployments()[0]?.status).toBe('IN_PROGRESS');
    // The user's hook and ours are both on the service.
    expect(deployments()[0]?.config.lifecycleHooks.map((h) => h.lifecycleStages)).toEqual([
      ['POST_SCALE_UP'],
      ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
    ]);
    const back = await rollback(cancelled.outputs['rollback-target'] ?? '');
    expect(back.errors).toEqual([]);
    expect(back.exitCode).toBe(0);
    expect(writeNames()).toEqual(['UpdateService', 'StopServiceDeployment']);
    expect(weights()).toEqual({ 'web-blue': 100, 'web-green': 0 });
    expect(deployments()[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('a pause nobody answers times out and ECS rolls back, as documented (timeout action ROLLBACK)', async () => {
    // The user's own PAUSE hook before each shift, one virtual minute long: we use it, not a second one.
    useStrategy({
      ...configuration,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
          timeoutConfiguration: { timeoutInMinutes: 1 },
        },
      ],
    });
    const start = await shift(0, { 'task-definition': 'web:2', steps: steps.join(',') });
    expect(start.exitCode).toBe(0);
    expect(deployments()[0]?.config.lifecycleHooks).toHaveLength(1);
    // The pipeline stalls past the hook's timeout.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const late = await shift(steps[0], { candidate: native().taskDefinitions.v2 });
    expect(late.exitCode).toBe(1);
    expect(late.errors.join('\n')).toMatch(
      /no deployment is in progress on web \(deployment \S+ ROLLBACK_SUCCESSFUL/,
    );
    expect(deployments()[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(weights()).toEqual({ 'web-blue': 100, 'web-green': 0 });
    expect(writeNames()).toEqual(['UpdateService']);
    const back = await rollback(start.outputs['rollback-target'] ?? '');
    expect(back.exitCode).toBe(0);
    expect(back.outputs['rolled-back']).toBe('false');
  });
});

describe('ECS-native: bad input and unsupported shapes fail before any write', () => {
  it.each([
    [
      { steps: '5,50,100' },
      /input "steps": 5,50,100 has 3 steps; the service's CANARY permits one step, then 100/,
    ],
    [{ steps: '10,50' }, /input "steps": "10,50" is not whole percents increasing to 100/],
  ])('steps the strategy cannot express: %o', async (extra, message) => {
    const result = await shift(0, { 'task-definition': 'web:2', ...extra });
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toMatch(message);
    expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
    expect(writeNames()).toEqual([]);
  });

  it('LINEAR steps that are not equal', async () => {
    useStrategy(STRATEGIES[1].configuration);
    const result = await shift(0, { 'task-definition': 'web:2', steps: '10,30,100' });
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toMatch(
      /input "steps": 10,30,100 is not in equal steps of 10 %.*LINEAR permits equal steps of 3 to 100 %/,
    );
    expect(writeNames()).toEqual([]);
  });

  it('a ROLLING service given as one name', async () => {
    const result = await shift(10, { services: aws.world.services.blue, 'task-definition': 'shop:2' });
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toMatch(
      /ECS service shop-blue uses the ROLLING deployment strategy.*two ROLLING services .*CANARY or LINEAR/,
    );
    expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
    expect(writeNames()).toEqual([]);
  });

  it('a CODE_DEPLOY controller', async () => {
    aws.faults.deploymentsDrivenBy(native().service, { controller: 'CODE_DEPLOY' });
    const result = await shift(0, { 'task-definition': 'web:2' });
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toMatch(/ECS service web uses the CODE_DEPLOY deployment controller/);
    expect(writeNames()).toEqual([]);
  });

  it('a split ECS cannot reach next is refused, naming what the strategy permits', async () => {
    const start = await shift(0, { 'task-definition': 'web:2', steps: '10,100' });
    expect(start.exitCode).toBe(0);
    const writes = writeNames();
    const jump = await shift(50, { candidate: native().taskDefinitions.v2 });
    expect(jump.exitCode).toBe(1);
    expect(jump.errors.join('\n')).toMatch(
      /moves the candidate from 0 % to 10 % next \(its steps: 10, 100\); 50 % is not a share it can reach now/,
    );
    expect(writeNames()).toEqual(writes);
  });
});
