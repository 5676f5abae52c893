import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSettings as readGate } from '../../../actions/error-rate-gate/src/inputs';
import { INPUTS, OUTPUTS, readSettings } from '../../../actions/rollout/src/inputs';
import { REPO_ROOT } from '../../../harness/helpers/runner';
import { InputError } from '../../../shared/errors';
import { fakeCore } from '../../helpers/fake-core';
import { declaredNames } from '../../helpers/metadata';

const cloudRun = { provider: 'cloud-run', project: 'shop-prod-1', region: 'europe-west1', service: 'shop' };
const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2';
const ecs = {
  provider: 'ecs',
  cluster: 'prod',
  services: 'shop-blue,shop-green',
  'listener-arn': LISTENER,
  region: 'eu-west-1',
  'load-balancer': 'app/shop/50dc6c495c0c9188',
  'target-groups': 'targetgroup/shop-blue/943f017f100becff,targetgroup/shop-green/6d0ecf831eec9f09',
};

const metadata = () =>
  parse(readFileSync(join(REPO_ROOT, 'actions', 'rollout', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };

describe('rollout inputs', () => {
  it('declares in action.yml exactly the inputs and outputs the code reads and writes', () => {
    const declared = declaredNames('rollout');
    expect(declared.inputs).toEqual(Object.values(INPUTS).sort());
    expect(declared.outputs).toEqual(Object.values(OUTPUTS).sort());
  });

  it('reads the gate as error-rate-gate does: same defaults, bake-time as its duration', () => {
    const rollout = readSettings(fakeCore({ ...cloudRun, steps: '10,100' }), {});
    const gate = readGate(
      fakeCore({ ...cloudRun, candidate: 'shop-00042-new', baseline: 'shop-00041-old' }),
      {},
    );
    const { metrics: _r, ...rolloutLimits } = rollout.gate;
    const { metrics: _g, ...gateLimits } = gate;
    expect(rolloutLimits).toEqual(gateLimits);
    expect(rollout.gate.metrics).toMatchObject({
      source: 'cloud-monitoring',
      project: 'shop-prod-1',
      service: 'shop',
    });
    expect(metadata().inputs['bake-time']?.default).toBe('10m');
    const custom = readSettings(
      fakeCore({ ...cloudRun, steps: '10,100', 'bake-time': '5m', 'gate-mode': 'dry-run' }),
      {},
    );
    expect(custom.gate).toMatchObject({ durationMs: 300_000, maxDurationMs: 1_800_000, mode: 'dry-run' });
    expect(custom).toMatchObject({ onInconclusive: 'rollback', rollbackOnFailure: true, planOnly: false });
  });

  it('maps ECS target groups in the order of services, and names the gate inputs in errors', () => {
    const settings = readSettings(fakeCore({ ...ecs, steps: '10,100' }), {});
    expect(settings.gate.metrics.source).toBe('cloudwatch');
    expect(settings.gate.targetGroups).toEqual([
      'targetgroup/shop-blue/943f017f100becff',
      'targetgroup/shop-green/6d0ecf831eec9f09',
    ]);
    for (const [inputs, message] of [
      [{ 'bake-time': '10s' }, 'input "bake-time": must be at least one interval'],
      [{ 'max-duration': '1m' }, 'input "max-duration": must be at least bake-time'],
      [{ 'gate-mode': 'yolo' }, 'input "gate-mode": "yolo" is not one of enforce, dry-run'],
      [{ 'on-inconclusive': 'wait' }, 'input "on-inconclusive": "wait" is not one of rollback, hold'],
      [{ 'target-groups': 'targetgroup/x/943f017f100becff' }, 'input "target-groups": needs two different'],
      [{ 'load-balancer': 'shop' }, 'input "load-balancer": "shop" is not an Application Load Balancer'],
      [{ candidate: 'shop blue' }, 'input "candidate": "shop blue" is not a task definition'],
    ] as const) {
      expect(() => readSettings(fakeCore({ ...ecs, steps: '10,100', ...inputs }), {})).toThrow(message);
    }
  });

  it('ECS-native (one service): the arms come from the deployment, inputs naming them are refused', () => {
    const native = { provider: 'ecs', cluster: 'prod', services: 'web', region: 'eu-west-1' };
    const settings = readSettings(fakeCore({ ...native, steps: '10,100' }), {});
    expect(settings.gate.ecsNative).toEqual({
      provider: 'ecs',
      cluster: 'prod',
      services: ['web'],
      region: 'eu-west-1',
    });
    expect(settings.gate.metrics).toMatchObject({ source: 'cloudwatch', region: 'eu-west-1' });
    expect(settings.gate.targetGroups).toBeUndefined();
    // The steps go to the provider, which checks them against the service's strategy before any write.
    expect(settings.candidate.steps).toEqual([10, 100]);
    for (const input of ['load-balancer', 'target-groups'] as const) {
      expect(() => readSettings(fakeCore({ ...native, steps: '10,100', [input]: ecs[input] }), {})).toThrow(
        `input "${input}": is read from the ECS service web; leave it out`,
      );
    }
  });

  it('never fails on Slack inputs: a problem is recorded and Slack left out', () => {
    const token = 'xoxb-1111-2222-secret';
    const noChannel = readSettings(fakeCore({ ...cloudRun, steps: '100', 'slack-bot-token': token }), {});
    expect(noChannel.slack).toBeUndefined();
    expect(noChannel.slackProblems).toEqual([expect.stringContaining('input "slack-channel": is required')]);
    const badTs = readSettings(
      fakeCore({
        ...cloudRun,
        steps: '100',
        'slack-bot-token': token,
        'slack-channel': 'C1',
        'slack-ts': 'x',
      }),
      {},
    );
    expect(badTs.slackProblems).toEqual([expect.stringContaining('"x" is not a Slack message timestamp')]);
    const core = fakeCore({ ...cloudRun, steps: '100', 'slack-bot-token': token, 'slack-channel': 'C1' });
    const ok = readSettings(core, {});
    expect(ok.slack).toMatchObject({ token, channel: 'C1' });
    expect(core.secrets).toContain(token);
    expect(ok.secrets).toContain(token);
  });

  it('checks a given rollback-target against the service, and the candidate against its name', () => {
    const token = JSON.stringify({
      v: 1,
      provider: 'cloud-run',
      resource: { project: 'shop-prod-1', region: 'europe-west1', service: 'cart' },
      traffic: [{ target: 'cart-00001-abc', percent: 100 }],
      capturedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(() => readSettings(fakeCore({ ...cloudRun, steps: '100', 'rollback-target': token }), {})).toThrow(
      /input "rollback-target": was captured for service "cart"/,
    );
    expect(() =>
      readSettings(fakeCore({ ...cloudRun, steps: '100', candidate: 'cart-00002-x' }), {}),
    ).toThrow(InputError);
  });
});
