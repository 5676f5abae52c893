/**
 * rollout end to end on ECS in two-service mode: the built bundle walks every step against the
 * local AWS (ECS and ELBv2 emulators with blue/green services behind a weighted listener,
 * CloudWatch's ALB metrics of the requests it routed, Slack emulator, steady load). The gate's
 * target groups come in the order of `services`; the rollout works out which is the candidate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws } from '../../harness/emulators/local-cloud';
import { everythingVisible, runBundle } from '../../harness/helpers/runner';
import { seedBehaviours } from '../../harness/pipeline/ecs-scenario';
import { expectHeldAtFive, GATE_INPUTS, HELD_STEP } from '../helpers/rollout';
import { terminateWhen } from '../helpers/terminate';

let local: LocalAws | undefined;
afterEach(async () => {
  await local?.stop();
  local = undefined;
});

/** Blue serves v1; the candidate task definition is deployed to green at 0 % (canary-shift). */
async function start(version: 'v2' | 'v3', requestsPerSecond = 400) {
  local = await startLocalAws({ requestsPerSecond });
  seedBehaviours(local);
  const aws = local;
  const deploy = await runBundle(
    'canary-shift',
    { ...target(aws), 'task-definition': aws.aws.world.taskDefinitions[version], percent: 0 },
    { env: aws.env },
  );
  expect(deploy.exitCode, deploy.stdout).toBe(0);
  return {
    aws,
    candidate: deploy.outputs.candidate as string,
    rollbackTarget: deploy.outputs['rollback-target'] as string,
  };
}

function target(aws: LocalAws) {
  const world = aws.aws.world;
  return {
    provider: 'ecs',
    cluster: world.cluster,
    services: `${world.services.blue},${world.services.green}`,
    'listener-arn': world.listenerArn,
  };
}

function rollout(
  aws: LocalAws,
  inputs: Record<string, string>,
  options: Parameters<typeof runBundle>[2] = {},
) {
  const world = aws.aws.world;
  return runBundle(
    'rollout',
    {
      ...target(aws),
      'load-balancer': world.loadBalancerArn,
      'target-groups': `${world.targetGroups.blue},${world.targetGroups.green}`,
      ...GATE_INPUTS,
      'slack-bot-token': aws.slackToken,
      'slack-channel': aws.slackChannel,
      ...inputs,
    },
    { env: aws.env, timeoutMs: 240_000, ...options },
  );
}

const weights = (aws: LocalAws) => aws.aws.weights(aws.aws.world.listenerArn);
const topLevel = (aws: LocalAws) =>
  aws.slack.messages.filter((m) => m.channel === aws.slackChannel && m.threadTs === undefined);

describe('rollout on ECS (two services behind a weighted listener)', () => {
  it('walks a healthy candidate through 7 steps to 100 %, one Slack message updated per step', async () => {
    const { aws, candidate, rollbackTarget } = await start('v2');
    const { blue, green } = aws.aws.world.services;
    const result = await rollout(aws, {
      candidate,
      'rollback-target': rollbackTarget,
      steps: '5,10,20,30,50,75,100',
    });

    expect(result.errors, result.stdout).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      verdict: 'pass',
      'stopped-at': '',
      held: 'false',
      percent: '100',
      candidate,
      stable: blue,
      'rollback-target': rollbackTarget,
    });
    expect(weights(aws)).toEqual({ [blue]: 0, [green]: 100 });
    // The gate compared green's target group (the candidate) with blue's.
    expect(result.stdout).toContain(`Watching ${aws.aws.world.dimensions.targetGroups.green} (candidate)`);
    const messages = topLevel(aws);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.history).toHaveLength(7);
    expect(everythingVisible(result)).not.toContain(aws.slackToken);
  });

  it('stops a faulty candidate at the first step and rolls it back, proven by read-back', async () => {
    const { aws, candidate, rollbackTarget } = await start('v3');
    const { blue, green } = aws.aws.world.services;
    const result = await rollout(aws, { candidate, 'rollback-target': rollbackTarget, steps: '10,50,100' });

    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs).toMatchObject({
      verdict: 'fail',
      'stopped-at': '10',
      'rolled-back': 'true',
      percent: '0',
    });
    expect(weights(aws)).toEqual({ [blue]: 100, [green]: 0 });
    expect(topLevel(aws)[0]?.text).toMatch(/rolled back/i);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('on-inconclusive: hold leaves a step without enough traffic in place, held, exit 0', async () => {
    const { aws, candidate } = await start('v2', 20);
    const { blue, green } = aws.aws.world.services;
    const result = await rollout(aws, { candidate, ...HELD_STEP });
    expectHeldAtFive(result);
    expect(weights(aws)).toEqual({ [blue]: 95, [green]: 5 });
  });

  it('SIGTERM mid-bake: no new write, the state recorded', async () => {
    const { aws, candidate, rollbackTarget } = await start('v2');
    const { green } = aws.aws.world.services;
    let writesAtSignal = -1;
    const result = await rollout(
      aws,
      { candidate, 'rollback-target': rollbackTarget, steps: '10,50,100', 'min-requests': '100000' },
      {
        onStart: (child) =>
          terminateWhen(
            child,
            () => weights(aws)[green] === 10,
            () => {
              writesAtSignal = aws.aws.writes().length;
            },
          ),
      },
    );

    expect(result.exitCode, result.stdout).toBe(1);
    expect(writesAtSignal).toBeGreaterThan(0);
    expect(aws.aws.writes()).toHaveLength(writesAtSignal);
    expect(result.outputs).toMatchObject({ verdict: 'cancelled', 'stopped-at': '10', percent: '10' });
    expect(weights(aws)[green]).toBe(10);
  });

  it.each([
    [{ steps: '10,5,100' }, /input "steps": must increase/],
    [
      { steps: '10,100', 'target-groups': 'targetgroup/only-one/943f017f100becff' },
      /input "target-groups": needs two/,
    ],
    [{ steps: '10,100', region: 'eu west 1' }, /input "region": "eu west 1" is not an AWS region/],
  ])('refuses bad input %o before any request', async (inputs, pattern) => {
    const { aws } = await start('v2');
    const before = aws.aws.calls.length;
    const result = await rollout(aws, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(pattern)]);
    expect(aws.aws.calls).toHaveLength(before);
    expect(aws.slack.messages).toHaveLength(0);
  });

  it('plan-only validates everything and touches nothing', async () => {
    const { aws } = await start('v2');
    const before = aws.aws.calls.length;
    const result = await rollout(aws, { steps: '10,50,100', 'plan-only': 'true' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.steps).toBe('10,50,100');
    expect(aws.aws.calls).toHaveLength(before);
    expect(aws.slack.messages).toHaveLength(0);
  });
});
