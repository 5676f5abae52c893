/**
 * canary-ecs.yml end to end: the pipeline runner runs the workflow's jobs against the local AWS
 * (ECS and ELBv2 emulators with real weighted routing, CloudWatch answered from the routed
 * requests), the Slack emulator and steady load on the listener.
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws } from '../../harness/emulators/local-cloud';
import { startServer } from '../../harness/helpers/http-server';
import { holdFor } from '../../harness/pipeline/cloud-run-scenario';
import { runEcsScenario, seedBehaviours } from '../../harness/pipeline/ecs-scenario';
import {
  databaseToBackUp,
  finalSlackText,
  greenPath,
  results,
  reviewer,
  rollbackStep,
  rolloutStep,
} from '../helpers/pipeline';

let local: LocalAws | undefined;
afterEach(async () => {
  await local?.stop();
  local = undefined;
});

async function start(): Promise<LocalAws> {
  local = await startLocalAws();
  seedBehaviours(local);
  return local;
}

const allBlue = (aws: LocalAws) => ({
  [aws.aws.world.services.blue]: 100,
  [aws.aws.world.services.green]: 0,
});

describe('canary-ecs pipeline', () => {
  it('promotes a healthy task definition on the idle service through seven steps to 100 %', async () => {
    const aws = await start();
    const { world } = aws.aws;
    const { run, weights } = await runEcsScenario(aws, world.taskDefinitions.v2, {
      overrides: { steps: '20,30,40,50,60,80,100' },
    });

    expect(results(run)).toMatchObject({
      plan: 'success',
      deploy: 'success',
      smoke: 'success',
      rollout: 'success',
      approval: 'skipped',
      rollback: 'skipped',
    });
    expect(run.job('deploy').outputs.stable).toContain(world.services.blue);
    expect(rolloutStep(run)?.outputs.verdict).toBe('pass');
    expect(greenPath(weights, world.services.green)).toEqual([0, 20, 30, 40, 50, 60, 80, 100]);
    expect(aws.aws.weights(world.listenerArn)).toEqual({
      [world.services.blue]: 0,
      [world.services.green]: 100,
    });
    expect(finalSlackText(aws)).toMatch(/succeeded/i);
  }, 240_000);

  it('rolls a faulty task definition back at the first step (the gate judged the right target groups)', async () => {
    const aws = await start();
    const { world } = aws.aws;
    const { run, weights } = await runEcsScenario(aws, world.taskDefinitions.v3);

    expect(results(run)).toMatchObject({ rollout: 'failure', approval: 'skipped', rollback: 'success' });
    expect(rolloutStep(run)?.outputs).toMatchObject({ verdict: 'fail', 'stopped-at': '20' });
    expect(Math.max(...greenPath(weights, world.services.green))).toBe(20);
    expect(aws.aws.weights(world.listenerArn)).toEqual(allBlue(aws));
    expect(finalSlackText(aws)).toMatch(/rolled back/i);
  }, 120_000);

  it('a cancellation mid-rollout restores the recorded weights', async () => {
    const aws = await start();
    const { world } = aws.aws;
    const controller = new AbortController();
    const watch = setInterval(() => {
      if ((aws.aws.weights(world.listenerArn)[world.services.green] ?? 0) >= 50) controller.abort();
    }, 50);
    const { run, weights } = await runEcsScenario(aws, world.taskDefinitions.v2, {
      signal: controller.signal,
    }).finally(() => clearInterval(watch));

    expect(run.result).toBe('cancelled');
    expect(results(run)).toMatchObject({ rollout: 'cancelled', approval: 'cancelled', rollback: 'success' });
    expect(greenPath(weights, world.services.green)).toContain(50);
    const restore = rollbackStep(run);
    expect(restore?.inputs.reason).toBe('the run was cancelled');
    expect(aws.aws.weights(world.listenerArn)).toEqual(allBlue(aws));
    expect(finalSlackText(aws)).toMatch(/rolled back/i);
  }, 120_000);

  it('a smoke-test failure stops the pipeline before any weight moves', async () => {
    const aws = await start();
    const { world } = aws.aws;
    // The emulator has no test listener reaching only the idle service: this one stands for it,
    // with a candidate that answers 500 to everything.
    const testListener = await startServer((_req, res) => {
      res.statusCode = 500;
      res.end('broken');
    });
    const { run, weights } = await runEcsScenario(aws, world.taskDefinitions.v3, {
      overrides: { 'smoke-url': testListener.url },
    }).finally(() => testListener.close());

    expect(results(run)).toMatchObject({
      deploy: 'success',
      smoke: 'failure',
      rollout: 'skipped',
      rollback: 'success',
    });
    expect(greenPath(weights, world.services.green)).toEqual([0]);
    const restore = rollbackStep(run);
    expect(restore?.inputs.reason).toBe('the smoke test failed before any traffic moved');
    expect(aws.aws.weights(world.listenerArn)).toEqual(allBlue(aws));
  }, 120_000);

  it('takes a verified backup before deploying', async () => {
    const aws = await start();
    const { world } = aws.aws;
    const { postgres, folder, destination } = await databaseToBackUp();
    try {
      const { run } = await runEcsScenario(aws, world.taskDefinitions.v2, {
        overrides: { backup: true, 'backup-destination': destination, steps: '100' },
        secrets: { DATABASE_URL: postgres.url('shop') },
      });

      expect(results(run)).toMatchObject({
        backup: 'success',
        deploy: 'success',
        rollout: 'success',
        rollback: 'skipped',
      });
      expect(readdirSync(folder).length).toBeGreaterThan(0);
      expect(run.job('backup').startedAt + run.job('backup').durationMs).toBeLessThanOrEqual(
        run.job('deploy').startedAt,
      );
      expect(aws.aws.weights(world.listenerArn)[world.services.green]).toBe(100);
    } finally {
      await postgres.stop();
    }
  }, 120_000);

  it.each(['approve', 'reject'] as const)(
    'holds an inconclusive step for the approval environment: %s',
    async (decision) => {
      const aws = await start();
      const { world } = aws.aws;
      const reviewers = reviewer(decision, () => aws.aws.weights(world.listenerArn)[world.services.green]);
      const { run, weights } = await runEcsScenario(aws, world.taskDefinitions.v2, {
        // 1 % of about 200 requests a second, over a 4m bake (16m at most): too few for min-requests.
        overrides: { steps: '1,100', 'bake-time': '4m', ...holdFor('production-canary') },
        review: reviewers.review,
      });

      expect(reviewers.asked).toEqual([{ job: 'approval', environment: 'production-canary' }]);
      expect(rolloutStep(run)?.outputs).toMatchObject({
        verdict: 'inconclusive',
        held: 'true',
        'stopped-at': '1',
      });
      expect(reviewers.seen).toEqual([1]);
      if (decision === 'approve') {
        expect(results(run)).toMatchObject({ approval: 'success', rollback: 'skipped' });
        expect(greenPath(weights, world.services.green)).toEqual([0, 1, 100]);
        expect(finalSlackText(aws)).toMatch(/succeeded/i);
      } else {
        expect(results(run)).toMatchObject({ approval: 'failure', rollback: 'success' });
        expect(aws.aws.weights(world.listenerArn)).toEqual(allBlue(aws));
        expect(finalSlackText(aws)).toMatch(/rolled back/i);
      }
    },
    120_000,
  );
});
