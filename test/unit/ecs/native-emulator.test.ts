/**
 * The AWS emulator's ECS-native deployments (CANARY, LINEAR, BLUE_GREEN with lifecycle hooks),
 * driven through the official ECS and ELBv2 clients. The emulator runs on a clock the test moves,
 * so bake times and hook timeouts pass without waiting and nothing depends on the machine's speed.
 */
import { request } from 'node:http';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  ContinueServiceDeploymentCommand,
  CreateServiceCommand,
  type DeploymentConfiguration,
  type DeploymentLifecycleHook,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
  type ServiceDeploymentStatus,
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
import { cloudWatchHandler } from '../../../harness/emulators/cloudwatch';
import { startLocalAws } from '../../../harness/emulators/local-cloud';

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

async function listDeployments(status: ServiceDeploymentStatus[]): Promise<string[]> {
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

/** A target group's share (percent) of a listener rule (production by default), read back through ELBv2 DescribeRules. */
async function shareOf(group: string, ruleArn = aws.world.native.productionRuleArn): Promise<number> {
  const rules = await elb.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }));
  const groups =
    rules.Rules?.[0]?.Actions?.find((a) => a.Type === 'forward')?.ForwardConfig?.TargetGroups ?? [];
  const total = groups.reduce((n, g) => n + (g.Weight ?? 0), 0);
  return (100 * (groups.find((g) => g.TargetGroupArn === group)?.Weight ?? 0)) / total;
}

/** The target group production serves from: the one with all the weight, when only one has any. */
async function liveGroup(): Promise<string | undefined> {
  const rules = await elb.send(new DescribeRulesCommand({ RuleArns: [aws.world.native.productionRuleArn] }));
  const groups = rules.Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups ?? [];
  const weighted = groups.filter((g) => (g.Weight ?? 0) > 0);
  return weighted.length === 1 ? weighted[0]?.TargetGroupArn : undefined;
}

/** A CANARY deployment of another task definition: 10 %, no canary bake time, these hooks. */
function quickCanary(lifecycleHooks: DeploymentConfiguration['lifecycleHooks']): Promise<string> {
  return anotherTaskDefinition().then((taskDefinition) =>
    startDeployment(taskDefinition, {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 0 },
      lifecycleHooks,
    }),
  );
}

/** A quick canary with one AWS_LAMBDA hook, whose stand-in answers `result`. */
function withLambdaHook(
  functionArn: string,
  result: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS',
  hook: Omit<DeploymentLifecycleHook, 'targetType' | 'hookTargetArn' | 'roleArn'>,
): Promise<string> {
  aws.faults.lambdaHookAnswers(functionArn, result);
  return quickCanary([
    {
      targetType: 'AWS_LAMBDA',
      hookTargetArn: functionArn,
      roleArn: 'arn:aws:iam::123456789012:role/hooks',
      ...hook,
    },
  ]);
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
    expect(await shareOf(native.targetGroups.green, native.testRuleArn)).toBe(100);
    expect(await shareOf(native.targetGroups.green, native.productionRuleArn)).toBe(0);
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
    expect(aws.weights(native.productionRuleArn)).toEqual({ 'web-blue': 90, 'web-green': 10 });
    expect(await shareOf(native.targetGroups.green, native.productionRuleArn)).toBe(10);
    const canaryAt = now;

    const second = await until((d) => awaitingHook(d) !== undefined, arn);
    // The canary bake time ran before the next pre-shift hook.
    expect(now - canaryAt).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(second.lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(awaitingHook(second)).not.toBe(awaitingHook(first));
    expect(await shareOf(native.targetGroups.green, native.productionRuleArn)).toBe(10);

    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: awaitingHook(second) }),
    );
    const baking = await until((d) => d.lifecycleStage === 'BAKE_TIME', arn);
    expect(baking.status).toBe('IN_PROGRESS');
    expect(await shareOf(native.targetGroups.green, native.productionRuleArn)).toBe(100);
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

/**
 * A LINEAR deployment of `taskDefinition` with a PAUSE before each shift, continued at every pause
 * until it succeeds: the share of production the new revision had at each pause.
 */
