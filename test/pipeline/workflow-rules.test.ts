/**
 * The security and safety rules of the reusable pipelines that actionlint does not check:
 * least privilege per job, OIDC only where a job authenticates, serialised rollouts, a rollback
 * that runs on failure and on cancellation, secrets passed by name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../harness/helpers/runner';
import { loadWorkflow, ourAction } from '../../harness/pipeline/runner';

const PIPELINES = ['canary-cloud-run.yml', 'canary-ecs.yml', 'db-backup.yml'];
const AUTH = /^(google-github-actions\/auth|aws-actions\/configure-aws-credentials)@[0-9a-f]{40}$/;

describe.each(PIPELINES)('%s', (file) => {
  const path = join('.github', 'workflows', file);
  const spec = loadWorkflow(path);
  const text = readFileSync(join(REPO_ROOT, path), 'utf8');

  it('grants id-token: write exactly to the jobs that authenticate (or read their own origin from the OIDC token), and nothing beyond contents: read otherwise', () => {
    for (const [id, job] of Object.entries(spec.jobs)) {
      const authenticates = (job.steps ?? []).some((s) => AUTH.test(s.uses ?? '') || s.id === 'origin');
      const expected = authenticates ? { contents: 'read', 'id-token': 'write' } : { contents: 'read' };
      expect({ id, permissions: job.permissions }).toEqual({ id, permissions: expected });
    }
  });

  it('serialises runs per service and environment without cancelling the one in flight', () => {
    expect(spec.concurrency?.['cancel-in-progress']).toBe(false);
    expect(spec.concurrency?.group).toMatch(/\$\{\{/);
  });

  it('takes secrets by name (never secrets: inherit) and runs only our actions or SHA-pinned ones', () => {
    expect(text).not.toMatch(/secrets:\s*inherit/);
    for (const job of Object.values(spec.jobs)) {
      for (const step of job.steps ?? []) {
        if (!step.uses) continue;
        if (ourAction(step.uses) === undefined) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
        else expect(step.uses.startsWith('./.rollout-actions/actions/')).toBe(true);
      }
    }
    const secretsDeclared = Object.keys(spec.on.workflow_call?.secrets ?? {});
    for (const used of text.matchAll(/secrets\.([A-Za-z_]+)/g)) expect(secretsDeclared).toContain(used[1]);
  });

  it('keeps workflow_dispatch within the ten inputs GitHub allows, each also a workflow_call input', () => {
    const dispatch = Object.keys(spec.on.workflow_dispatch?.inputs ?? {});
    expect(dispatch.length).toBeGreaterThan(0);
    expect(dispatch.length).toBeLessThanOrEqual(10);
    for (const name of dispatch) expect(Object.keys(spec.on.workflow_call?.inputs ?? {})).toContain(name);
  });
});

describe.each(['canary-cloud-run.yml', 'canary-ecs.yml'])('%s rollback', (file) => {
  const spec = loadWorkflow(join('.github', 'workflows', file));
  it('runs on failure or cancellation, after every job that can move traffic', () => {
    const rollback = spec.jobs.rollback;
    expect(rollback?.if).toBe('failure() || cancelled()');
    expect(rollback?.needs).toEqual(expect.arrayContaining(['deploy', 'smoke', 'rollout', 'promote']));
    const restore = rollback?.steps?.find((s) => s.uses && ourAction(s.uses) === 'rollback');
    expect(restore?.with?.to).toBe('${{ needs.deploy.outputs.rollback-target }}');
  });
});
