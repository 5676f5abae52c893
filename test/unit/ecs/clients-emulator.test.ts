import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_ENDPOINT_ENV,
  awsClientConfig,
  createAwsClient,
  endpointOverride,
} from '../../../shared/aws/clients';
import { isRetryableAwsError } from '../../../shared/providers/ecs/index';
import { parseQuery, toXml } from '../../emulators/aws/query';
import { type AwsEmulator, startAwsEmulator } from '../../emulators/aws/server';

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

  it('answers "too many concurrent attempts" as ECS does, and that error is retried', async () => {
    const env = {
      [AWS_ENDPOINT_ENV]: aws.endpoint,
    };
    const ecs = createAwsClient(
      ECSClient,
      { region: 'us-east-1', userAgent: 'rollout-actions/test/1.0.0', maxAttempts: 1 },
      env,
    );
    // Static credentials for this in-process client only: the bundles use the default chain.
    Object.assign(ecs.config, {
      credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }),
    });
    aws.faults.concurrentRevision(1);
    const error = await ecs
      .send(
        new RegisterTaskDefinitionCommand({
          family: 'shop',
          containerDefinitions: [{ name: 'app', image: 'shop:v4' }],
        }),
      )
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ClientException');
    expect(isRetryableAwsError(error)).toBe(true);
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'shop',
        containerDefinitions: [{ name: 'app', image: 'shop:v4' }],
      }),
    );
    expect(registered.taskDefinition?.taskDefinitionArn).toMatch(/task-definition\/shop:4$/);
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
