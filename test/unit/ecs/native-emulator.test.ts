/**
 * The AWS emulator's ECS-native deployments (CANARY, LINEAR, BLUE_GREEN with lifecycle hooks),
 * driven through the official ECS and ELBv2 clients. The emulator runs on a clock the test moves,
 * so bake times and hook timeouts pass without waiting and nothing depends on the machine's speed.
 */
import { request } from 'node:http';
import {
  ContinueServiceDeploymentCommand,
  type DeploymentConfiguration,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsEmulator, startAwsEmulator } from '../../../harness/emulators/aws/server';

const MINUTE = 60_000;
const PAUSE_BEFORE_EACH_SHIFT = {
  targetType: 'PAUSE' as const,
  lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT' as const],
  timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' as const },
};

let now = Date.parse('2026-03-01T10:00:00Z');
let aws: AwsEmulator;
let ecs: ECSClient;
let elb: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  aws = await startAwsEmulator({ now: () => now, deploymentMs: 20_000, stageMs: 5_000 });
  const config = {
    endpoint: aws.endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  };
  ecs = new ECSClient(config);
  elb = new ElasticLoadBalancingV2Client(config);
});

afterAll(async () => {
  ecs.destroy();
  elb.destroy();
  await aws.stop();
});

afterEach(async () => {
  // Leave the service settled for the next test: stop whatever still runs.
  const active = await listDeployments(['PENDING', 'IN_PROGRESS']);
  for (const arn of active) {
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
  }
  if (active.length > 0) await until((d) => d.status === 'ROLLBACK_SUCCESSFUL', active[0] ?? '');
  aws.faults.clear();
});

async function listDeployments(status: ('PENDING' | 'IN_PROGRESS' | 'SUCCESSFUL')[]): Promise<string[]> {
  const listed = await ecs.send(
    new ListServiceDeploymentsCommand({
      cluster: aws.world.cluster,
      service: aws.world.native.service,
      status,
    }),
  );
  return (listed.serviceDeployments ?? []).map((d) => d.serviceDeploymentArn ?? '');
}

async function describeDeployment(arn: string): Promise<ServiceDeployment> {
  const described = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  const deployment = described.serviceDeployments?.[0];
  if (!deployment) throw new Error(`no service deployment ${arn}`);
  return deployment;
}

/**
 * Moves the emulator's clock 5 s at a time (up to a virtual day) until `done` holds. Every stage
 * lasts a multiple of 5 s here, so each one is seen.
 */
async function until(done: (d: ServiceDeployment) => boolean, arn: string): Promise<ServiceDeployment> {
  for (let i = 0; i < (24 * 3600) / 5; i++) {
    const deployment = await describeDeployment(arn);
    if (done(deployment)) return deployment;
    now += 5000;
  }
  throw new Error('the service deployment never reached the expected state');
}

const awaitingHook = (d: ServiceDeployment) =>
  d.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION')?.hookId;

/** Green's share (percent) of a listener rule, read back through ELBv2 DescribeRules. */
async function greenShare(ruleArn: string): Promise<number> {
  const rules = await elb.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }));
  const groups =
    rules.Rules?.[0]?.Actions?.find((a) => a.Type === 'forward')?.ForwardConfig?.TargetGroups ?? [];
  const total = groups.reduce((n, g) => n + (g.Weight ?? 0), 0);
  const { green } = aws.world.native.targetGroups;
  return (100 * (groups.find((g) => g.TargetGroupArn === green)?.Weight ?? 0)) / total;
}

/** The target group production serves from: the one with all the weight, when only one has any. */
async function liveGroup(): Promise<string | undefined> {
  const rules = await elb.send(new DescribeRulesCommand({ RuleArns: [aws.world.native.productionRuleArn] }));
  const groups = rules.Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups ?? [];
  const weighted = groups.filter((g) => (g.Weight ?? 0) > 0);
  return weighted.length === 1 ? weighted[0]?.TargetGroupArn : undefined;
}

/** A task definition of the `web` family that the service does not run now. */
async function anotherTaskDefinition(): Promise<string> {
  const { cluster, native } = aws.world;
  const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [native.service] }));
  const current = described.services?.[0]?.taskDefinition;
  const { v1, v2, v3 } = native.taskDefinitions;
  return [v2, v3, v1].find((t) => t !== current) ?? v2;
}

