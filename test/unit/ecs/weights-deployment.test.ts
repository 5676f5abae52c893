import { describe, expect, it } from 'vitest';
import { ActionError } from '../../../shared/errors';
import { deploymentOutcome, isSettled } from '../../../shared/providers/ecs/deployment';
import {
  actionsWithSplit,
  type ElbAction,
  forwardGroups,
  splitFromWeights,
  weightsVersion,
} from '../../../shared/providers/ecs/weights';

const BLUE_TG = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-blue/aaaa';
const GREEN_TG = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green/bbbb';
const OTHER_TG = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/legacy/cccc';
const serviceOfGroup = new Map([
  [BLUE_TG, 'shop-blue'],
  [GREEN_TG, 'shop-green'],
]);
const groupOfService = new Map([
  ['shop-blue', BLUE_TG],
  ['shop-green', GREEN_TG],
]);

const forward = (
  blue: number,
  green: number,
  extra: { TargetGroupArn: string; Weight: number }[] = [],
): ElbAction => ({
  Type: 'forward',
  Order: 2,
  ForwardConfig: {
    TargetGroups: [
      { TargetGroupArn: BLUE_TG, Weight: blue },
      { TargetGroupArn: GREEN_TG, Weight: green },
      ...extra,
    ],
    TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 },
  },
});

describe('forward weights as a split', () => {
  it('reads percent weights as they are', () => {
    const groups = forwardGroups([forward(90, 10)], 'listener L');
    expect(splitFromWeights(groups, serviceOfGroup, 'listener L')).toEqual([
      { target: 'shop-blue', percent: 90 },
      { target: 'shop-green', percent: 10 },
    ]);
  });

  it('scales relative weights to whole percents that sum to exactly 100', () => {
    const split = splitFromWeights(forwardGroups([forward(1, 2)], 'L'), serviceOfGroup, 'L');
    expect(split).toEqual([
      { target: 'shop-blue', percent: 33 },
      { target: 'shop-green', percent: 67 },
    ]);
    const thirds = splitFromWeights(forwardGroups([forward(333, 666)], 'L'), serviceOfGroup, 'L');
    expect(thirds.reduce((sum, e) => sum + e.percent, 0)).toBe(100);
  });

  it('treats a single-target forward as 100 % of that target group, the other at 0', () => {
    const groups = forwardGroups([{ Type: 'forward', TargetGroupArn: BLUE_TG }], 'L');
    expect(() => splitFromWeights(groups, serviceOfGroup, 'L')).toThrow(
      /does not forward to the target group of shop-green/,
    );
  });

  it('refuses listeners it cannot own: no forward, two forwards, all weights 0, a foreign group with traffic', () => {
    expect(() => forwardGroups([{ Type: 'fixed-response' }], 'listener L')).toThrow(/has no forward action/);
    expect(() => forwardGroups([forward(1, 0), forward(0, 1)], 'L')).toThrow(/more than one/);
    expect(() => splitFromWeights(forwardGroups([forward(0, 0)], 'L'), serviceOfGroup, 'L')).toThrow(
      /all weights 0/,
    );
    const foreign = forwardGroups([forward(50, 0, [{ TargetGroupArn: OTHER_TG, Weight: 50 }])], 'L');
    expect(() => splitFromWeights(foreign, serviceOfGroup, 'L')).toThrow(ActionError);
    const foreignIdle = forwardGroups([forward(100, 0, [{ TargetGroupArn: OTHER_TG, Weight: 0 }])], 'L');
    expect(splitFromWeights(foreignIdle, serviceOfGroup, 'L')).toEqual([
      { target: 'shop-blue', percent: 100 },
      { target: 'shop-green', percent: 0 },
    ]);
  });

  it('has a version that changes with any weight and not with the order of target groups', () => {
    const a = weightsVersion([
      { targetGroupArn: BLUE_TG, weight: 90 },
      { targetGroupArn: GREEN_TG, weight: 10 },
    ]);
    const reordered = weightsVersion([
      { targetGroupArn: GREEN_TG, weight: 10 },
      { targetGroupArn: BLUE_TG, weight: 90 },
    ]);
    const changed = weightsVersion([
      { targetGroupArn: BLUE_TG, weight: 89 },
      { targetGroupArn: GREEN_TG, weight: 11 },
    ]);
    expect(a).toBe(reordered);
    expect(a).not.toBe(changed);
  });
});

