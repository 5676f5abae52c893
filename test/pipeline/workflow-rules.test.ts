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
    expect(rollback?.needs).toEqual(expect.arrayContaining(['deploy', 'smoke', 'rollout', 'approval']));
    const restore = rollback?.steps?.find((s) => s.uses && ourAction(s.uses) === 'rollback');
    expect(restore?.with?.to).toBe('${{ needs.deploy.outputs.rollback-target }}');
  });
});

describe.each(['canary-cloud-run.yml', 'canary-ecs.yml'])('%s rollout', (file) => {
  const spec = loadWorkflow(join('.github', 'workflows', file));
  const steps = Object.values(spec.jobs).flatMap((job) => job.steps ?? []);
  const rollouts = steps.filter((s) => s.uses && ourAction(s.uses) === 'rollout');

  it('walks every step in one call of the rollout action, checked by a plan-only call before anything is written', () => {
    expect(rollouts).toHaveLength(2);
    const [plan, rollout] = rollouts;
    expect(spec.jobs.plan?.steps).toContain(plan);
    expect(plan?.with?.['plan-only']).toBe(true);
    expect(plan?.with?.steps).toBe('${{ inputs.steps }}');
    expect(spec.jobs.rollout?.steps).toContain(rollout);
    // Only the validated steps go on, to the rollout and to Slack.
    expect(rollout?.with?.steps).toBe('${{ needs.plan.outputs.steps }}');
    // Every setting the rollout takes from the caller was checked by the plan-only call first.
    const unchecked = Object.entries(rollout?.with ?? {}).filter(
      ([name, value]) => String(value).includes('inputs.') && plan?.with?.[name] !== value,
    );
    expect(unchecked).toEqual([]);
    // No slots: no step of ours is numbered, and no output is recovered through a chain of ||.
    expect(steps.filter((s) => /-\d$/.test(s.id ?? ''))).toEqual([]);
    for (const job of Object.values(spec.jobs)) {
      for (const output of Object.values(job.outputs ?? {})) expect(output).not.toContain('||');
    }
  });

  it('runs no shell beyond reading its own origin and refusing a hold nobody can decide', () => {
    const shells = steps.filter((s) => s.run !== undefined);
    expect(shells.map((s) => s.id ?? s.name)).toEqual(['origin', 'Refuse a hold nobody can decide']);
    expect(shells[1]?.if).toBe("inputs.on-inconclusive == 'hold' && inputs.approval-environment == ''");
  });

  it('waits on the caller’s approval environment only when the rollout held a step, and rolls back by default', () => {
    const approval = spec.jobs.approval;
    expect(approval?.environment).toBe('${{ inputs.approval-environment }}');
    expect(approval?.if).toContain("needs.rollout.outputs.held == 'true'");
    const promote = approval?.steps?.find((s) => s.uses && ourAction(s.uses) === 'canary-shift');
    expect(promote?.with?.percent).toBe(100);
    expect(spec.on.workflow_call?.inputs?.['on-inconclusive']?.default).toBe('rollback');
  });
});
