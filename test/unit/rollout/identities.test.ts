/**
 * One validator per cloud identity: canary-shift, error-rate-gate and rollout accept and refuse
 * the same Google Cloud project ids, regions and service names, with the same words (they used to
 * differ: canary-shift took domain-scoped projects the gate refused, the gate took europe-west12).
 */
import { describe, expect, it } from 'vitest';
import { readSettings as readShift } from '../../../actions/canary-shift/src/inputs';
import { readSettings as readGate } from '../../../actions/error-rate-gate/src/inputs';
import { readSettings as readRollback } from '../../../actions/rollback/src/inputs';
import { readSettings as readRollout } from '../../../actions/rollout/src/inputs';
import { InputError } from '../../../shared/errors';
import { fakeCore } from '../../helpers/fake-core';

const cloudRun = { provider: 'cloud-run', project: 'shop-prod-1', region: 'europe-west1', service: 'shop' };

/** Each parser given the same Cloud Run identity, with what else it requires. */
const parsers: Record<string, (identity: Record<string, string>) => unknown> = {
  'canary-shift': (identity) => readShift(fakeCore({ ...identity, percent: '10' })),
  rollback: (identity) => readRollback(fakeCore(identity)),
  'error-rate-gate': (identity) =>
    readGate(fakeCore({ ...identity, candidate: 'shop-00042-new', baseline: 'shop-00041-old' }), {}),
  rollout: (identity) => readRollout(fakeCore({ ...identity, steps: '10,100' }), {}),
};

function outcome(parse: (identity: Record<string, string>) => unknown, identity: Record<string, string>) {
  try {
    parse(identity);
    return 'accepted';
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
}

describe('one validator per cloud identity', () => {
  it.each([
    ['project', 'shop-prod-1'],
    ['project', 'example.com:shop-prod'],
    ['region', 'europe-west12'],
    ['region', 'northamerica-northeast2'],
    ['service', 'a'.repeat(40)],
  ])('every action accepts %s %s', (input, value) => {
    for (const [action, parse] of Object.entries(parsers)) {
      expect([action, outcome(parse, { ...cloudRun, [input]: value })]).toEqual([action, 'accepted']);
    }
  });

  it.each([
    ['project', 'Shop_Prod', 'is not a Google Cloud project id'],
    ['project', 'shop', 'is not a Google Cloud project id'],
    ['project', 'shop-prod-', 'is not a Google Cloud project id'],
    ['region', 'moon', 'is not a Cloud Run region'],
    ['region', 'europe west1', 'is not a Cloud Run region'],
    ['service', 'Shop_1', 'is not a Cloud Run service name'],
    ['service', 'a'.repeat(50), 'is not a Cloud Run service name'],
  ])('every action refuses %s %s with the same message', (input, value, words) => {
    const messages = Object.values(parsers).map((parse) => outcome(parse, { ...cloudRun, [input]: value }));
    expect(messages[0]).toContain(`input "${input}": "${value}" ${words}`);
    expect(new Set(messages).size).toBe(1);
  });

  it('ECS: canary-shift and rollout refuse the same region, cluster and service names', () => {
    const ecs = {
      provider: 'ecs',
      cluster: 'prod',
      services: 'shop-blue,shop-green',
      'listener-arn':
        'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2',
    };
    for (const [input, value, words] of [
      ['region', 'eu west 1', 'is not an AWS region'],
      ['cluster', 'prod cluster', 'is not an ECS cluster name or ARN'],
      ['services', 'shop blue,shop-green', 'is not an ECS service name or ARN'],
    ] as const) {
      const shift = outcome(parsers['canary-shift'] as never, { ...ecs, [input]: value });
      const rollout = outcome(parsers.rollout as never, { ...ecs, [input]: value });
      expect(shift).toContain(words);
      expect(rollout).toBe(shift);
    }
  });
});
