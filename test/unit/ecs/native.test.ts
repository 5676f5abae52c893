import { describe, expect, it } from 'vitest';
import { greenGroup, pausedHook, withPauseHook } from '../../../shared/providers/ecs/native-state';
import {
  nativeSequence,
  nextNativeShare,
  planNativeSteps,
  refuseForeignDeployments,
} from '../../../shared/providers/ecs/strategy';

describe('steps mapped onto an ECS-native strategy', () => {
  it('CANARY: one step, then 100 → canaryPercent', () => {
    expect(planNativeSteps('CANARY', [10, 100])).toEqual({ canaryConfiguration: { canaryPercent: 10 } });
    expect(() => planNativeSteps('CANARY', [5, 50, 100])).toThrow(
      /input "steps": 5,50,100 has 3 steps; the service's CANARY permits one step, then 100 .*for example: 10,100/,
    );
  });

  it('LINEAR: equal steps of 3–100 % → stepPercent, the last one may be short', () => {
    expect(planNativeSteps('LINEAR', [20, 40, 60, 80, 100])).toEqual({
      linearConfiguration: { stepPercent: 20 },
    });
    expect(planNativeSteps('LINEAR', [30, 60, 90, 100])).toEqual({
      linearConfiguration: { stepPercent: 30 },
    });
    expect(planNativeSteps('LINEAR', [100])).toEqual({ linearConfiguration: { stepPercent: 100 } });
    expect(() => planNativeSteps('LINEAR', [10, 25, 100])).toThrow(
      /10,25,100 is not in equal steps of 10 % \(that would be 10,20,30,40,50,60,70,80,90,100\)/,
    );
    expect(() => planNativeSteps('LINEAR', [2, 4, 100])).toThrow(/below ECS's minimum of 3 %/);
  });

  it('BLUE_GREEN: 100 only, and says why', () => {
    expect(planNativeSteps('BLUE_GREEN', [100])).toEqual({});
    expect(() => planNativeSteps('BLUE_GREEN', [10, 100])).toThrow(/shifts all production traffic at once/);
  });

  it('the sequence ECS moves through, and the next share from where it is', () => {
    expect(nativeSequence('CANARY', {})).toEqual([5, 100]);
    expect(nativeSequence('LINEAR', {})).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(nativeSequence('LINEAR', { linearConfiguration: { stepPercent: 33.3 } })).toEqual([
      33.3, 66.6, 99.9, 100,
    ]);
    expect(nativeSequence('BLUE_GREEN', {})).toEqual([100]);
    expect(nextNativeShare([10, 100], 0)).toBe(10);
    expect(nextNativeShare([10, 100], 10)).toBe(100);
    expect(nextNativeShare([10, 100], 100)).toBeUndefined();
  });
});

describe('who drives the service', () => {
  it('refuses CODE_DEPLOY and EXTERNAL, and a native strategy given as one of two services', () => {
    expect(() =>
      refuseForeignDeployments('shop', { deploymentController: { type: 'CODE_DEPLOY' } }, 1),
    ).toThrow(/CODE_DEPLOY deployment controller/);
    expect(() => refuseForeignDeployments('shop', { deploymentController: { type: 'EXTERNAL' } }, 1)).toThrow(
      /EXTERNAL deployment controller/,
    );
    expect(() =>
      refuseForeignDeployments('shop', { deploymentConfiguration: { strategy: 'CANARY' } }, 2),
    ).toThrow(/Give that one service alone in "services"/);
    expect(() =>
      refuseForeignDeployments('shop', { deploymentConfiguration: { strategy: 'CANARY' } }, 1),
    ).not.toThrow();
  });
});

describe('an ECS-native deployment, read', () => {
  const groups = { primary: 'tg-a', alternate: 'tg-b' };
  const split = (a: number, b: number) => [
    { target: 'tg-a', percent: a },
    { target: 'tg-b', percent: b },
  ];
  const paused = {
    status: 'IN_PROGRESS',
    lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
    lifecycleHookDetails: [{ hookId: 'h1', targetType: 'PAUSE', status: 'AWAITING_ACTION' }],
  };

  it('a PAUSE hook awaiting at PRE_PRODUCTION_TRAFFIC_SHIFT is ours to resolve; one awaiting elsewhere is not', () => {
    expect(pausedHook(paused)).toBe('h1');
    expect(pausedHook({ ...paused, lifecycleStage: 'POST_SCALE_UP' })).toBeUndefined();
    expect(pausedHook({ ...paused, status: 'ROLLBACK_IN_PROGRESS' })).toBeUndefined();
    expect(
      pausedHook({
        ...paused,
        lifecycleHookDetails: [{ hookId: 'h1', targetType: 'PAUSE', status: 'SUCCEEDED' }],
      }),
    ).toBeUndefined();
  });

  it('green is the target group at the target revision’s weight, else the one at 0 % before any shift', () => {
    const at = (w: number) => ({ ...paused, targetServiceRevision: { requestedProductionTrafficWeight: w } });
    expect(greenGroup(split(100, 0), groups, at(0))).toBe('tg-b');
    expect(greenGroup(split(0, 100), groups, at(0))).toBe('tg-a'); // the second deployment goes back
    expect(greenGroup(split(90, 10), groups, at(10))).toBe('tg-b');
    expect(greenGroup(split(20, 80), groups, at(20))).toBe('tg-a');
    expect(greenGroup(split(50, 50), groups, at(50))).toBe('tg-b'); // ambiguous: the alternate, as the guide names it
    expect(greenGroup(split(0, 100), groups, undefined)).toBe('tg-a'); // idle: the next deployment's green
  });

  it('our PAUSE hook is added once, and the user’s own hooks are kept', () => {
    const lambda = {
      targetType: 'AWS_LAMBDA',
      hookTargetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:check',
      lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
    };
    const first = withPauseHook([lambda], 60);
    expect(first.added).toBe(true);
    expect(first.hooks).toEqual([
      lambda,
      {
        targetType: 'PAUSE',
        lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' },
      },
    ]);
    const again = withPauseHook(first.hooks, 60);
    expect(again.added).toBe(false);
    expect(again.hooks).toEqual(first.hooks);
  });
});
