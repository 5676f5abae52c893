/** What the pipeline tests of both platforms share: job results, the held step's reviewer, the backup's database. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseServer, startPostgres } from '../../harness/helpers/databases';
import type { PipelineRun, ReviewDecision, ReviewRequest } from '../../harness/pipeline/runner';

export const results = (run: PipelineRun) => Object.fromEntries(run.jobs.map((j) => [j.id, j.result]));
export const rolloutStep = (run: PipelineRun) => run.job('rollout').steps.find((s) => s.uses === 'rollout');
export const rollbackStep = (run: PipelineRun) =>
  run.job('rollback').steps.find((s) => s.uses === 'rollback');

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