async function startDeployment(
  taskDefinition: string,
  configuration: DeploymentConfiguration,
): Promise<string> {
  const { cluster, native } = aws.world;
  const updated = await ecs.send(
    new UpdateServiceCommand({
      cluster,
      service: native.service,
      taskDefinition,
      deploymentConfiguration: configuration,
    }),
  );
  expect(updated.service?.taskDefinition).toBe(taskDefinition);
  const arn = updated.service?.currentServiceDeployment;
  if (!arn) throw new Error('UpdateService started no service deployment');
  return arn;
}

function versionServed(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['x-version'])));
    })
      .on('error', reject)
      .end();
  });
}

describe('ECS native CANARY deployment', () => {
  it('walks the stages, pausing before each production shift, with the weights ECS wrote readable at each pause', async () => {
    const { native } = aws.world;
    const arn = await startDeployment(native.taskDefinitions.v2, {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
      bakeTimeInMinutes: 2,
      lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
    });
    const blueAtStart = await liveGroup();
    expect(blueAtStart).toBe(native.targetGroups.blue);
    expect((await describeDeployment(arn)).status).toBe('PENDING');

    const seen: string[] = [];
    const first = await until((d) => {
      if (d.lifecycleStage && seen[seen.length - 1] !== d.lifecycleStage) seen.push(d.lifecycleStage);
      return awaitingHook(d) !== undefined;
    }, arn);
    expect(seen).toEqual([
      'PRE_SCALE_UP',
      'SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
    ]);
    expect(first.status).toBe('IN_PROGRESS');
    expect(first.lifecycleHookDetails).toEqual([
      expect.objectContaining({ targetType: 'PAUSE', status: 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' }),
    ]);
    expect(first.lifecycleHookDetails?.[0]?.expiresAt?.getTime()).toBe(
      (first.updatedAt?.getTime() ?? 0) + 60 * MINUTE,
    );
    // The test listener already sends everything to green; production has not moved.
    expect(await greenShare(native.testRuleArn)).toBe(100);
    expect(await greenShare(native.productionRuleArn)).toBe(0);
    expect(first.targetServiceRevision).toMatchObject({
      requestedTestTrafficWeight: 100,
      runningTaskCount: 2,
    });
    expect(await versionServed(native.testListenerUrl)).toBe('web:2');
    expect(await versionServed(native.listenerUrl)).toBe('web:1');

    // Still paused however long nobody answers (short of the timeout).
    now += 30 * MINUTE;
    expect(awaitingHook(await describeDeployment(arn))).toBe(awaitingHook(first));

    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: arn,
        hookId: awaitingHook(first),
        action: 'CONTINUE',
      }),
    );
    const canary = await until((d) => d.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT', arn);
    expect(canary.targetServiceRevision?.requestedProductionTrafficWeight).toBe(10);
    expect(await greenShare(native.productionRuleArn)).toBe(10);
    const canaryAt = now;

    const second = await until((d) => awaitingHook(d) !== undefined, arn);
    // The canary bake time ran before the next pre-shift hook.
    expect(now - canaryAt).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(second.lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(awaitingHook(second)).not.toBe(awaitingHook(first));
    expect(await greenShare(native.productionRuleArn)).toBe(10);

    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: awaitingHook(second) }),
    );
    const baking = await until((d) => d.lifecycleStage === 'BAKE_TIME', arn);
    expect(baking.status).toBe('IN_PROGRESS');
    expect(await greenShare(native.productionRuleArn)).toBe(100);
    // Both revisions run while the deployment bakes.
    const during = await ecs.send(
      new DescribeServicesCommand({ cluster: aws.world.cluster, services: [native.service] }),
    );
    expect(during.services?.[0]?.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'IN_PROGRESS'],
      ['ACTIVE', 'COMPLETED'],
    ]);

    const done = await until((d) => d.status === 'SUCCESSFUL', arn);
    expect(done.finishedAt).toBeDefined();
    expect(await liveGroup()).toBe(native.targetGroups.green);
    expect(await versionServed(native.listenerUrl)).toBe('web:2');
    const after = await ecs.send(
      new DescribeServicesCommand({ cluster: aws.world.cluster, services: [native.service] }),
    );
    expect(after.services?.[0]?.taskDefinition).toBe(native.taskDefinitions.v2);
    expect(
      after.services?.[0]?.deployments?.map((d) => [d.status, d.rolloutState, d.taskDefinition]),
    ).toEqual([['PRIMARY', 'COMPLETED', native.taskDefinitions.v2]]);
    expect(await listDeployments(['SUCCESSFUL'])).toContain(arn);
    // The production listener's default action is not the rule ECS manages: untouched.
    const listeners = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [native.productionListenerArn] }),
    );
    expect(listeners.Listeners?.[0]?.DefaultActions?.[0]?.ForwardConfig?.TargetGroups).toEqual([
      { TargetGroupArn: native.targetGroups.blue, Weight: 100 },
      { TargetGroupArn: native.targetGroups.green, Weight: 0 },
    ]);
  });
});

