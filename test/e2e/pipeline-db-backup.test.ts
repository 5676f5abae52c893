/**
 * db-backup.yml end to end: the pipeline runner runs the workflow against a real PostgreSQL, a
 * folder as the store and the Slack emulator; the database URL is passed as a secret by name.
 */
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../harness/emulators/slack/index';
import { type DatabaseServer, startPostgres } from '../../harness/helpers/databases';
import { runPipeline } from '../../harness/pipeline/runner';

let postgres: DatabaseServer;
let slack: SlackEmulator;

beforeAll(async () => {
  postgres = await startPostgres();
  postgres.sql('postgres', 'CREATE DATABASE shop');
  postgres.sql(
    'shop',
    'CREATE TABLE orders (id int primary key, total numeric); INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 500) g',
  );
  slack = await SlackEmulator.start();
});

afterAll(async () => {
  await slack?.close();
  await postgres?.stop();
});

describe('db-backup pipeline', () => {
  it('takes a verified backup into the destination, reports it, and never shows the database password', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pipeline-backups-'));
    const destination = `file://${folder}`;
    const run = await runPipeline({
      workflow: '.github/workflows/db-backup.yml',
      inputs: { engine: 'postgres', destination, 'retention-count': '3', 'slack-channel': 'C0DEPLOYS' },
      secrets: { DATABASE_URL: postgres.url('shop'), SLACK_BOT_TOKEN: SlackEmulator.TOKEN },
      env: { ROLLOUT_ACTIONS_SLACK_API_URL: slack.apiUrl },
    });

    expect(run.result).toBe('success');
    const steps = Object.fromEntries(run.job('backup').steps.map((s) => [s.name, s.outcome]));
    // A folder needs no cloud login: both authentication steps are skipped by their conditions.
    expect(steps).toMatchObject({
      'Authenticate to Google Cloud': 'skipped',
      'Authenticate to AWS': 'skipped',
    });
    expect(run.outputs.uri?.startsWith(`${destination}/`)).toBe(true);
    expect(run.outputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = fileURLToPath(run.outputs.uri ?? '');
    expect(existsSync(stored) && statSync(stored).size > 0).toBe(true);
    expect(readdirSync(folder).length).toBeGreaterThan(0);

    const message = slack.messages.find((m) => m.threadTs === undefined);
    expect(message?.text).toMatch(/succeeded/i);
    // What a person could read: logs (without the runner's own mask commands), outputs, summaries.
    const visible = run
      .steps()
      .map((s) => [s.log.replace(/^::add-mask::.*$/gm, ''), JSON.stringify(s.outputs), s.summary].join('\n'))
      .join('\n');
    expect(visible).toContain('verified');
    expect(visible).not.toContain(postgres.password);
    expect(JSON.stringify(slack.messages)).not.toContain(postgres.password);
  }, 120_000);
});
