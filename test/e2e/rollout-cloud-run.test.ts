/**
 * rollout end to end on Cloud Run: the built bundle (dist/rollout) walks every step against the
 * local cloud (Cloud Run and Cloud Monitoring emulators, Slack emulator, steady load on the service
 * URL). The gate runs on the local cloud's accelerated timeline, so a bake of minutes takes seconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../harness/emulators/local-cloud';
import { type BundleResult, everythingVisible, runBundle } from '../../harness/helpers/runner';
import {
  FAULTY_IMAGE,
  HEALTHY_IMAGE,
  IMAGE_BEHAVIOURS,
  STABLE_IMAGE,
} from '../../harness/pipeline/cloud-run-scenario';
import { expectHeldAtFive, GATE_INPUTS, HELD_STEP } from '../helpers/rollout';
import { terminateWhen } from '../helpers/terminate';

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.stop();
  cloud = undefined;
});

const SEVEN_STEPS = '5,10,20,30,50,75,100';

/** A local cloud whose service serves the stable image, and a candidate deployed at 0 % (canary-shift). */
async function start(image: string, requestsPerSecond = 400) {
  cloud = await startLocalCloud({ stableImage: STABLE_IMAGE, images: IMAGE_BEHAVIOURS, requestsPerSecond });
  const local = cloud;
  const [stable] = local.cloudRun.revisions(local.service);
  const deploy = await runBundle(
    'canary-shift',
    { ...target(local), image, percent: 0, 'poll-interval': '100ms' },
    { env: local.env },
  );
  expect(deploy.exitCode, deploy.stdout).toBe(0);
  return {
    local,
    stable: stable as string,
    candidate: deploy.outputs.candidate as string,
    rollbackTarget: deploy.outputs['rollback-target'] as string,
  };
}

function target(local: LocalCloud) {
  return { provider: 'cloud-run', project: local.project, region: local.region, service: local.service };
}

function rollout(
  local: LocalCloud,
  inputs: Record<string, string>,
  options: Parameters<typeof runBundle>[2] = {},
) {
  return runBundle(
    'rollout',
    {
      ...target(local),
      ...GATE_INPUTS,
      'slack-bot-token': local.slackToken,
      'slack-channel': local.slackChannel,
      ...inputs,
    },
    { env: local.env, timeoutMs: 240_000, ...options },
  );
}

function topLevelMessages(local: LocalCloud) {
  return local.slack.messages.filter((m) => m.channel === local.slackChannel && m.threadTs === undefined);
}

function expectNoSecret(local: LocalCloud, result: BundleResult): void {
  expect(everythingVisible(result)).not.toContain(local.slackToken);
}

