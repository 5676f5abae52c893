/**
 * The reusable workflows run the actions from the very repository and commit the caller's `uses:`
 * resolved to, read from the job's OIDC token; never from a placeholder or a moving tag. The
 * runner (./runner.ts) refuses a step of ours whose checkout holds anything else, and serves the
 * OIDC token endpoint only to jobs granted id-token: write.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflow, ourAction, runPipeline } from '../../harness/pipeline/runner';

const PIPELINES = ['canary-cloud-run.yml', 'canary-ecs.yml', 'db-backup.yml'];
const FORK = {
  repository: 'platform-team/rollout-actions-fork',
  ref: 'refs/heads/hotfix',
  sha: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a',
};

describe.each(PIPELINES)('%s', (file) => {
  const spec = loadWorkflow(join('.github', 'workflows', file));

  it('has no input naming the actions repository or ref, so no default can be a placeholder or a tag', () => {
    const inputs = { ...spec.on.workflow_call?.inputs, ...spec.on.workflow_dispatch?.inputs };
    for (const [name, input] of Object.entries(inputs)) {
      expect(name).not.toMatch(/^actions-/);
      expect(String(input.default ?? '')).not.toMatch(/OWNER\//);
    }
  });

  it('checks the actions out only at the repository and commit read from the OIDC token', () => {
    let checkouts = 0;
    for (const job of Object.values(spec.jobs)) {
      for (const step of job.steps ?? []) {
        if (!step.uses?.startsWith('actions/checkout@')) continue;
        checkouts++;
        const derivedHere = (job.steps ?? []).some((s) => s.id === 'origin');
        expect(step.with?.repository).toBe(
          derivedHere
            ? '${{ steps.origin.outputs.repository }}'
            : '${{ needs.plan.outputs.actions-repository }}',
        );
        expect(step.with?.ref).toBe(
          derivedHere ? '${{ steps.origin.outputs.sha }}' : '${{ needs.plan.outputs.actions-sha }}',
        );
      }
    }
    expect(checkouts).toBeGreaterThan(0);
  });
});

describe('the actions run from the workflow’s own repository and commit', () => {
  it('canary-cloud-run: every job checks out the commit the caller resolved, and its steps run', async () => {
    // No emulators: canary-shift stops at once for want of Google credentials. That is enough to
    // prove the runner accepted each checkout and started our bundle.
    const run = await runPipeline({
      workflow: '.github/workflows/canary-cloud-run.yml',
      origin: FORK,
      inputs: { project: 'shop-prod', region: 'europe-west1', service: 'checkout', image: 'example/app:1' },
    });
    expect(run.job('plan').result).toBe('success');
    expect(run.job('plan').outputs).toMatchObject({
      'actions-repository': FORK.repository,
      'actions-sha': FORK.sha,
    });
    const checkouts = run
      .steps()
      .filter((s) => s.uses?.startsWith('actions/checkout@') && s.outcome !== 'skipped');
    expect(checkouts.map((s) => s.job)).toEqual(['plan', 'deploy', 'rollback']);
    for (const checkout of checkouts) {
      expect(checkout.inputs).toMatchObject({ repository: FORK.repository, ref: FORK.sha });
    }
    const shift = run.job('deploy').steps.find((s) => s.uses === 'canary-shift');
    expect(shift?.outcome).toBe('failure');
    expect(shift?.errors.join('\n')).toMatch(/google-github-actions\/auth/);
    expect(shift?.log).not.toBe('');
  }, 60_000);

  it('db-backup: without id-token: write from the caller it fails at once, clearly, and runs nothing', async () => {
    const run = await runPipeline({
      workflow: '.github/workflows/db-backup.yml',
      origin: FORK,
      callerGrantsIdToken: false,
      inputs: { destination: 'file:///nonexistent-backups' },
      secrets: { DATABASE_URL: 'postgres://backup:s3cret@127.0.0.1:1/shop' },
    });
    expect(run.result).toBe('failure');
    const steps = run.job('backup').steps;
    expect(steps[0]?.outcome).toBe('failure');
    expect(steps[0]?.errors.join('\n')).toMatch(/grant the calling job permissions: id-token: write/);
    for (const step of steps.slice(1)) expect(step.outcome).toBe('skipped');
  });

  it('canary-ecs: without a token, no job runs code from anywhere else (rollback’s checkout is refused)', async () => {
    const run = await runPipeline({
      workflow: '.github/workflows/canary-ecs.yml',
      origin: FORK,
      callerGrantsIdToken: false,
      inputs: { 'task-definition': 'arn:aws:ecs:eu-west-1:123456789012:task-definition/checkout:42' },
    });
    expect(run.job('plan').result).toBe('failure');
    expect(run.job('deploy').result).toBe('skipped');
    const ours = run
      .steps()
      .filter((s) => s.uses !== undefined && ourAction(`./actions/${s.uses}`) && s.outcome !== 'skipped');
    // What did run was refused before a bundle started: actions/checkout's defaults are the
    // caller's repository and commit, which hold no rollout-actions.
    for (const step of ours) {
      expect(step.log).toBe('');
      expect(step.errors.join('\n')).toMatch(/holds acme\/shop@/);
    }
  }, 60_000);
});
