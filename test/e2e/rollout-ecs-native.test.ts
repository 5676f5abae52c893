/**
 * rollout end to end on ECS-native services (CANARY and LINEAR): the deploy job's canary-shift
 * starts ECS's deployment at percent 0 (our PAUSE hook, the rollout's steps), then the built
 * rollout bundle continues it step by step, judging each pause from CloudWatch with the green and
 * blue target groups read from the deployment, and rolls back through ECS itself. The local AWS
 * runs the deployment on the accelerated timeline the bundles share, with steady load on the
 * production listener whose weights ECS writes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsEmulator } from '../../harness/emulators/aws/server';
import type { LocalAws } from '../../harness/emulators/local-cloud';
import { NATIVE_CONFIGURATIONS, useNativeCloud } from '../helpers/ecs-native';
import { expectPromoted, GATE_INPUTS } from '../helpers/rollout';
import { terminateWhen } from '../helpers/terminate';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bRolloutNativeKEY0042';
// Several bundles and gates per test on a shared machine: generous (no assertion is on time).
vi.setConfig({ testTimeout: 240_000 });

const cloudTest = useNativeCloud(SECRET_KEY);
const { run, target, weights, service, deployments, writeNames, useStrategy } = cloudTest;
let aws: AwsEmulator;
let local: LocalAws;
beforeEach(() => {
  local = cloudTest.cloud();
  aws = local.aws;
});
const native = () => aws.world.native;

/** The deploy job: canary-shift starts ECS's deployment of `version` at 0 % with the rollout's steps. */
async function deploy(version: 'web:2' | 'web:3', steps: readonly number[]) {
  const started = await run('canary-shift', {
    ...target(),
    percent: '0',
    timeout: '60s',
    'task-definition': version,
    steps: steps.join(','),
  });
  expect(started.errors, started.stdout).toEqual([]);
  expect(started.exitCode).toBe(0);
  expect(deployments()[0]?.stage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
  return {
    candidate: started.outputs.candidate as string,
    rollbackTarget: started.outputs['rollback-target'] as string,
  };
}

/** No load balancer nor target groups: the rollout reads them from ECS's deployment at each step. */
const rollout = (
  inputs: Record<string, string>,
  onStart?: (child: import('node:child_process').ChildProcess) => void,
) =>
  run(
    'rollout',
    {
      ...target(),
      ...GATE_INPUTS,
      'slack-bot-token': local.slackToken,
      'slack-channel': local.slackChannel,
      ...inputs,
    },
    onStart,
  );

const rollback = (token: string) => run('rollback', { ...target(), to: token, timeout: '60s' });

const STRATEGIES = [
  { strategy: 'CANARY', configuration: NATIVE_CONFIGURATIONS.CANARY, steps: [10, 100] },
  { strategy: 'LINEAR', configuration: NATIVE_CONFIGURATIONS.LINEAR, steps: [25, 50, 75, 100] },
] as const;

describe.each(STRATEGIES)('rollout on an ECS-native $strategy service', ({ configuration, steps }) => {
  beforeEach(() => useStrategy(configuration));
  const first = steps[0];

  it('continues a healthy candidate to 100 %, each pause judged with the target groups of ECS’s deployment', async () => {
    const { candidate, rollbackTarget } = await deploy('web:2', steps);
    const before = writeNames();
    const result = await rollout({ candidate, 'rollback-target': rollbackTarget, steps: steps.join(',') });

    expectPromoted(result);
    expect(result.outputs).toMatchObject({
      candidate: native().taskDefinitions.v2,
      stable: native().targetGroups.blue,
      'rollback-target': rollbackTarget,
      steps: steps.join(','),
    });
    expect(weights()).toEqual({ 'web-blue': 0, 'web-green': 100 });
    expect(deployments()[0]?.status).toBe('SUCCESSFUL');
    expect(service().taskDefinition).toBe(native().taskDefinitions.v2);
    // Every gated step compared green (the candidate) with blue, read from the deployment.
    const arms = `candidate ${native().targetGroups.green}, baseline ${native().targetGroups.blue}`;
    expect(result.stdout.split(arms)).toHaveLength(steps.length);
    expect(result.stdout).toContain(`Watching ${native().dimensions.targetGroups.green} (candidate)`);
    // Who waited for what, once in the story; one row per step.
    expect(result.summary).toMatch(/Who waits for what \(ECS-native\):\*\* ECS bakes 1 min at each/);
    for (const percent of steps) expect(result.summary).toContain(`| ${percent} % |`);
    // The rollout's only writes: one CONTINUE of our paused hook per step; ECS wrote the weights.
    expect(writeNames().slice(before.length)).toEqual(steps.map(() => 'ContinueServiceDeployment'));
    expect(writeNames().filter((w) => w.startsWith('Modify'))).toEqual([]);
    const messages = local.slack.messages.filter(
      (m) => m.channel === local.slackChannel && m.threadTs === undefined,
    );
    expect(messages).toHaveLength(1);
  });

  it('stops a faulty candidate at the first step; ECS rolls it back and blue is read back at 100 %', async () => {
    const { candidate, rollbackTarget } = await deploy('web:3', steps);
    const before = writeNames();
    const result = await rollout({ candidate, 'rollback-target': rollbackTarget, steps: steps.join(',') });

    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs).toMatchObject({
      verdict: 'fail',
      'stopped-at': String(first),
      'rolled-back': 'true',
      held: 'false',
      percent: '0',
    });
    expect(JSON.parse(result.outputs['observed-traffic'] ?? '')).toEqual(
      expect.arrayContaining([{ target: native().targetGroups.blue, percent: 100 }]),
    );
    expect(weights()).toEqual({ 'web-blue': 100, 'web-green': 0 });
    expect(deployments()[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(service().taskDefinition).toBe(native().taskDefinitions.v1);
    // CONTINUE to the first step, then ROLLBACK at the next pause: ECS's rollback, no weights of ours.
    expect(writeNames().slice(before.length)).toEqual([
      'ContinueServiceDeployment',
      'ContinueServiceDeployment',
    ]);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    // The pipeline's rollback job afterwards changes nothing.
    const again = await rollback(rollbackTarget);
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs['rolled-back']).toBe('false');
  });

  it('on-inconclusive: hold leaves the deployment paused at its step (exit 0), and a later rollback still works', async () => {
    const { candidate, rollbackTarget } = await deploy('web:2', steps);
    const result = await rollout({
      candidate,
      'rollback-target': rollbackTarget,
      steps: steps.join(','),
      'min-requests': '100000',
      'bake-time': '2m',
      'max-duration': '3m',
      'on-inconclusive': 'hold',
    });

    expect(result.errors, result.stdout).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      verdict: 'inconclusive',
      'stopped-at': String(first),
      held: 'true',
      'rolled-back': 'false',
      percent: String(first),
    });
    expect(weights()).toEqual({ 'web-blue': 100 - first, 'web-green': first });
    expect(deployments()[0]).toMatchObject({ status: 'IN_PROGRESS', stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT' });

    const back = await rollback(rollbackTarget);
    expect(back.errors, back.stdout).toEqual([]);
    expect(back.exitCode).toBe(0);
    expect(back.outputs['rolled-back']).toBe('true');
    expect(weights()).toEqual({ 'web-blue': 100, 'web-green': 0 });
    expect(deployments()[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('SIGTERM mid-bake: no new write, the state recorded, and the rollback job restores blue', async () => {
    const { candidate, rollbackTarget } = await deploy('web:2', steps);
    let writesAtSignal = -1;
    let gateStarted = false;
    const result = await rollout(
      { candidate, 'rollback-target': rollbackTarget, steps: steps.join(','), 'min-requests': '100000' },
      (child) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('Watching ')) gateStarted = true;
        });
        terminateWhen(
          child,
          () => gateStarted,
          () => {
            writesAtSignal = aws.writes().length;
          },
        );
      },
    );

    expect(result.exitCode, result.stdout).toBe(1);
    expect(writesAtSignal).toBeGreaterThan(0);
    expect(aws.writes()).toHaveLength(writesAtSignal);
    expect(result.outputs).toMatchObject({
      verdict: 'cancelled',
      'stopped-at': String(first),
      percent: String(first),
      'rollback-target': rollbackTarget,
    });
    expect(weights()).toEqual({ 'web-blue': 100 - first, 'web-green': first });
    expect(deployments()[0]?.status).toBe('IN_PROGRESS');

    const back = await rollback(rollbackTarget);
    expect(back.exitCode, back.stdout).toBe(0);
    expect(weights()).toEqual({ 'web-blue': 100, 'web-green': 0 });
  });
});

describe('rollout on an ECS-native service: bad input fails before any write', () => {
  beforeEach(() => useStrategy(STRATEGIES[0].configuration));

  it.each([
    ['5,50,100', /input "steps": 5,50,100 has 3 steps; the service's CANARY permits one step, then 100/],
    [
      '20,100',
      /input "steps": 20,100 are not the steps of the CANARY deployment in progress on web \(\S+\), which moves the candidate through 10, 100 %/,
    ],
  ])('steps %s, which the deployment cannot express', async (steps, message) => {
    const { candidate, rollbackTarget } = await deploy('web:2', [10, 100]);
    const before = writeNames();
    const result = await rollout({ candidate, 'rollback-target': rollbackTarget, steps });
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toMatch(message);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(writeNames()).toEqual(before);
    expect(weights()).toEqual({ 'web-blue': 100, 'web-green': 0 });
  });

  it.each([
    ['load-balancer', 'app/web/50dc6c495c0c9188'],
    ['target-groups', 'targetgroup/web-blue/943f017f100becff,targetgroup/web-green/6d0ecf831eec9f09'],
  ])('%s given for a native service', async (input, value) => {
    const { candidate, rollbackTarget } = await deploy('web:2', [10, 100]);
    const calls = aws.calls.length;
    const result = await rollout({
      candidate,
      'rollback-target': rollbackTarget,
      steps: '10,100',
      [input]: value,
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(new RegExp(`input "${input}": is read from the ECS service web; leave it out`)),
    ]);
    expect(aws.calls).toHaveLength(calls);
  });
});