describe('rollout on Cloud Run', () => {
  it('walks a healthy candidate through 7 steps to 100 %, one Slack message updated per step', async () => {
    const { local, stable, candidate, rollbackTarget } = await start(HEALTHY_IMAGE);
    const result = await rollout(local, {
      candidate,
      'rollback-target': rollbackTarget,
      steps: SEVEN_STEPS,
    });

    expect(result.errors, result.stdout).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      verdict: 'pass',
      'stopped-at': '',
      held: 'false',
      percent: '100',
      'rolled-back': 'false',
      candidate,
      steps: SEVEN_STEPS,
      'rollback-target': rollbackTarget,
    });
    expect(local.cloudRun.observed(local.service)).toEqual({ [candidate]: 100 });
    expect(JSON.parse(result.outputs['observed-traffic'] ?? '[]')).toEqual([
      expect.objectContaining({ target: candidate, percent: 100 }),
    ]);
    // One message: posted when the rollout started, then updated once per step (7).
    const messages = topLevelMessages(local);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.history).toHaveLength(7);
    expect(messages[0]?.text).toMatch(/succeeded/i);
    // A log group per step, and one summary row per step.
    for (const [i, percent] of SEVEN_STEPS.split(',').entries()) {
      expect(result.stdout).toContain(`::group::Step ${i + 1} of 7: ${percent} %25 to the candidate`);
      expect(result.summary).toMatch(new RegExp(`\\| ${i + 1} \\| ${percent} % \\| ✅ pass \\|`));
    }
    expect(result.summary).toContain('Rollout: promoted to 100 %');
    expect(result.summary).toContain('xychart-beta');
    expect(result.outputs.stable).toBe(stable);
    expectNoSecret(local, result);
    console.log(`7-step Cloud Run rollout: ${(result.durationMs / 1000).toFixed(1)} s wall`);
  });

  it('stops a faulty candidate at the first step and rolls it back, proven by read-back', async () => {
    const { local, stable, candidate, rollbackTarget } = await start(FAULTY_IMAGE);
    const result = await rollout(local, { candidate, 'rollback-target': rollbackTarget, steps: '10,50,100' });

    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs).toMatchObject({
      verdict: 'fail',
      'stopped-at': '10',
      held: 'false',
      'rolled-back': 'true',
      percent: '0',
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^rollout: fail: fail at 10 %/);
    // Read back from the platform: the stable revision serves everything again.
    expect(local.cloudRun.observed(local.service)).toEqual({ [stable]: 100 });
    const served = JSON.parse(result.outputs['observed-traffic'] ?? '[]') as { percent: number }[];
    expect(served.filter((e) => e.percent > 0)).toEqual([
      expect.objectContaining({ target: stable, percent: 100 }),
    ]);
    expect(result.summary).toContain('FAIL at 10 %, rolled back');
    expect(result.summary).toContain('| 2 | 50 % | not reached |');
    const messages = topLevelMessages(local);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.history).toHaveLength(1);
    expect(messages[0]?.text).toMatch(/rolled back/i);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expectNoSecret(local, result);
  });

  it('on-inconclusive: hold leaves a step without enough traffic in place, held, exit 0', async () => {
    const { local, stable, candidate } = await start(HEALTHY_IMAGE, 20);
    const result = await rollout(local, { candidate, ...HELD_STEP });
    expectHeldAtFive(result);
    // No rollback token was given: the rollout recorded its own before its first write.
    expect(JSON.parse(result.outputs['rollback-target'] ?? '{}').traffic).toEqual([
      { target: stable, percent: 100 },
    ]);
    expect(local.cloudRun.observed(local.service)).toEqual({ [stable]: 95, [candidate]: 5 });
    expect(result.summary).toContain('held at 5 %');
  });

  it('SIGTERM mid-bake: no new write, the state recorded in outputs and summary', async () => {
    const { local, candidate, rollbackTarget } = await start(HEALTHY_IMAGE);
    let writesAtSignal = -1;
    const writes = () => local.cloudRun.calls.filter((c) => c.method !== 'GET').length;
    const result = await rollout(
      local,
      { candidate, 'rollback-target': rollbackTarget, steps: '10,50,100', 'min-requests': '100000' },
      {
        // Once the first step's split is served, the gate is baking.
        onStart: (child) =>
          terminateWhen(
            child,
            () => local.cloudRun.observed(local.service)[candidate] === 10,
            () => {
              writesAtSignal = writes();
            },
          ),
      },
    );

    expect(result.exitCode, result.stdout).toBe(1);
    expect(writesAtSignal).toBeGreaterThan(0);
    expect(writes()).toBe(writesAtSignal);
    expect(result.outputs).toMatchObject({
      verdict: 'cancelled',
      'stopped-at': '10',
      'rolled-back': 'false',
      percent: '10',
      'rollback-target': rollbackTarget,
    });
    expect(result.warnings.join('\n')).toMatch(/received SIGTERM/);
    expect(result.summary).toContain('CANCELLED at 10 %');
    expect(local.cloudRun.observed(local.service)[candidate]).toBe(10);
  });

  it.each([
    [{ steps: '10,5,100' }, /input "steps": must increase, and 5 comes after 10/],
    [{ steps: '10,50' }, /input "steps": must end at 100/],
    [{ steps: 'abc' }, /input "steps": "abc" is not a whole percentage/],
    [
      { steps: '10,100', project: 'Not_A_Project' },
      /input "project": "Not_A_Project" is not a Google Cloud project id/,
    ],
  ])('refuses bad input %o before any request', async (inputs, pattern) => {
    const { local } = await start(HEALTHY_IMAGE);
    const before = local.cloudRun.calls.length;
    const result = await rollout(local, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(pattern);
    expect(result.errors[0]).toContain('for example');
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(local.cloudRun.calls.length).toBe(before);
    expect(local.slack.messages).toHaveLength(0);
    expectNoSecret(local, result);
  });

  it('plan-only validates everything and touches nothing', async () => {
    const { local, candidate } = await start(HEALTHY_IMAGE);
    const before = local.cloudRun.calls.length;
    const result = await rollout(local, { candidate, steps: ' 5, 10,20 ,100', 'plan-only': 'true' });
    expect(result.errors, result.stdout).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.steps).toBe('5,10,20,100');
    expect(result.outputs.verdict).toBeUndefined();
    expect(result.summary).toContain('Rollout plan: 5,10,20,100');
    expect(local.cloudRun.calls.length).toBe(before);
    expect(local.slack.messages).toHaveLength(0);
    expectNoSecret(local, result);
  });
});
