/**
 * canary-cloud-run.yml end to end: the pipeline runner reads the workflow and runs each job's
 * steps with the inputs its YAML gives, each action as its built bundle, against the local cloud
 * (Cloud Run + Cloud Monitoring emulators, Slack emulator, steady load on the service URL).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../harness/emulators/local-cloud';
import { startPostgres } from '../../harness/helpers/databases';
import {
  BROKEN_IMAGE,
  FAULTY_IMAGE,
  HEALTHY_IMAGE,
  IMAGE_BEHAVIOURS,
  runCloudRunScenario,
  STABLE_IMAGE,
  type TrafficSnapshot,
} from '../../harness/pipeline/cloud-run-scenario';
import type { PipelineRun } from '../../harness/pipeline/runner';

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.stop();
  cloud = undefined;
});

async function start(): Promise<LocalCloud> {
  cloud = await startLocalCloud({ stableImage: STABLE_IMAGE, images: IMAGE_BEHAVIOURS });
  return cloud;
}

const results = (run: PipelineRun) => Object.fromEntries(run.jobs.map((j) => [j.id, j.result]));

/** The candidate's share after each step, without repeats: the path the traffic took. */
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

describe('canary-cloud-run pipeline', () => {
  it('promotes a healthy candidate step by step to 100 %', async () => {
    const local = await start();
    const [stable] = local.cloudRun.revisions(local.service);
    const { run, traffic } = await runCloudRunScenario(local, HEALTHY_IMAGE);

    expect(results(run)).toEqual({
      plan: 'success',
      backup: 'skipped',
      deploy: 'success',
      smoke: 'success',
      rollout: 'success',
      promote: 'success',
      rollback: 'skipped',
    });
    const candidate = run.job('deploy').outputs.candidate ?? '';
    expect(candidate).not.toBe(stable);
    expect(run.job('deploy').outputs.stable).toBe(stable);
    expect(sharePath(traffic, candidate)).toEqual([0, 20, 50, 100]);
    expect(local.cloudRun.observed(local.service)).toEqual({ [candidate]: 100 });
    const gates = run
      .job('rollout')
      .steps.filter((s) => s.uses === 'error-rate-gate' && s.outcome !== 'skipped');
    expect(gates.map((g) => g.outputs.verdict)).toEqual(['pass', 'pass']);
    // Every request of the steady load got an HTTP answer while the traffic moved.
    expect(local.load.connectErrors).toEqual({});
    expect(local.load.sent).toBeGreaterThan(1000);
    const slack = slackMessage(local);
    expect(slack.text).toMatch(/succeeded/i);
    // Posted at the start, then updated after the deploy, each step and the promotion.
    expect(slack.versions).toBeGreaterThanOrEqual(5);
    // The Slack token went to the notify steps as a secret and shows nowhere a person could read.
    const visible = run
      .steps()
      .map((s) => [s.log.replace(/^::add-mask::.*$/gm, ''), JSON.stringify(s.outputs), s.summary].join('\n'))
      .join('\n');
    expect(run.steps().filter((s) => s.uses === 'notify-slack' && s.outcome === 'success').length).toBe(5);
    expect(visible).not.toContain(local.slackToken);
  }, 120_000);

  it('rolls a faulty candidate back at the first step, and the Slack message ends "rolled back"', async () => {
    const local = await start();
    const [stable] = local.cloudRun.revisions(local.service);
    const { run, traffic } = await runCloudRunScenario(local, FAULTY_IMAGE);

    expect(run.result).toBe('failure');
    expect(results(run)).toMatchObject({
      smoke: 'success',
      rollout: 'failure',
      promote: 'skipped',
      rollback: 'success',
    });
    const steps = Object.fromEntries(run.job('rollout').steps.map((s) => [s.id, s]));
    expect(steps['gate-1']?.outputs.verdict).toBe('fail');
    expect(steps['shift-2']?.outcome).toBe('skipped');
    const candidate = run.job('deploy').outputs.candidate ?? '';
    expect(Math.max(...sharePath(traffic, candidate))).toBe(20);
    const restore = run.job('rollback').steps.find((s) => s.uses === 'rollback');
    expect(restore?.outputs['rolled-back']).toBe('true');
    expect(local.cloudRun.observed(local.service)).toEqual({ [stable as string]: 100 });
    expect(recordedSplit(run)).toEqual({ [stable as string]: 100 });
    expect(slackMessage(local).text).toMatch(/rolled back/i);
  }, 120_000);

  it('a cancellation mid-rollout ends in the recorded stable state', async () => {
    const local = await start();
    const controller = new AbortController();
    const { run } = await runCloudRunScenario(local, HEALTHY_IMAGE, {
      signal: controller.signal,
      onEvent: (event) => {
        // Cancel while the gate watches the second step (50 %), as someone pressing Cancel would.
        if (event.type === 'step-start' && event.step === 'gate-2')
          setTimeout(() => controller.abort(), 1_500);
      },
    });

    expect(run.cancelled).toBe(true);
    expect(run.result).toBe('cancelled');
    expect(results(run)).toMatchObject({ rollout: 'cancelled', promote: 'cancelled', rollback: 'success' });
    expect(run.job('rollout').steps.find((s) => s.id === 'gate-2')?.outcome).toBe('cancelled');
    const restore = run.job('rollback').steps.find((s) => s.uses === 'rollback');
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
      promote: 'skipped',
      rollback: 'success',
    });
    const candidate = run.job('deploy').outputs.candidate ?? '';
    expect(candidate).not.toBe('');
    expect(sharePath(traffic, candidate)).toEqual([0]);
    expect(run.steps().filter((s) => s.uses === 'canary-shift' && s.outcome !== 'skipped')).toHaveLength(1);
    expect(local.cloudRun.observed(local.service)).toEqual({ [stable as string]: 100 });
    expect(slackMessage(local).text).toMatch(/failed/i);
  }, 120_000);

  it('takes a verified backup first when asked, then deploys; steps "100" promote without a canary step', async () => {
    const local = await start();
    const postgres = await startPostgres();
    try {
      postgres.sql('postgres', 'CREATE DATABASE shop');
      postgres.sql(
        'shop',
        'CREATE TABLE orders (id int primary key); INSERT INTO orders SELECT generate_series(1, 100)',
      );
      const folder = mkdtempSync(join(tmpdir(), 'pipeline-backup-'));
      const { run } = await runCloudRunScenario(local, HEALTHY_IMAGE, {
        overrides: { backup: true, 'backup-destination': `file://${folder}`, steps: '100' },
        secrets: { DATABASE_URL: postgres.url('shop') },
      });

      expect(results(run)).toEqual({
        plan: 'success',
        backup: 'success',
        deploy: 'success',
        smoke: 'success',
        rollout: 'success',
        promote: 'success',
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
      expect(
        run
          .job('rollout')
          .steps.filter((s) => s.outcome !== 'skipped')
          .every((s) => s.kind === 'external'),
      ).toBe(true);
      const candidate = run.job('deploy').outputs.candidate ?? '';
      expect(local.cloudRun.observed(local.service)).toEqual({ [candidate]: 100 });
    } finally {
      await postgres.stop();
    }
  }, 120_000);
});
