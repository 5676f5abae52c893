/**
 * canary-cloud-run.yml end to end: the pipeline runner reads the workflow and runs each job's
 * steps with the inputs its YAML gives, each action as its built bundle, against the local cloud
 * (Cloud Run + Cloud Monitoring emulators, Slack emulator, steady load on the service URL).
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../harness/emulators/local-cloud';
import {
  BROKEN_IMAGE,
  FAULTY_IMAGE,
  HEALTHY_IMAGE,
  holdFor,
  IMAGE_BEHAVIOURS,
  runCloudRunScenario,
  STABLE_IMAGE,
  type TrafficSnapshot,
} from '../../harness/pipeline/cloud-run-scenario';
import type { PipelineRun } from '../../harness/pipeline/runner';
import { databaseToBackUp, results, reviewer, rollbackStep, rolloutStep } from '../helpers/pipeline';

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.stop();
  cloud = undefined;
});

async function start(): Promise<LocalCloud> {
  cloud = await startLocalCloud({ stableImage: STABLE_IMAGE, images: IMAGE_BEHAVIOURS });
  return cloud;
}

/** The candidate's share as the platform served it, without repeats: the path the traffic took. */
function sharePath(traffic: TrafficSnapshot[], candidate: string): number[] {
  const path: number[] = [];
  for (const snapshot of traffic) {
    const share = snapshot.observed[candidate] ?? 0;
    if (path[path.length - 1] !== share) path.push(share);
  }
  return path;
}

/** The rollout's one Slack message: its final text and how many versions it went through. */
function slackMessage(local: LocalCloud): { text: string; versions: number } {
  // Top-level messages only: the final thread reply is also broadcast to the channel.
  const messages = local.slack.messages.filter(
    (m) => m.channel === local.slackChannel && m.threadTs === undefined,
  );
  expect(messages).toHaveLength(1);
  const message = messages[0];
  if (!message) throw new Error('no Slack message');
  return { text: message.text ?? '', versions: message.history.length + 1 };
}

function recordedSplit(run: PipelineRun): Record<string, number> {
  const token = JSON.parse(run.job('deploy').outputs['rollback-target'] ?? '{}') as {
    traffic?: { target: string; percent: number }[];
  };
  return Object.fromEntries(
    (token.traffic ?? []).filter((t) => t.percent > 0).map((t) => [t.target, t.percent]),
  );
}

/** Seven steps, six of them gated: more than the five slots the unrolled YAML had. */
const SEVEN_STEPS = '20,30,40,50,60,80,100';
/**
 * A first step of 1 % sees about 2 requests a second here: with a 4m bake (16m at most, 8 s of
 * the accelerated timeline) it can't reach min-requests, so its verdict is inconclusive.
 */
const TOO_SMALL_TO_DECIDE = { steps: '1,100', 'bake-time': '4m' };