describe('a split written as actions', () => {
  it('replaces only the weights, keeping order, stickiness, other actions and idle groups', () => {
    const auth: ElbAction = {
      Type: 'authenticate-oidc',
      Order: 1,
      AuthenticateOidcConfig: { Issuer: 'https://idp' },
    };
    const actions = [auth, forward(100, 0, [{ TargetGroupArn: OTHER_TG, Weight: 0 }])];
    const written = actionsWithSplit(
      actions,
      [
        { target: 'shop-blue', percent: 75 },
        { target: 'shop-green', percent: 25 },
      ],
      groupOfService,
    );
    expect(written[0]).toEqual({
      ...auth,
      AuthenticateOidcConfig: { Issuer: 'https://idp', UseExistingClientSecret: true },
    });
    expect(written[1]).toEqual({
      Type: 'forward',
      Order: 2,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: BLUE_TG, Weight: 75 },
          { TargetGroupArn: GREEN_TG, Weight: 25 },
          { TargetGroupArn: OTHER_TG, Weight: 0 },
        ],
        TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 },
      },
    });
  });

  it('turns a single-target forward into a weighted one, without the conflicting TargetGroupArn', () => {
    const written = actionsWithSplit(
      [{ Type: 'forward', TargetGroupArn: BLUE_TG }],
      [{ target: 'shop-green', percent: 100 }],
      groupOfService,
    );
    expect(written[0]).toEqual({
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: BLUE_TG, Weight: 0 },
          { TargetGroupArn: GREEN_TG, Weight: 100 },
        ],
      },
    });
  });

  it('refuses splits that name another service or do not sum to 100', () => {
    expect(() =>
      actionsWithSplit([forward(100, 0)], [{ target: 'shop-red', percent: 100 }], groupOfService),
    ).toThrow(/not one of the two services/);
    expect(() =>
      actionsWithSplit(
        [forward(100, 0)],
        [
          { target: 'shop-blue', percent: 80 },
          { target: 'shop-green', percent: 30 },
        ],
        groupOfService,
      ),
    ).toThrow(/sums to 110 %/);
  });
});

describe('deployment outcome, tracked by id', () => {
  const ours = {
    id: 'ecs-svc/2',
    status: 'PRIMARY',
    taskDefinition: 'td:2',
    desiredCount: 2,
    runningCount: 1,
  };
  const old = { id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: 'td:1', rolloutState: 'COMPLETED' };

  it('is in progress, then completed', () => {
    expect(
      deploymentOutcome({ deployments: [{ ...ours, rolloutState: 'IN_PROGRESS' }, old] }, 'ecs-svc/2'),
    ).toEqual({
      state: 'in-progress',
      running: 1,
      desired: 2,
    });
    expect(
      deploymentOutcome(
        { deployments: [{ ...ours, rolloutState: 'COMPLETED', runningCount: 2 }] },
        'ecs-svc/2',
      ),
    ).toEqual({ state: 'completed' });
  });

  it('never reports a failed, rolled-back, vanished or superseded deployment as success', () => {
    const failed = deploymentOutcome(
      {
        deployments: [
          { id: 'ecs-svc/3', status: 'PRIMARY', taskDefinition: 'td:1', rolloutState: 'IN_PROGRESS' },
          {
            ...ours,
            status: 'ACTIVE',
            rolloutState: 'FAILED',
            rolloutStateReason: 'circuit breaker: tasks failed to start.',
          },
        ],
      },
      'ecs-svc/2',
    );
    expect(failed).toEqual({
      state: 'failed',
      reason: expect.stringMatching(/failed: circuit breaker.*rolled the service back to td:1/),
    });
    const vanished = deploymentOutcome({ deployments: [{ ...old, status: 'PRIMARY' }] }, 'ecs-svc/2');
    expect(vanished).toEqual({ state: 'failed', reason: expect.stringMatching(/no longer listed/) });
    const superseded = deploymentOutcome(
      {
        deployments: [
          { id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: 'td:9' },
          { ...ours, status: 'ACTIVE', rolloutState: 'COMPLETED' },
        ],
      },
      'ecs-svc/2',
    );
    expect(superseded).toEqual({
      state: 'failed',
      reason: expect.stringMatching(/superseded by ecs-svc\/9/),
    });
  });

  it('calls a service settled only with one completed deployment', () => {
    expect(isSettled({ deployments: [{ ...ours, rolloutState: 'COMPLETED', runningCount: 2 }] })).toBe(true);
    expect(isSettled({ deployments: [{ ...ours, rolloutState: 'COMPLETED' }, old] })).toBe(false);
    expect(isSettled({ deployments: [] })).toBe(false);
  });
});

describe('a count change ramping through PENDING', () => {
  // ECS keeps the deployment COMPLETED while the added tasks are PENDING (a count-only update).
  const scaling = {
    deployments: [
      { id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED', desiredCount: 4, runningCount: 1 },
    ],
  };

  it('is in progress until every task runs, and the service is not settled', () => {
    expect(deploymentOutcome(scaling, 'ecs-svc/1')).toEqual({ state: 'in-progress', running: 1, desired: 4 });
    expect(isSettled(scaling)).toBe(false);
    const ran = { deployments: [{ ...scaling.deployments[0], runningCount: 4 }] };
    expect(deploymentOutcome(ran, 'ecs-svc/1')).toEqual({ state: 'completed' });
    expect(isSettled(ran)).toBe(true);
  });
});