/** Continues every pause until the deployment ends, recording green's production share at each. */
async function continueEveryPause(arn: string): Promise<{ shares: number[]; last: ServiceDeployment }> {
  const shares: number[] = [];
  for (;;) {
    const d = await until((x) => awaitingHook(x) !== undefined || x.status === 'SUCCESSFUL', arn);
    if (d.status === 'SUCCESSFUL') return { shares, last: d };
    shares.push(await greenShare(aws.world.native.productionRuleArn));
    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: awaitingHook(d) }),
    );
  }
}

describe('ECS native LINEAR deployment', () => {
  it('pauses before each equal step and ends with the other target group serving everything', async () => {
    const { native } = aws.world;
    const liveBefore = await liveGroup();
    const arn = await startDeployment(native.taskDefinitions.v3, {
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 },
      bakeTimeInMinutes: 0,
      lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
    });
    const { shares, last } = await continueEveryPause(arn);
    // Shares are read against the seeded "green" group; after the first test's deployment the
    // roles are swapped, so convert to "the group this deployment deploys to".
    const toNew = (share: number) => (liveBefore === native.targetGroups.blue ? share : 100 - share);
    expect(shares.map(toNew)).toEqual([0, 25, 50, 75]);
    expect(last.status).toBe('SUCCESSFUL');
    expect(await liveGroup()).not.toBe(liveBefore);
    expect(await versionServed(native.listenerUrl)).toBe('web:3');
  });

  it('takes steps that do not divide 100 up to a last, smaller step', async () => {
    const { native } = aws.world;
    const liveBefore = await liveGroup();
    const arn = await startDeployment(native.taskDefinitions.v1, {
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 40, stepBakeTimeInMinutes: 0 },
      lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
    });
    const { shares } = await continueEveryPause(arn);
    const toNew = (share: number) => (liveBefore === native.targetGroups.blue ? share : 100 - share);
    expect(shares.map(toNew)).toEqual([0, 40, 80]);
  });
});

