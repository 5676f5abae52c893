import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery, toXml } from '../../../harness/emulators/aws/query';
import { type AwsEmulator, startAwsEmulator } from '../../../harness/emulators/aws/server';
import {
  AWS_ENDPOINT_ENV,
  awsClientConfig,
  createAwsClient,
  endpointOverride,
} from '../../../shared/aws/clients';
import { isRetryableAwsError } from '../../../shared/providers/ecs/index';

describe('AWS client configuration', () => {
  it('makes retries explicit and names the action, without an endpoint unless a test sets one', () => {
    const config = awsClientConfig({ region: 'eu-west-1', userAgent: 'rollout-actions/rollback/1.0.0' }, {});
    expect(config).toEqual({
      region: 'eu-west-1',
      maxAttempts: 4,
      retryMode: 'standard',
      customUserAgent: 'rollout-actions/rollback/1.0.0',
    });
  });

  it('passes timeouts and path-style addressing on, and an endpoint the caller resolved wins', () => {
    const config = awsClientConfig(
      {
        region: 'us-east-1',
        userAgent: 'rollout-actions/db-backup/1.0.0',
        maxAttempts: 3,
        requestTimeoutMs: 5000,
        endpoint: 'http://127.0.0.1:9000',
        forcePathStyle: true,
      },
      { [AWS_ENDPOINT_ENV]: 'http://127.0.0.1:4566' },
    );
    expect(config).toEqual({
      region: 'us-east-1',
      maxAttempts: 3,
      retryMode: 'standard',
      customUserAgent: 'rollout-actions/db-backup/1.0.0',
      endpoint: 'http://127.0.0.1:9000',
      requestHandler: { requestTimeout: 5000, connectionTimeout: 5000 },
      forcePathStyle: true,
    });
  });

  it('builds a real SDK client with those settings, the override applied', async () => {
    const client = createAwsClient(
      ECSClient,
      { region: 'eu-west-1', userAgent: 'rollout-actions/canary-shift/1.0.0', maxAttempts: 3 },
      { [AWS_ENDPOINT_ENV]: 'http://127.0.0.1:4566' },
    );
    expect(await client.config.region()).toBe('eu-west-1');
    expect(await client.config.maxAttempts()).toBe(3);
    const retryMode = client.config.retryMode;
    expect(typeof retryMode === 'function' ? await retryMode() : retryMode).toBe('standard');
    expect(client.config.customUserAgent).toEqual([['rollout-actions/canary-shift/1.0.0']]);
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(endpoint?.port).toBe(4566);
    client.destroy();
  });

  it('accepts the test-only endpoint override on loopback only', () => {
    expect(endpointOverride({ [AWS_ENDPOINT_ENV]: 'http://127.0.0.1:4566/' })).toBe('http://127.0.0.1:4566');
    expect(() => endpointOverride({ [AWS_ENDPOINT_ENV]: 'https://ecs.eu-west-1.amazonaws.com' })).toThrow(
      /loopback/,
    );
    expect(() => endpointOverride({ [AWS_ENDPOINT_ENV]: 'not a url' })).toThrow(/not a URL/);
    expect(endpointOverride({})).toBeUndefined();
  });
});