async function linearSharesAtPauses(
  taskDefinition: string,
  linear: { stepPercent: number; stepBakeTimeInMinutes: number },
) {
  const { native } = aws.world;
  const liveBefore = await liveGroup();
  // The new revision goes to the group production does not use (they swap after each success).
  const newGroup =
    liveBefore === native.targetGroups.blue ? native.targetGroups.green : native.targetGroups.blue;
  const arn = await startDeployment(taskDefinition, {
    strategy: 'LINEAR',
    linearConfiguration: linear,
    bakeTimeInMinutes: 0,
    lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
  });
  const shares: number[] = [];
  for (;;) {
    const d = await until((x) => awaitingHook(x) !== undefined || x.status === 'SUCCESSFUL', arn);
    if (d.status === 'SUCCESSFUL') return { shares, liveBefore, newGroup };
    shares.push(await shareOf(newGroup));
    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: awaitingHook(d) }),
    );
  }
}

describe('ECS native LINEAR deployment', () => {
  it('pauses before each equal step and ends with the other target group serving everything', async () => {
    const { native } = aws.world;
    const { shares, newGroup } = await linearSharesAtPauses(native.taskDefinitions.v3, {
      stepPercent: 25,
      stepBakeTimeInMinutes: 2,
    });
    expect(shares).toEqual([0, 25, 50, 75]);
    expect(await liveGroup()).toBe(newGroup);
    expect(await versionServed(native.listenerUrl)).toBe('web:3');
  });

  it('takes steps that do not divide 100 up to a last, smaller step', async () => {
    const { shares } = await linearSharesAtPauses(aws.world.native.taskDefinitions.v1, {
      stepPercent: 40,
      stepBakeTimeInMinutes: 0,
    });
    expect(shares).toEqual([0, 40, 80]);
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

  it('ROLLBACK at a pause restores blue to 100 % on both rules and the service to its old task definition', async () => {
    const { native } = aws.world;
    const before = await ecs.send(
      new DescribeServicesCommand({ cluster: aws.world.cluster, services: [native.service] }),
    );
    const { arn, paused, blue } = await pausedAtCanary();
    // A tenth of a percent is written in thousandths: 12.5 % of production.
    expect(await shareOf(blue)).toBe(87.5);
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
    expect(await shareOf(blue)).toBe(100);
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
    expect(await shareOf(blue)).toBe(0);
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    expect((await describeDeployment(arn)).status).toBe('ROLLBACK_REQUESTED');
    // Stopping again while it rolls back "continues the rollback operation".
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    const done = await until((d) => d.status === 'ROLLBACK_SUCCESSFUL', arn);
    expect(done.rollback?.reason).toMatch(/StopServiceDeployment/);
    expect(await shareOf(blue)).toBe(100);
    await expect(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
    ).rejects.toMatchObject({ name: 'ConflictException' });
  });

  it('StopServiceDeployment ABORT stops where it is; the next deployment reconciles first', async () => {
    const { cluster, native } = aws.world;
    const { arn, blue } = await pausedAtCanary();
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ABORT' }));
    expect((await describeDeployment(arn)).status).toBe('STOP_REQUESTED');
    const stopped = await until((d) => d.status === 'STOPPED', arn);
    expect(stopped.stoppedAt).toBeDefined();
    // Nothing restored: the canary split and both revisions stay.
    expect(await shareOf(blue)).toBe(87.5);
    const service = (await ecs.send(new DescribeServicesCommand({ cluster, services: [native.service] })))
      .services?.[0];
    expect(service?.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'COMPLETED'],
      ['ACTIVE', 'FAILED'],
    ]);

    const next = await quickCanary([PAUSE_BEFORE_EACH_SHIFT]);
    const stages: string[] = [];
    await until((d) => {
      if (d.lifecycleStage && stages[stages.length - 1] !== d.lifecycleStage) stages.push(d.lifecycleStage);
      return awaitingHook(d) !== undefined;
    }, next);
    expect(stages.slice(0, 2)).toEqual(['RECONCILE_SERVICE', 'PRE_SCALE_UP']);
    expect(await shareOf(blue)).toBe(100);
  });

  it('a PAUSE hook nobody answers times out and takes its default action, ROLLBACK', async () => {
    const blue = (await liveGroup()) ?? '';
    const arn = await quickCanary([
      {
        targetType: 'PAUSE',
        lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 3 },
      },
    ]);
    const paused = await until((d) => awaitingHook(d) !== undefined, arn);
    expect(paused.lifecycleHookDetails?.[0]?.timeoutAction).toBe('ROLLBACK');
    const expiresAt = paused.lifecycleHookDetails?.[0]?.expiresAt?.getTime() ?? 0;
    const timedOut = await until((d) => d.status !== 'IN_PROGRESS', arn);
    expect(now).toBeGreaterThanOrEqual(expiresAt);
    expect(timedOut.lifecycleHookDetails?.[0]?.status).toBe('TIMED_OUT');
    const done = await until((d) => d.status === 'ROLLBACK_SUCCESSFUL', arn);
    expect(done.statusReason).toMatch(/timed out/);
    expect(await shareOf(blue)).toBe(100);
  });

  it('a hook whose timeout action is CONTINUE proceeds when it times out', async () => {
    const arn = await quickCanary([
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' },
      },
    ]);
    const done = await until((d) => d.status !== 'IN_PROGRESS' && d.status !== 'PENDING', arn);
    expect(done.status).toBe('SUCCESSFUL');
  });

  it('an AWS_LAMBDA hook is answered by the stub: FAILED rolls the deployment back; its invocation is recorded', async () => {
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:smoke';
    const arn = await withLambdaHook(lambda, 'FAILED', {
      lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
      hookDetails: { path: '/healthz' },
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

describe('ECS native traffic, as clients and CloudWatch see it', () => {
  it('routes real requests by the weights ECS wrote, and CloudWatch counts them per target group', async () => {
    const { native } = aws.world;
    aws.mount(cloudWatchHandler(aws.log, { ingestion: { minDelayMs: 0, maxDelayMs: 0 } }));
    const candidate = await anotherTaskDefinition();
    aws.setTaskBehaviour(candidate, { errorRate: 1 });
    const blue = (await liveGroup()) ?? '';
    const arn = await startDeployment(candidate, {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 0 },
      lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
    });
    const first = await until((d) => awaitingHook(d) !== undefined, arn);
    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: awaitingHook(first) }),
    );
    await until((d) => awaitingHook(d) !== undefined, arn);
    const green = blue === native.targetGroups.blue ? native.targetGroups.green : native.targetGroups.blue;
    const dimension = (arn: string) => arn.split(':').slice(5).join(':');

    const minute = 60_000;
    const windowStart = Math.floor(Date.now() / minute) * minute;
    // Requests earlier tests sent through this load balancer in the same minute count too.
    const earlier = aws.log.samples({ group: native.dimensions.loadBalancer, from: windowStart }).length;
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          request(native.listenerUrl, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
            .on('error', reject)
            .end();
        }),
      );
    }
    const failed = statuses.filter((s) => s >= 500).length;
    // 20 % go to the faulty candidate: far from none and far from all (binomial, seeded).
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(70);

    const cloudwatch = new CloudWatchClient({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    });
    const query = (id: string, metric: string, targetGroup: string) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: metric,
          Dimensions: [
            { Name: 'LoadBalancer', Value: native.dimensions.loadBalancer },
            { Name: 'TargetGroup', Value: dimension(targetGroup) },
          ],
        },
        Period: 60,
        Stat: 'Sum',
      },
    });
    const data = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(windowStart),
        EndTime: new Date(Math.floor(Date.now() / minute) * minute + minute),
        MetricDataQueries: [
          query('blue', 'RequestCount', blue),
          query('green', 'RequestCount', green),
          query('green5xx', 'HTTPCode_Target_5XX_Count', green),
          query('blue5xx', 'HTTPCode_Target_5XX_Count', blue),
        ],
      }),
    );
    cloudwatch.destroy();
    const sum = (id: string) =>
      (data.MetricDataResults?.find((r) => r.Id === id)?.Values ?? []).reduce((n, v) => n + v, 0);
    expect(sum('blue') + sum('green')).toBe(earlier + 200);
    expect(sum('green5xx')).toBe(failed);
    expect(sum('blue5xx')).toBe(0);
  });
});