describe('ECS native rollback and stop', () => {
  async function pausedAtCanary(): Promise<{ arn: string; paused: ServiceDeployment; blue: string }> {
    const blue = (await liveGroup()) ?? '';
    const arn = await startDeployment(await anotherTaskDefinition(), {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 12.5, canaryBakeTimeInMinutes: 1 },
      bakeTimeInMinutes: 1,
      lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
    });
    const first = await until((d) => awaitingHook(d) !== undefined, arn);
    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: awaitingHook(first) }),
    );
    const paused = await until((d) => awaitingHook(d) !== undefined, arn);
    return { arn, paused, blue };
  }

  const productionShareOf = async (group: string) => {
    const rules = await elb.send(
      new DescribeRulesCommand({ RuleArns: [aws.world.native.productionRuleArn] }),
    );
    const groups = rules.Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups ?? [];
    const total = groups.reduce((n, g) => n + (g.Weight ?? 0), 0);
    return (100 * (groups.find((g) => g.TargetGroupArn === group)?.Weight ?? 0)) / total;
  };

  it('ROLLBACK at a pause restores blue to 100 % on both rules and the service to its old task definition', async () => {
    const { native } = aws.world;
    const before = await ecs.send(
      new DescribeServicesCommand({ cluster: aws.world.cluster, services: [native.service] }),
    );
    const { arn, paused, blue } = await pausedAtCanary();
    // A tenth of a percent is written in thousandths: 12.5 % of production.
    expect(await productionShareOf(blue)).toBe(87.5);
    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: arn,
        hookId: awaitingHook(paused),
        action: 'ROLLBACK',
      }),
    );
    const requested = await describeDeployment(arn);
    expect(requested.status).toBe('ROLLBACK_REQUESTED');
    const done = await until((d) => d.status === 'ROLLBACK_SUCCESSFUL', arn);
    expect(done.rollback?.serviceRevisionArn).toBe(done.sourceServiceRevisions?.[0]?.arn);
    expect(await productionShareOf(blue)).toBe(100);
    expect(await liveGroup()).toBe(blue);
    const testRule = await elb.send(new DescribeRulesCommand({ RuleArns: [native.testRuleArn] }));
    const testGroups = testRule.Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups ?? [];
    expect(testGroups.find((g) => g.TargetGroupArn === blue)?.Weight).toBeGreaterThan(0);
    expect(testGroups.filter((g) => (g.Weight ?? 0) > 0)).toHaveLength(1);
    const after = await ecs.send(
      new DescribeServicesCommand({ cluster: aws.world.cluster, services: [native.service] }),
    );
    expect(after.services?.[0]?.taskDefinition).toBe(before.services?.[0]?.taskDefinition);
    expect(after.services?.[0]?.deployments).toHaveLength(1);
    expect(await listDeployments(['PENDING', 'IN_PROGRESS'])).toEqual([]);
  });

  it('refuses to continue a hook twice, an unknown hook, and an unknown deployment, with the SDK error types', async () => {
    const { arn, paused } = await pausedAtCanary();
    const hookId = awaitingHook(paused);
    await expect(
      ecs.send(
        new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: 'ecs-pause-not-a-hook' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId }));
    await expect(
      ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      ecs.send(
        new ContinueServiceDeploymentCommand({
          serviceDeploymentArn: `${arn.slice(0, -4)}XXXX`,
          hookId: 'ecs-pause-x',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ServiceDeploymentNotFoundException' });
  });

  it('StopServiceDeployment ROLLBACK mid-bake restores blue; stopping again continues; a finished one is a conflict', async () => {
    const { arn, paused, blue } = await pausedAtCanary();
    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: awaitingHook(paused) }),
    );
    await until((d) => d.lifecycleStage === 'BAKE_TIME', arn);
    expect(await productionShareOf(blue)).toBe(0);
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    expect((await describeDeployment(arn)).status).toBe('ROLLBACK_REQUESTED');
    // Stopping again while it rolls back "continues the rollback operation".
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    const done = await until((d) => d.status === 'ROLLBACK_SUCCESSFUL', arn);
    expect(done.rollback?.reason).toMatch(/StopServiceDeployment/);
    expect(await productionShareOf(blue)).toBe(100);
    await expect(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
    ).rejects.toMatchObject({ name: 'ConflictException' });
  });

  it('a PAUSE hook nobody answers times out and takes its default action, ROLLBACK', async () => {
    const blue = (await liveGroup()) ?? '';
    const arn = await startDeployment(await anotherTaskDefinition(), {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 0 },
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
          timeoutConfiguration: { timeoutInMinutes: 3 },
        },
      ],
    });
    const paused = await until((d) => awaitingHook(d) !== undefined, arn);
    expect(paused.lifecycleHookDetails?.[0]?.timeoutAction).toBe('ROLLBACK');
    const expiresAt = paused.lifecycleHookDetails?.[0]?.expiresAt?.getTime() ?? 0;
    const timedOut = await until((d) => d.status !== 'IN_PROGRESS', arn);
    expect(now).toBeGreaterThanOrEqual(expiresAt);
    expect(timedOut.lifecycleHookDetails?.[0]?.status).toBe('TIMED_OUT');
    const done = await until((d) => d.status === 'ROLLBACK_SUCCESSFUL', arn);
    expect(done.statusReason).toMatch(/timed out/);
    expect(await productionShareOf(blue)).toBe(100);
  });

  it('a hook whose timeout action is CONTINUE proceeds when it times out', async () => {
    const arn = await startDeployment(await anotherTaskDefinition(), {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 0 },
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' },
        },
      ],
    });
    const done = await until((d) => d.status !== 'IN_PROGRESS' && d.status !== 'PENDING', arn);
    expect(done.status).toBe('SUCCESSFUL');
  });

  it('an AWS_LAMBDA hook is answered by the stub: FAILED rolls the deployment back; its invocation is recorded', async () => {
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:smoke';
    aws.faults.lambdaHookAnswers(lambda, 'FAILED');
    const arn = await startDeployment(await anotherTaskDefinition(), {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 0 },
      lifecycleHooks: [
        {
          targetType: 'AWS_LAMBDA',
          hookTargetArn: lambda,
          roleArn: 'arn:aws:iam::123456789012:role/hooks',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          hookDetails: { path: '/healthz' },
        },
      ],
    });
    const done = await until((d) => d.status === 'ROLLBACK_SUCCESSFUL', arn);
    expect(done.statusReason).toMatch(/failed at POST_TEST_TRAFFIC_SHIFT/);
    expect(aws.model.lambdaInvocations.at(-1)).toMatchObject({
      functionArn: lambda,
      stage: 'POST_TEST_TRAFFIC_SHIFT',
      serviceDeploymentArn: arn,
      hookDetails: { path: '/healthz' },
    });
  });
});

