import { describe, expect, it } from 'vitest';
import { readSettings as readShift } from '../../../actions/canary-shift/src/inputs';
import { readSettings as readRollback } from '../../../actions/rollback/src/inputs';
import { InputError } from '../../../shared/errors';
import { fakeCore } from '../../helpers/fake-core';

const RULE =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';
const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2';
const cloudRun = { provider: 'cloud-run', project: 'shop-prod-1', region: 'europe-west1', service: 'shop' };
const ecs = {
  provider: 'ecs',
  cluster: 'prod',
  services: 'shop-blue, shop-green',
  'listener-rule-arn': RULE,
};

describe('canary-shift settings', () => {
  it('reads a Cloud Run step with defaults', () => {
    const settings = readShift(
      fakeCore({ ...cloudRun, percent: '10', image: 'europe-docker.pkg.dev/p/apps/shop:v2' }),
    );
    expect(settings).toEqual({
      target: { provider: 'cloud-run', project: 'shop-prod-1', region: 'europe-west1', service: 'shop' },
      percent: 10,
      candidate: { tag: 'canary', image: 'europe-docker.pkg.dev/p/apps/shop:v2' },
      timeoutMs: 600_000,
      pollMs: 5000,
      takeOver: false,
    });
  });

  it('takes over a foreign split only when told to, in so many words', () => {
    const base = { ...cloudRun, percent: '10', image: 'europe-docker.pkg.dev/p/apps/shop:v2' };
    expect(readShift(fakeCore({ ...base, 'take-over': 'true' })).takeOver).toBe(true);
    expect(() => readShift(fakeCore({ ...base, 'take-over': 'shop-00001' }))).toThrow(
      'input "take-over": "shop-00001" is not a boolean',
    );
  });

  it.each(['1e2', '0x0A', '0b11', '1_0', ' 10 '])('refuses percent %j: decimal digits only', (percent) => {
    expect(() => readShift(fakeCore({ ...cloudRun, percent }))).toThrow(
      `input "percent": ${JSON.stringify(percent)} is not a whole number in decimal digits`,
    );
  });

  it('refuses a timeout a timer cannot wait', () => {
    expect(() => readShift(fakeCore({ ...cloudRun, percent: '10', timeout: '600h' }))).toThrow(
      'input "timeout": "600h" is longer than the longest duration a timer can wait',
    );
  });

  it('reads an ECS step', () => {
    const settings = readShift(
      fakeCore({ ...ecs, percent: '50', 'task-definition': 'shop:42', region: 'eu-west-1' }),
    );
    expect(settings.target).toEqual({
      provider: 'ecs',
      cluster: 'prod',
      services: ['shop-blue', 'shop-green'],
      listenerRuleArn: RULE,
      region: 'eu-west-1',
    });
    expect(settings.candidate).toEqual({ taskDefinition: 'shop:42' });
  });

  it.each([
    [{ ...cloudRun, percent: '-1' }, 'percent', 'below the minimum 0'],
    [{ ...cloudRun, percent: '12.5' }, 'percent', 'not a whole number'],
    [{ ...cloudRun }, 'percent', 'is required'],
    [{ ...cloudRun, percent: '10', project: 'Not A Project' }, 'project', 'not a Google Cloud project id'],
    [{ ...cloudRun, percent: '10', region: 'moon' }, 'region', 'not a Cloud Run region'],
    [{ ...cloudRun, percent: '10', service: 'Shop_1' }, 'service', 'not a Cloud Run service name'],
    [
      { ...cloudRun, percent: '10', candidate: 'cart-00001-abc' },
      'candidate',
      'not a revision of service shop',
    ],
    [{ ...cloudRun, percent: '10', 'revision-suffix': 'v2' }, 'revision-suffix', 'only applies with "image"'],
    [{ ...cloudRun, percent: '10', image: 'Shop:V2!' }, 'image', 'not a container image reference'],
    [{ ...cloudRun, percent: '10', 'candidate-tag': 'Canary' }, 'candidate-tag', 'not a traffic tag'],
    [{ ...cloudRun, percent: '10', 'task-definition': 'shop:1' }, 'task-definition', 'provider "ecs" only'],
    [{ ...cloudRun, percent: '10', 'poll-interval': '10ms' }, 'poll-interval', 'at least 100ms'],
    [{ ...cloudRun, percent: '10', timeout: 'soon' }, 'timeout', 'not a duration'],
    [{ ...ecs, percent: '10', image: 'shop:v2' }, 'image', 'provider "cloud-run" only'],
    [{ ...ecs, percent: '10', services: 'shop-blue' }, 'services', 'two different service names'],
    [{ ...ecs, percent: '10', services: 'a,a' }, 'services', 'two different service names'],
    [{ ...ecs, percent: '10', 'listener-arn': LISTENER }, 'listener-arn', 'exactly one of'],
    [{ ...ecs, percent: '10', 'listener-rule-arn': '' }, 'listener-rule-arn', 'exactly one of'],
    [
      { ...ecs, percent: '10', 'listener-rule-arn': LISTENER },
      'listener-rule-arn',
      'not a load balancer listener rule ARN',
    ],
    [{ ...ecs, percent: '10', candidate: 'shop:1', 'task-definition': 'shop:2' }, 'candidate', 'not both'],
    [
      { ...ecs, percent: '10', 'task-definition': 'arn:aws:s3:::bucket' },
      'task-definition',
      'not a task definition',
    ],
  ])('rejects %j naming %s', (inputs, input, problem) => {
    const read = () => readShift(fakeCore(inputs));
    expect(read).toThrow(InputError);
    expect(read).toThrow(`input "${input}"`);
    expect(read).toThrow(problem);
  });
});

describe('rollback settings', () => {
  it('takes an explicit revision, or nothing (a no-op)', () => {
    expect(readRollback(fakeCore({ ...cloudRun, revision: 'shop-00001-abc' })).source).toEqual({
      kind: 'explicit',
      id: 'shop-00001-abc',
    });
    expect(readRollback(fakeCore({ ...cloudRun })).source).toBeUndefined();
    expect(readRollback(fakeCore({ ...ecs, 'task-definition': 'shop:41' })).source).toEqual({
      kind: 'explicit',
      id: 'shop:41',
    });
  });

  it('refuses a revision name Cloud Run could never have given, before any call', () => {
    const tooLong = `shop-${'a'.repeat(60)}`;
    const read = () => readRollback(fakeCore({ ...cloudRun, revision: tooLong }));
    expect(read).toThrow('input "revision"');
    expect(read).toThrow('at most 63');
    expect(() => readRollback(fakeCore({ ...cloudRun, revision: 'shop-Rev_1' }))).toThrow('not a DNS label');
  });

  it('refuses a token and an explicit version together, and a token of another provider', () => {
    expect(() => readRollback(fakeCore({ ...cloudRun, to: '{}', revision: 'shop-1' }))).toThrow('not both');
    const ecsToken = JSON.stringify({
      v: 1,
      provider: 'ecs',
      resource: { cluster: 'prod' },
      traffic: [{ target: 'shop-blue', percent: 100 }],
      capturedAt: '2026-01-01T00:00:00Z',
    });
    expect(() => readRollback(fakeCore({ ...cloudRun, to: ecsToken }))).toThrow(
      'captured for provider "ecs"',
    );
  });
});