describe('canary-cloud-run pipeline', () => {
  it('promotes a healthy candidate through seven steps to 100 %, in one rollout job', async () => {
    const local = await start();
    const [stable] = local.cloudRun.revisions(local.service);
    const { run, traffic } = await runCloudRunScenario(local, HEALTHY_IMAGE, {
      overrides: { steps: SEVEN_STEPS },
    });

    expect(results(run)).toEqual({
      plan: 'success',
      backup: 'skipped',
      deploy: 'success',
      smoke: 'success',
      rollout: 'success',
      approval: 'skipped',
      rollback: 'skipped',
    });
    expect(run.job('plan').outputs.steps).toBe(SEVEN_STEPS);
    const candidate = run.job('deploy').outputs.candidate ?? '';
    expect(candidate).not.toBe(stable);
    expect(run.job('deploy').outputs.stable).toBe(stable);
    expect(sharePath(traffic, candidate)).toEqual([0, 20, 30, 40, 50, 60, 80, 100]);
    expect(local.cloudRun.observed(local.service)).toEqual({ [candidate]: 100 });
    expect(rolloutStep(run)?.outputs).toMatchObject({ verdict: 'pass', percent: '100' });
    expect(rolloutStep(run)?.outputs.held).not.toBe('true');
    // One action call walked every step; no shift or gate of its own ran beside it.
    expect(run.steps().filter((s) => s.uses === 'error-rate-gate')).toEqual([]);
    // Every request of the steady load got an HTTP answer while the traffic moved.
    expect(local.load.connectErrors).toEqual({});
    const slack = slackMessage(local);
    expect(slack.text).toMatch(/succeeded/i);
    // Posted at the start, then updated at each of the seven steps at least.
    expect(slack.versions).toBeGreaterThanOrEqual(8);
    // The Slack token went to the steps as a secret and shows nowhere a person could read.
    const visible = run
      .steps()
      .map((s) => [s.log.replace(/^::add-mask::.*$/gm, ''), JSON.stringify(s.outputs), s.summary].join('\n'))
      .join('\n');
    expect(visible).not.toContain(local.slackToken);
  }, 240_000);

  it('rolls a faulty candidate back at the first step, and the Slack message ends "rolled back"', async () => {
    const local = await start();
    const [stable] = local.cloudRun.revisions(local.service);
    const { run, traffic } = await runCloudRunScenario(local, FAULTY_IMAGE);

    expect(run.result).toBe('failure');
    expect(results(run)).toMatchObject({
      smoke: 'success',
      rollout: 'failure',
      approval: 'skipped',
      rollback: 'success',
    });
    // The rollout restored the recorded state itself, at once; the rollback job found it done.
    expect(rolloutStep(run)?.outputs).toMatchObject({
      verdict: 'fail',
      'stopped-at': '20',
      'rolled-back': 'true',
    });
    const candidate = run.job('deploy').outputs.candidate ?? '';
    expect(Math.max(...sharePath(traffic, candidate))).toBe(20);
    const restore = rollbackStep(run);
    expect(restore?.outcome).toBe('success');
    expect(restore?.inputs.reason).toBe(rolloutStep(run)?.outputs.reason);
    expect(local.cloudRun.observed(local.service)).toEqual({ [stable as string]: 100 });
    expect(recordedSplit(run)).toEqual({ [stable as string]: 100 });
    expect(slackMessage(local).text).toMatch(/rolled back/i);
  }, 120_000);

  it('a cancellation mid-rollout ends in the recorded stable state', async () => {
    const local = await start();
    const controller = new AbortController();
    // Press Cancel once the candidate serves 50 %, as someone watching the rollout would.
    const watch = setInterval(() => {
      const candidate = Object.keys(local.cloudRun.observed(local.service)).find(
        (revision) => revision !== local.cloudRun.revisions(local.service)[0],
      );
      if (candidate && (local.cloudRun.observed(local.service)[candidate] ?? 0) >= 50) controller.abort();
    }, 50);
    const { run, traffic } = await runCloudRunScenario(local, HEALTHY_IMAGE, {
      signal: controller.signal,
    }).finally(() => clearInterval(watch));

    expect(run.cancelled).toBe(true);
    expect(run.result).toBe('cancelled');
    expect(results(run)).toMatchObject({ rollout: 'cancelled', approval: 'cancelled', rollback: 'success' });
    expect(rolloutStep(run)?.outcome).toBe('cancelled');
    const candidate = run.job('deploy').outputs.candidate ?? '';
    expect(sharePath(traffic, candidate)).toContain(50);
    const restore = rollbackStep(run);
    expect(restore?.inputs.reason).toBe('the run was cancelled');
    expect(restore?.outputs['rolled-back']).toBe('true');
    const recorded = recordedSplit(run);
    expect(Object.values(recorded)).toEqual([100]);
    expect(local.cloudRun.observed(local.service)).toEqual(recorded);
    expect(slackMessage(local).text).toMatch(/rolled back/i);
  }, 120_000);

  it('a smoke-test failure stops the pipeline before any traffic moves', async () => {
    const local = await start();
    const [stable] = local.cloudRun.revisions(local.service);
    const { run, traffic } = await runCloudRunScenario(local, BROKEN_IMAGE);

    expect(results(run)).toMatchObject({
      deploy: 'success',
      smoke: 'failure',
      rollout: 'skipped',
      approval: 'skipped',
      rollback: 'success',
    });
    const candidate = run.job('deploy').outputs.candidate ?? '';
    expect(candidate).not.toBe('');
    expect(sharePath(traffic, candidate)).toEqual([0]);
    expect(run.steps().filter((s) => s.uses === 'canary-shift' && s.outcome !== 'skipped')).toHaveLength(1);
    expect(run.steps().filter((s) => s.uses === 'rollout' && s.job === 'rollout')).toEqual([]);
    const restore = rollbackStep(run);
    expect(restore?.inputs.reason).toBe('the smoke test failed before any traffic moved');
    expect(local.cloudRun.observed(local.service)).toEqual({ [stable as string]: 100 });
    expect(slackMessage(local).text).toMatch(/failed/i);
  }, 120_000);

  it('takes a verified backup first when asked, then deploys; steps "100" promote without a canary step', async () => {
    const local = await start();
    const { postgres, folder, destination } = await databaseToBackUp();
    try {
      const { run, traffic } = await runCloudRunScenario(local, HEALTHY_IMAGE, {
        overrides: { backup: true, 'backup-destination': destination, steps: '100' },
        secrets: { DATABASE_URL: postgres.url('shop') },
      });

      expect(results(run)).toEqual({
        plan: 'success',
        backup: 'success',
        deploy: 'success',
        smoke: 'success',
        rollout: 'success',
        approval: 'skipped',
        rollback: 'skipped',
      });
      const backup = run.job('backup').steps.find((s) => s.uses === 'db-backup');
      expect(backup?.outputs.verified).toBe('full'); // the level it passed: db-backup's default
      expect(backup?.outputs.uri?.startsWith(`file://${folder}/`)).toBe(true);
      expect(readdirSync(folder).length).toBeGreaterThan(0);
      // The backup finished before anything was deployed.
      expect(run.job('backup').startedAt + run.job('backup').durationMs).toBeLessThanOrEqual(
        run.job('deploy').startedAt,
      );
      expect(rolloutStep(run)?.outputs.verdict).toBe('pass');
      const candidate = run.job('deploy').outputs.candidate ?? '';
      expect(sharePath(traffic, candidate)).toEqual([0, 100]);
      expect(local.cloudRun.observed(local.service)).toEqual({ [candidate]: 100 });
    } finally {
      await postgres.stop();
    }
  }, 120_000);

  it.each(['approve', 'reject'] as const)(
    'holds an inconclusive step for the approval environment: %s',
    async (decision) => {
      const local = await start();
      const [stable] = local.cloudRun.revisions(local.service);
      const reviewers = reviewer(decision, () => local.cloudRun.observed(local.service));
      const { run, traffic } = await runCloudRunScenario(local, HEALTHY_IMAGE, {
        overrides: { ...TOO_SMALL_TO_DECIDE, ...holdFor('production-canary') },
        review: reviewers.review,
      });

      expect(reviewers.asked).toEqual([{ job: 'approval', environment: 'production-canary' }]);
      expect(rolloutStep(run)?.outputs).toMatchObject({
        verdict: 'inconclusive',
        held: 'true',
        'stopped-at': '1',
      });
      expect(run.job('rollout').result).toBe('success');
      const candidate = run.job('deploy').outputs.candidate ?? '';
      // The held step's traffic stayed where it was while the reviewers decided.
      expect(reviewers.seen).toEqual([{ [stable as string]: 99, [candidate]: 1 }]);
      if (decision === 'approve') {
        expect(results(run)).toMatchObject({ approval: 'success', rollback: 'skipped' });
        expect(run.result).toBe('success');
        expect(sharePath(traffic, candidate)).toEqual([0, 1, 100]);
        expect(local.cloudRun.observed(local.service)).toEqual({ [candidate]: 100 });
        expect(slackMessage(local).text).toMatch(/succeeded/i);
      } else {
        expect(results(run)).toMatchObject({ approval: 'failure', rollback: 'success' });
        expect(run.job('approval').steps).toEqual([]);
        const restore = rollbackStep(run);
        expect(restore?.inputs.reason).toBe('the held step was rejected, or not approved in time');
        expect(local.cloudRun.observed(local.service)).toEqual({ [stable as string]: 100 });
        expect(slackMessage(local).text).toMatch(/rolled back/i);
      }
    },
    120_000,
  );
});
