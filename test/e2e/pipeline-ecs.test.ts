/**
 * canary-ecs.yml end to end: the pipeline runner runs the workflow's jobs against the local AWS
 * (ECS and ELBv2 emulators with real weighted routing, CloudWatch answered from the routed
 * requests), the Slack emulator and steady load on the listener.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws } from '../../harness/emulators/local-cloud';
import { runEcsScenario, seedBehaviours, type WeightSnapshot } from '../../harness/pipeline/ecs-scenario';
import type { PipelineRun } from '../../harness/pipeline/runner';

let local: LocalAws | undefined;
afterEach(async () => {
  await local?.stop();
  local = undefined;
});

const results = (run: PipelineRun) => Object.fromEntries(run.jobs.map((j) => [j.id, j.result]));

/** The green (idle, candidate) service's weight after each step, without repeats. */
function greenPath(weights: WeightSnapshot[], green: string): number[] {
  const path: number[] = [];
  for (const snapshot of weights) {
    const share = snapshot.weights[green] ?? 0;
    if (path[path.length - 1] !== share) path.push(share);
  }
  return path;
}

function finalSlackText(aws: LocalAws): string {
  const top = aws.slack.messages.filter((m) => m.channel === aws.slackChannel && m.threadTs === undefined);
  expect(top).toHaveLength(1);
  return top[0]?.text ?? '';
}

describe('canary-ecs pipeline', () => {
  it('promotes a healthy task definition on the idle service to 100 %', async () => {
    local = await startLocalAws();
    seedBehaviours(local);
    const { world } = local.aws;
    const { run, weights } = await runEcsScenario(local, world.taskDefinitions.v2);

    expect(results(run)).toMatchObject({
      deploy: 'success',
      smoke: 'success',
      rollout: 'success',
      promote: 'success',
      rollback: 'skipped',
    });
    expect(run.job('deploy').outputs.stable).toContain(world.services.blue);
    expect(run.job('deploy').outputs['candidate-target-group']).toBe(world.targetGroups.green);
    expect(greenPath(weights, world.services.green)).toEqual([0, 20, 50, 100]);
    expect(local.aws.weights(world.listenerArn)).toEqual({
      [world.services.blue]: 0,
      [world.services.green]: 100,
    });
    expect(finalSlackText(local)).toMatch(/succeeded/i);
  }, 120_000);

  it('rolls a faulty task definition back at the first step', async () => {
    local = await startLocalAws();
    seedBehaviours(local);
    const { world } = local.aws;
    const { run, weights } = await runEcsScenario(local, world.taskDefinitions.v3);

    expect(results(run)).toMatchObject({ rollout: 'failure', promote: 'skipped', rollback: 'success' });
    const gate = run.job('rollout').steps.find((s) => s.id === 'gate-1');
    expect(gate?.outputs.verdict).toBe('fail');
    expect(Math.max(...greenPath(weights, world.services.green))).toBe(20);
    expect(local.aws.weights(world.listenerArn)).toEqual({
      [world.services.blue]: 100,
      [world.services.green]: 0,
    });
    expect(finalSlackText(local)).toMatch(/rolled back/i);
  }, 120_000);
});