describe('ECS native configuration is validated as the API reference states', () => {
  const update = async (
    deploymentConfiguration: DeploymentConfiguration,
    service = aws.world.native.service,
  ) =>
    ecs.send(
      new UpdateServiceCommand({
        cluster: aws.world.cluster,
        service,
        taskDefinition: await anotherTaskDefinition(),
        deploymentConfiguration,
      }),
    );
  const pause = (stage: 'TEST_TRAFFIC_SHIFT' | 'PRODUCTION_TRAFFIC_SHIFT') => ({
    targetType: 'PAUSE' as const,
    lifecycleStages: [stage],
  });

  it.each([
    [
      'a PAUSE hook at TEST_TRAFFIC_SHIFT',
      { strategy: 'CANARY', lifecycleHooks: [pause('TEST_TRAFFIC_SHIFT')] },
      /PAUSE hooks cannot/,
    ],
    [
      'a PAUSE hook at PRODUCTION_TRAFFIC_SHIFT',
      { strategy: 'LINEAR', lifecycleHooks: [pause('PRODUCTION_TRAFFIC_SHIFT')] },
      /PAUSE hooks cannot/,
    ],
    [
      'canaryPercent below 0.1',
      { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 0.05 } },
      /canaryPercent/,
    ],
    [
      'canaryPercent not in tenths',
      { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 5.55 } },
      /canaryPercent/,
    ],
    ['stepPercent below 3', { strategy: 'LINEAR', linearConfiguration: { stepPercent: 2.9 } }, /stepPercent/],
    [
      'a bake time over 24 h',
      { strategy: 'LINEAR', linearConfiguration: { stepBakeTimeInMinutes: 1441 } },
      /stepBakeTimeInMinutes/,
    ],
    [
      'canaryConfiguration on LINEAR',
      { strategy: 'LINEAR', canaryConfiguration: { canaryPercent: 5 } },
      /only valid/,
    ],
    ['BLUE_GREEN without bakeTimeInMinutes', { strategy: 'BLUE_GREEN' }, /bakeTimeInMinutes is required/],
    [
      'an AWS_LAMBDA hook without a function',
      { strategy: 'CANARY', lifecycleHooks: [{ lifecycleStages: ['POST_SCALE_UP'] }] },
      /hookTargetArn/,
    ],
    [
      'a hook timeout action that does not exist',
      {
        strategy: 'CANARY',
        lifecycleHooks: [
          {
            targetType: 'PAUSE',
            lifecycleStages: ['POST_SCALE_UP'],
            timeoutConfiguration: { action: 'WAIT' },
          },
        ],
      },
      /action must be CONTINUE or ROLLBACK/,
    ],
  ] as [string, DeploymentConfiguration, RegExp][])(
    'refuses %s (InvalidParameterException), starting nothing',
    async (_name, config, message) => {
      const before = await listDeployments(['PENDING', 'IN_PROGRESS', 'SUCCESSFUL']);
      await expect(update(config)).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringMatching(message),
      });
      expect(await listDeployments(['PENDING', 'IN_PROGRESS', 'SUCCESSFUL'])).toEqual(before);
    },
  );

  it('refuses a native strategy on a service whose load balancer has no advancedConfiguration', async () => {
    await expect(update({ strategy: 'CANARY' }, aws.world.services.blue)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/advancedConfiguration is required/),
    });
  });

  it('refuses a second deployment while one is in progress', async () => {
    const arn = await startDeployment(await anotherTaskDefinition(), {
      strategy: 'CANARY',
      lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
    });
    await expect(update({ strategy: 'CANARY' })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(await listDeployments(['PENDING', 'IN_PROGRESS'])).toEqual([arn]);
  });
});