describe('ECS native operations under faults', () => {
  it('a throttled or failed ContinueServiceDeployment changes nothing; the retry continues', async () => {
    const arn = await startDeployment(await anotherTaskDefinition(), {
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 0 },
      lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
    });
    const paused = await until((d) => awaitingHook(d) !== undefined, arn);
    const hookId = awaitingHook(paused);
    const writesBefore = aws.writes().length;
    aws.faults.throttle({ api: 'ecs', operation: 'ContinueServiceDeployment' });
    await expect(
      ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId })),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    aws.faults.serverError({ api: 'ecs', operation: 'ContinueServiceDeployment' });
    await expect(
      ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId })),
    ).rejects.toMatchObject({ name: 'ServerException' });
    expect(awaitingHook(await describeDeployment(arn))).toBe(hookId);
    expect(aws.writes()).toHaveLength(writesBefore);
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId }));
    expect(
      aws
        .writes()
        .map((c) => c.operation)
        .slice(writesBefore),
    ).toEqual(['ContinueServiceDeployment']);
    const next = await until((d) => awaitingHook(d) !== undefined, arn);
    expect(awaitingHook(next)).not.toBe(hookId);
  });
});

describe('ECS native deployments, listed and described', () => {
  it('pages ListServiceDeployments newest first and reports unknown ARNs as MISSING failures', async () => {
    const { cluster, native } = aws.world;
    const all = await listDeployments(['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'STOPPED']);
    expect(all.length).toBeGreaterThan(2);
    const first = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster, service: native.service, maxResults: 1 }),
    );
    expect(first.serviceDeployments).toHaveLength(1);
    const second = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster,
        service: native.service,
        maxResults: 1,
        nextToken: first.nextToken,
      }),
    );
    const [newest, next] = [first.serviceDeployments?.[0], second.serviceDeployments?.[0]];
    expect(newest?.serviceDeploymentArn).not.toBe(next?.serviceDeploymentArn);
    expect(newest?.createdAt?.getTime()).toBeGreaterThanOrEqual(next?.createdAt?.getTime() ?? 0);
    const missing = `${newest?.serviceDeploymentArn?.slice(0, -4)}XXXX`;
    const described = await ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [newest?.serviceDeploymentArn ?? '', missing],
      }),
    );
    expect(described.serviceDeployments).toHaveLength(1);
    expect(described.failures).toEqual([{ arn: missing, reason: 'MISSING' }]);
    await expect(
      ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: Array(21).fill(missing) })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('an AWS_LAMBDA hook answering IN_PROGRESS holds its stage until its timeout, then takes its action', async () => {
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:slow-check';
    const arn = await withLambdaHook(lambda, 'IN_PROGRESS', {
      lifecycleStages: ['POST_SCALE_UP'],
      timeoutConfiguration: { timeoutInMinutes: 2, action: 'CONTINUE' },
    });
    const running = await until((d) => d.lifecycleStage === 'POST_SCALE_UP', arn);
    expect(running.lifecycleHookDetails).toEqual([
      expect.objectContaining({ targetType: 'AWS_LAMBDA', targetArn: lambda, status: 'IN_PROGRESS' }),
    ]);
    // The hook holds the stage until it times out; CONTINUE then moves on at once.
    await until((d) => d.lifecycleStage !== 'POST_SCALE_UP', arn);
    expect(now).toBeGreaterThanOrEqual((running.updatedAt?.getTime() ?? 0) + 2 * MINUTE);
    expect((await until((d) => d.status !== 'IN_PROGRESS', arn)).status).toBe('SUCCESSFUL');
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

  it('a deploymentConfiguration replaces the strategy settings it leaves out; none at all keeps them', async () => {
    const { cluster, native } = aws.world;
    const describe = async () =>
      (await ecs.send(new DescribeServicesCommand({ cluster, services: [native.service] }))).services?.[0]
        ?.deploymentConfiguration;
    await ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: native.service,
        deploymentConfiguration: {
          strategy: 'CANARY',
          canaryConfiguration: { canaryPercent: 25, canaryBakeTimeInMinutes: 3 },
          lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
        },
      }),
    );
    await ecs.send(new UpdateServiceCommand({ cluster, service: native.service, desiredCount: 2 }));
    expect(await describe()).toMatchObject({
      canaryConfiguration: { canaryPercent: 25, canaryBakeTimeInMinutes: 3 },
      lifecycleHooks: [expect.objectContaining({ targetType: 'PAUSE' })],
    });
    await ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: native.service,
        deploymentConfiguration: { bakeTimeInMinutes: 4 },
      }),
    );
    expect(await describe()).toMatchObject({
      strategy: 'CANARY',
      bakeTimeInMinutes: 4,
      canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: 10 },
      lifecycleHooks: [],
    });
  });

  it('keeps a ROLLING service on rolling updates, and refuses an advancedConfiguration there', async () => {
    const { cluster, services, taskDefinitions, targetGroups, native } = aws.world;
    const rolled = await ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: services.blue,
        taskDefinition: taskDefinitions.v2,
        deploymentConfiguration: { strategy: 'ROLLING', maximumPercent: 200, minimumHealthyPercent: 100 },
      }),
    );
    expect(rolled.service?.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
    });
    await expect(
      ecs.send(
        new UpdateServiceCommand({
          cluster,
          service: services.blue,
          loadBalancers: [
            {
              targetGroupArn: targetGroups.blue,
              containerName: 'app',
              containerPort: 8080,
              advancedConfiguration: {
                alternateTargetGroupArn: targetGroups.green,
                productionListenerRule: native.productionRuleArn,
                roleArn: native.roleArn,
              },
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/only valid/),
    });
  });

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

describe('CreateService with a native strategy', () => {
  /** Target groups and listener rules for a new service, as CloudFormation would have made them. */
  function newResources(name: string) {
    const { native } = aws.world;
    const lb = aws.model.loadBalancers.get(native.loadBalancerArn);
    const production = aws.model.listeners.get(native.productionListenerArn);
    const test = aws.model.listeners.get(native.testListenerArn);
    if (!lb || !production || !test) throw new Error('seeded native load balancer missing');
    const blue = aws.model.createTargetGroup(`${name}-blue`, lb.arn);
    const green = aws.model.createTargetGroup(`${name}-green`, lb.arn);
    const forward = () => [
      {
        type: 'forward',
        targetGroups: [
          { targetGroupArn: blue.arn, weight: 100 },
          { targetGroupArn: green.arn, weight: 0 },
        ],
      },
    ];
    const productionRule = aws.model.createRule(production, '0', [`/${name}/*`], forward());
    const testRule = aws.model.createRule(test, '0', [`/${name}/*`], forward());
    return { blue: blue.arn, green: green.arn, productionRule: productionRule.arn, testRule: testRule.arn };
  }

  it('creates a BLUE_GREEN service that ECS then deploys, pausing after production has fully shifted', async () => {
    const r = newResources('orders');
    const created = await ecs.send(
      new CreateServiceCommand({
        cluster: aws.world.cluster,
        serviceName: 'orders',
        taskDefinition: aws.world.native.taskDefinitions.v1,
        desiredCount: 3,
        deploymentController: { type: 'ECS' },
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          bakeTimeInMinutes: 1,
          lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'] }],
        },
        loadBalancers: [
          {
            targetGroupArn: r.blue,
            containerName: 'app',
            containerPort: 8080,
            advancedConfiguration: {
              alternateTargetGroupArn: r.green,
              productionListenerRule: r.productionRule,
              testListenerRule: r.testRule,
              roleArn: aws.world.native.roleArn,
            },
          },
        ],
      }),
    );
    expect(created.service?.deploymentConfiguration).toMatchObject({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
    });
    expect(created.service?.loadBalancers?.[0]?.advancedConfiguration?.alternateTargetGroupArn).toBe(r.green);
    expect(created.service?.runningCount).toBe(3);
    const updated = await ecs.send(
      new UpdateServiceCommand({
        cluster: aws.world.cluster,
        service: 'orders',
        taskDefinition: aws.world.native.taskDefinitions.v2,
      }),
    );
    const arn = updated.service?.currentServiceDeployment ?? '';
    const paused = await until((d) => awaitingHook(d) !== undefined, arn);
    expect(paused.lifecycleStage).toBe('POST_PRODUCTION_TRAFFIC_SHIFT');
    const rules = await elb.send(new DescribeRulesCommand({ RuleArns: [r.productionRule] }));
    expect(rules.Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups).toEqual([
      { TargetGroupArn: r.blue, Weight: 0 },
      { TargetGroupArn: r.green, Weight: 100 },
    ]);
    // The default timeout, 24 hours, and its default action.
    expect(paused.lifecycleHookDetails?.[0]).toMatchObject({ timeoutAction: 'ROLLBACK' });
    expect(paused.lifecycleHookDetails?.[0]?.expiresAt?.getTime()).toBe(
      (paused.updatedAt?.getTime() ?? 0) + 1440 * MINUTE,
    );
    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: awaitingHook(paused) }),
    );
    expect((await until((d) => d.status === 'SUCCESSFUL', arn)).status).toBe('SUCCESSFUL');
  });

  it('refuses a CANARY service without advancedConfiguration, or under the CODE_DEPLOY controller', async () => {
    const r = newResources('payments');
    const base = {
      cluster: aws.world.cluster,
      serviceName: 'payments',
      taskDefinition: aws.world.native.taskDefinitions.v1,
      desiredCount: 1,
    };
    await expect(
      ecs.send(
        new CreateServiceCommand({
          ...base,
          deploymentConfiguration: { strategy: 'CANARY' },
          loadBalancers: [{ targetGroupArn: r.blue, containerName: 'app', containerPort: 8080 }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/advancedConfiguration is required/),
    });
    await expect(
      ecs.send(
        new CreateServiceCommand({
          ...base,
          deploymentController: { type: 'CODE_DEPLOY' },
          deploymentConfiguration: { strategy: 'CANARY' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/ECS deployment controller/),
    });
    const described = await ecs.send(
      new DescribeServicesCommand({ cluster: aws.world.cluster, services: ['payments'] }),
    );
    expect(described.failures?.[0]?.reason).toBe('MISSING');
  });
});

describe('ECS native deployments on the local cloud (accelerated timeline)', () => {
  it('bakes in virtual minutes, with the load on the native production listener', async () => {
    const local = await startLocalAws({ loadOn: 'native', timeScale: 600, requestsPerSecond: 50 });
    const client = new ECSClient({
      endpoint: local.aws.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    });
    try {
      const { cluster, native } = local.aws.world;
      expect(local.listenerUrl).toBe(native.listenerUrl);
      const updated = await client.send(
        new UpdateServiceCommand({
          cluster,
          service: native.service,
          taskDefinition: native.taskDefinitions.v2,
          deploymentConfiguration: {
            strategy: 'CANARY',
            canaryConfiguration: { canaryPercent: 50, canaryBakeTimeInMinutes: 2 },
            lifecycleHooks: [PAUSE_BEFORE_EACH_SHIFT],
          },
        }),
      );
      const arn = updated.service?.currentServiceDeployment ?? '';
      const describe = async () =>
        (await client.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
          .serviceDeployments?.[0];
      /** Polls in real time (the timeline runs 600× faster) until a PAUSE hook awaits action. */
      const nextPause = async () => {
        for (let i = 0; i < 3000; i++) {
          const d = await describe();
          const hook = d?.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION');
          if (hook) return hook;
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error('no pause');
      };
      const first = await nextPause();
      await client.send(
        new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: first.hookId }),
      );
      const second = await nextPause();
      // Both hooks run for timeoutInMinutes from their start: the second one started at least the
      // canary bake time (2 virtual minutes) after the first was answered.
      const startOf = (h: { expiresAt?: Date }) => (h.expiresAt?.getTime() ?? 0) - 60 * MINUTE;
      expect(startOf(second) - startOf(first)).toBeGreaterThanOrEqual(2 * MINUTE);
      await client.send(
        new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: second.hookId }),
      );
      // Requests reached the native listener and were answered by a task.
      expect(local.load.byStatus['200'] ?? 0).toBeGreaterThan(0);
    } finally {
      client.destroy();
      await local.stop();
    }
  });
});
