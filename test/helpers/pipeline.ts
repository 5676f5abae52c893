/** What the pipeline tests of both platforms share: job results, the held step's reviewer, the backup's database. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LocalAws } from '../../harness/emulators/local-cloud';
import { type DatabaseServer, startPostgres } from '../../harness/helpers/databases';
import type { WeightSnapshot } from '../../harness/pipeline/ecs-scenario';
import type { PipelineRun, ReviewDecision, ReviewRequest } from '../../harness/pipeline/runner';

export const results = (run: PipelineRun) => Object.fromEntries(run.jobs.map((j) => [j.id, j.result]));
export const rolloutStep = (run: PipelineRun) => run.job('rollout').steps.find((s) => s.uses === 'rollout');
export const rollbackStep = (run: PipelineRun) =>
  run.job('rollback').steps.find((s) => s.uses === 'rollback');

/** The green (candidate) side's weight as the listener forwarded, without repeats. */
export function greenPath(weights: WeightSnapshot[], green: string): number[] {
  const path: number[] = [];
  for (const snapshot of weights) {
    const share = snapshot.weights[green] ?? 0;
    if (path[path.length - 1] !== share) path.push(share);
  }
  return path;
}

/** The run's one Slack message (top level of the channel), its last text. */
export function finalSlackText(aws: LocalAws): string {
  const top = aws.slack.messages.filter((m) => m.channel === aws.slackChannel && m.threadTs === undefined);
  expect(top).toHaveLength(1);
  return top[0]?.text ?? '';
}

/**
 * The approval environment's required reviewer: decides every request it gets the same way, and
 * records what `serving()` showed while the job waited (the held step's traffic).
 */
export function reviewer<T>(decision: ReviewDecision, serving: () => T) {
  const asked: ReviewRequest[] = [];
  const seen: T[] = [];
  return {
    asked,
    seen,
    review: (request: ReviewRequest) => {
      asked.push(request);
      seen.push(serving());
      return decision;
    },
  };
}

/** A PostgreSQL with a shop database to back up, and an empty folder as the backup's destination. */
export async function databaseToBackUp(): Promise<{
  postgres: DatabaseServer;
  destination: string;
  folder: string;
}> {
  const postgres = await startPostgres();
  postgres.sql('postgres', 'CREATE DATABASE shop');
  postgres.sql(
    'shop',
    'CREATE TABLE orders (id int primary key); INSERT INTO orders SELECT generate_series(1, 100)',
  );
  const folder = mkdtempSync(join(tmpdir(), 'pipeline-backup-'));
  return { postgres, folder, destination: `file://${folder}` };
}