describe('the emulator speaks the SDK wire protocols', () => {
  let aws: AwsEmulator;
  beforeAll(async () => {
    aws = await startAwsEmulator();
  });
  afterAll(async () => {
    await aws.stop();
  });

  // In-process clients with static test credentials; the bundles use the default chain.
  const clientConfig = () => ({
    endpoint: aws.endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  });

  it('answers "too many concurrent attempts" as ECS does, and that error is retried', async () => {
    const ecs = new ECSClient(clientConfig());
    aws.faults.concurrentRevision(1);
    const register = () =>
      ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'shop',
          containerDefinitions: [{ name: 'app', image: 'shop:v4' }],
        }),
      );
    const error = await register().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ClientException');
    expect(isRetryableAwsError(error)).toBe(true);
    expect(
      isRetryableAwsError(
        Object.assign(new Error('Unable to describe task definition.'), { name: 'ClientException' }),
      ),
    ).toBe(false);
    const registered = await register();
    expect(registered.taskDefinition?.taskDefinitionArn).toMatch(/task-definition\/shop:4$/);
    ecs.destroy();
  });

  it('moves a deployment IN_PROGRESS → COMPLETED, with tasks and target health to match', async () => {
    const ecs = new ECSClient(clientConfig());
    const elb = new ElasticLoadBalancingV2Client(clientConfig());
    const { cluster, services, targetGroups } = aws.world;
    const updated = await ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: services.green,
        taskDefinition: 'shop:2',
        desiredCount: 3,
      }),
    );
    const started = updated.service?.deployments?.find((d) => d.status === 'PRIMARY');
    expect(started?.rolloutState).toBe('IN_PROGRESS');
    expect((await ecs.send(new ListTasksCommand({ cluster, serviceName: services.green }))).taskArns).toEqual(
      [],
    );
    await new Promise((resolve) => setTimeout(resolve, 350));
    const described = await ecs.send(
      new DescribeServicesCommand({ cluster, services: [services.green, 'nope'] }),
    );
    expect(described.services?.[0]?.deployments).toEqual([
      expect.objectContaining({ id: started?.id, rolloutState: 'COMPLETED', runningCount: 3 }),
    ]);
    expect(described.failures).toEqual([expect.objectContaining({ reason: 'MISSING' })]);
    const taskArns =
      (await ecs.send(new ListTasksCommand({ cluster, serviceName: services.green }))).taskArns ?? [];
    expect(taskArns).toHaveLength(3);
    const tasks = await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }));
    expect(tasks.tasks?.map((t) => t.taskDefinitionArn)).toEqual(Array(3).fill(aws.world.taskDefinitions.v2));
    const groups = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroups.green] }));
    expect(groups.TargetGroups?.[0]?.TargetGroupName).toBe('shop-green');
    ecs.destroy();
    elb.destroy();
  });

  it('reports deploymentController and deploymentConfiguration.strategy, and refuses a task definition under CODE_DEPLOY', async () => {
    const ecs = new ECSClient(clientConfig());
    const { cluster, services } = aws.world;
    const describe = async () =>
      (await ecs.send(new DescribeServicesCommand({ cluster, services: [services.blue] }))).services?.[0];
    const rolling = await describe();
    expect(rolling?.deploymentController).toEqual({ type: 'ECS' });
    expect(rolling?.deploymentConfiguration?.strategy).toBe('ROLLING');
    aws.faults.deploymentsDrivenBy(services.blue, { controller: 'CODE_DEPLOY' });
    expect((await describe())?.deploymentController).toEqual({ type: 'CODE_DEPLOY' });
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster, service: services.blue, taskDefinition: 'shop:2' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    aws.faults.deploymentsDrivenBy(services.blue, { controller: 'ECS', strategy: 'LINEAR' });
    expect((await describe())?.deploymentConfiguration?.strategy).toBe('LINEAR');
    aws.faults.deploymentsDrivenBy(services.blue, { strategy: 'ROLLING' });
    ecs.destroy();
  });

  it('ramps a count-only update through PENDING on the same COMPLETED deployment', async () => {
    const ecs = new ECSClient(clientConfig());
    const { cluster } = aws.world;
    const before = (await ecs.send(new DescribeServicesCommand({ cluster, services: ['shop-worker'] })))
      .services?.[0];
    const scaled = await ecs.send(
      new UpdateServiceCommand({ cluster, service: 'shop-worker', desiredCount: 4 }),
    );
    const primary = scaled.service?.deployments?.[0];
    expect(primary?.id).toBe(before?.deployments?.[0]?.id); // no new deployment for a count change
    expect(primary?.rolloutState).toBe('COMPLETED');
    expect(primary?.runningCount).toBe(1);
    expect(primary?.pendingCount).toBe(3);
    expect(scaled.service?.runningCount).toBeLessThan(4);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const after = (await ecs.send(new DescribeServicesCommand({ cluster, services: ['shop-worker'] })))
      .services?.[0];
    expect(after?.deployments?.[0]).toMatchObject({ runningCount: 4, pendingCount: 0 });
    await ecs.send(new UpdateServiceCommand({ cluster, service: 'shop-worker', desiredCount: 1 }));
    ecs.destroy();
  });

  it('rejects a weight out of range with ValidationError, leaving the rule as it was', async () => {
    const elb = new ElasticLoadBalancingV2Client(clientConfig());
    const before = aws.weights(aws.world.ruleArn);
    const error = await elb
      .send(
        new ModifyRuleCommand({
          RuleArn: aws.world.ruleArn,
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [{ TargetGroupArn: aws.world.targetGroups.blue, Weight: 1000 }],
              },
            },
          ],
        }),
      )
      .catch((err: unknown) => err);
    expect((error as Error).name).toBe('ValidationError');
    expect(aws.weights(aws.world.ruleArn)).toEqual(before);
    elb.destroy();
  });

  it('lets a mounted handler answer first (as the CloudWatch emulator will), and passes the rest on', async () => {
    aws.mount((req, res) => {
      if (!String(req.headers['x-amz-target'] ?? '').startsWith('GraniteServiceVersion20100801.'))
        return false;
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      res.end(JSON.stringify({ MetricDataResults: [] }));
      return true;
    });
    const response = await fetch(aws.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData' },
      body: '{}',
    });
    expect(await response.json()).toEqual({ MetricDataResults: [] });
    const ecs = new ECSClient(clientConfig());
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['shop-blue'] }));
    expect(out.services?.[0]?.serviceName).toBe('shop-blue');
    ecs.destroy();
  });

  it('decodes AWS Query lists and encodes XML members', () => {
    const params = parseQuery(
      'Action=ModifyListener&Version=2015-12-01&DefaultActions.member.1.Type=forward&DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight=10&DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight=90&ListenerArns.member.1=a%26b',
    );
    expect(params).toEqual({
      Action: 'ModifyListener',
      Version: '2015-12-01',
      DefaultActions: [
        { Type: 'forward', ForwardConfig: { TargetGroups: [{ Weight: '90' }, { Weight: '10' }] } },
      ],
      ListenerArns: ['a&b'],
    });
    expect(toXml({ Listeners: [{ Port: 80, Arn: 'a<b' }] })).toBe(
      '<Listeners><member><Port>80</Port><Arn>a&lt;b</Arn></member></Listeners>',
    );
  });
});
