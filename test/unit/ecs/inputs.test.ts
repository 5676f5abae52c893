import { describe, expect, it } from 'vitest';
import { readSettings as readShift } from '../../../actions/canary-shift/src/inputs';
import { readSettings as readRollback } from '../../../actions/rollback/src/inputs';
import { InputError } from '../../../shared/errors';
import { fakeCore } from '../../helpers/fake-core';

const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2';

describe('ECS inputs', () => {
  it('canary-shift takes two services behind a listener', () => {
    const settings = readShift(
      fakeCore({
        provider: 'ecs',
        cluster: 'prod',
        services: 'shop-blue, shop-green',
        'listener-arn': LISTENER,
        percent: '10',
        'task-definition': 'shop:42',
      }),
    );
    expect(settings.target).toEqual({
      provider: 'ecs',
      cluster: 'prod',
      services: ['shop-blue', 'shop-green'],
      listenerArn: LISTENER,
    });
    expect(settings.candidate).toEqual({ taskDefinition: 'shop:42' });
  });

  it('canary-shift takes one service without a listener (ECS-native: the provider reads its strategy)', () => {
    const settings = readShift(
      fakeCore({
        provider: 'ecs',
        cluster: 'prod',
        services: 'shop',
        percent: '0',
        steps: '10,100',
        'task-definition': 'shop:2',
      }),
    );
    expect(settings.target).toEqual({ provider: 'ecs', cluster: 'prod', services: ['shop'] });
    expect(settings.candidate).toEqual({ taskDefinition: 'shop:2', steps: [10, 100] });
    expect(() =>
      readShift(
        fakeCore({ provider: 'ecs', cluster: 'prod', services: 'shop', percent: '0', steps: '10,50' }),
      ),
    ).toThrow(
      /input "steps": must end at 100 \(the promotion\), and ends at 50 \(for example: 5,10,20,30,50,75,100\)/,
    );
  });

  it('rollback takes one service without a load balancer, returned to a task definition', () => {
    const settings = readRollback(
      fakeCore({ provider: 'ecs', cluster: 'prod', services: 'shop-worker', 'task-definition': 'worker:7' }),
    );
    expect(settings.target).toEqual({ provider: 'ecs', cluster: 'prod', services: ['shop-worker'] });
    expect(settings.source).toEqual({ kind: 'explicit', id: 'worker:7' });
  });

  it('rollback refuses one service with a listener, and a task definition that is not one', () => {
    expect(() =>
      readRollback(
        fakeCore({
          provider: 'ecs',
          cluster: 'prod',
          services: 'shop-blue',
          'listener-arn': LISTENER,
          'task-definition': 'shop:1',
        }),
      ),
    ).toThrow(/input "services": needs two different service names/);
    const bad = () =>
      readRollback(
        fakeCore({
          provider: 'ecs',
          cluster: 'prod',
          services: 'shop-worker',
          'task-definition': 'worker 7',
        }),
      );
    expect(bad).toThrow(InputError);
    expect(bad).toThrow(
      /input "task-definition": "worker 7" is not a task definition ARN or family:revision/,
    );
  });
});
