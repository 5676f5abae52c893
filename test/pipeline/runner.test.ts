import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../harness/helpers/http-server';
import {
  jobOrder,
  loadWorkflow,
  ourAction,
  type ReviewRequest,
  resolveInputs,
  resolveSecrets,
  runPipeline,
} from '../../harness/pipeline/runner';

const CHAIN = 'test/pipeline/fixtures/chain.yml';
const APPROVAL = 'test/pipeline/fixtures/approval.yml';
let app: TestServer;

beforeAll(async () => {
  app = await startServer((req, res) => {
    res.statusCode = req.url === '/HELLO' || req.url === '/BYE' ? 200 : 404;
    res.end(req.url);
  });
});
afterAll(async () => app.close());

describe('pipeline runner', () => {
  it('orders jobs by needs and types inputs as declared', () => {
    const spec = loadWorkflow(CHAIN);
    expect(jobOrder(spec.jobs)).toEqual(['first', 'probe', 'last', 'cleanup']);
    expect(resolveInputs(spec, 'workflow_call', { url: 'u', greet: 'false' })).toEqual({
      url: 'u',
      'fail-at': '',
      sleep: '0',
      greet: false,
    });
    expect(() => resolveInputs(spec, 'workflow_call', {})).toThrow(/required input "url"/);
    expect(() => resolveInputs(spec, 'workflow_call', { url: 'u', typo: 'x' })).toThrow(/no input "typo"/);
  });

  it('passes only the secrets a called workflow declares, and insists on the required ones', () => {
    const backup = loadWorkflow('.github/workflows/db-backup.yml');
    expect(resolveSecrets(backup, 'workflow_call', { DATABASE_URL: 'postgres://x' })).toEqual({
      DATABASE_URL: 'postgres://x',
    });
    expect(() => resolveSecrets(backup, 'workflow_call', {})).toThrow(/required secret "DATABASE_URL"/);
    expect(() => resolveSecrets(backup, 'workflow_call', { DATABASE_URL: 'x', GITHUB_PAT: 'y' })).toThrow(
      /no secret "GITHUB_PAT"/,
    );
  });

  it('recognises our actions in each form a workflow can name them', () => {
    expect(ourAction('./.rollout-actions/actions/canary-shift')).toBe('canary-shift');
    expect(ourAction('./actions/rollback')).toBe('rollback');
    expect(ourAction('OWNER/rollout-actions/actions/notify-slack@v1')).toBe('notify-slack');
    expect(ourAction('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683')).toBeUndefined();
  });

  it('runs a healthy chain: outputs flow through needs into a real bundle; failure-only jobs skip', async () => {
    const run = await runPipeline({ workflow: CHAIN, inputs: { url: app.url } });
    expect(run.result).toBe('success');
    expect(run.concurrencyGroup).toBe(`chain-${app.url}`);
    expect(run.job('first').outputs).toEqual({ word: 'hello', upper: 'HELLO' });
    const probe = run.job('probe');
    expect(probe.steps.map((s) => [s.kind, s.outcome])).toEqual([
      ['external', 'success'],
      ['action', 'success'],
      ['run', 'success'],
      ['run', 'skipped'],
    ]);
    expect(probe.steps[0]?.inputs).toEqual({ path: '.hello' });
    // The check's name and path came from needs.first.outputs; action.yml defaults filled the rest.
    expect(probe.steps[1]?.inputs.checks).toContain('{name: hello, path: /HELLO}');
    expect(probe.steps[1]?.inputs.retries).toBe('2');
    expect(probe.outputs).toEqual({ passed: '1' });
    expect(run.outputs).toEqual({ passed: '1' });
    expect(app.requests.map((r) => r.url)).toContain('/HELLO');
    expect(run.job('last').result).toBe('success');
    expect(run.job('cleanup').result).toBe('skipped');
  });

  it('on a failed step: later steps skip unless they ask for failure(), dependants skip, failure() jobs run', async () => {
    const run = await runPipeline({
      workflow: CHAIN,
      inputs: { url: app.url, 'fail-at': 'probe', greet: false },
    });
    expect(run.result).toBe('failure');
    const probe = run.job('probe');
    expect(probe.result).toBe('failure');
    expect(probe.steps.find((s) => s.name === 'Wait')?.errors).toEqual(['asked to fail']);
    expect(probe.steps.find((s) => s.id === 'after')?.outputs).toEqual({ ran: 'yes' });
    // greet: false reached the shell step as a typed boolean.
    expect(run.job('first').outputs.word).toBe('bye');
    expect(run.job('last').result).toBe('skipped');
    expect(run.job('cleanup').steps[0]?.outputs).toEqual({ why: 'failed' });
  });

  it('propagates a skip transitively unless a condition calls a status function, as GitHub does', async () => {
    const run = await runPipeline({ workflow: 'test/pipeline/fixtures/skips.yml', inputs: {} });
    expect(Object.fromEntries(run.jobs.map((j) => [j.id, j.result]))).toEqual({
      optional: 'skipped',
      middle: 'success',
      implicit: 'skipped',
      explicit: 'success',
    });
  });

  it('fails a step that passes an input its action does not declare', async () => {
    const run = await runPipeline({ workflow: 'test/pipeline/fixtures/unknown-input.yml', inputs: {} });
    expect(run.result).toBe('failure');
    expect(run.steps()[0]?.errors.join()).toContain('no input "expected-version"');
  });

  it.each([
    ['approve', { approval: 'success', rollback: 'skipped' }],
    ['reject', { approval: 'failure', rollback: 'success' }],
    ['timeout', { approval: 'failure', rollback: 'success' }],
  ] as const)("waits on an environment's reviewers: %s", async (decision, results) => {
    const asked: ReviewRequest[] = [];
    const run = await runPipeline({
      workflow: APPROVAL,
      inputs: { 'approval-environment': 'production-canary' },
      review: (request) => {
        asked.push(request);
        return decision;
      },
    });
    expect(asked).toEqual([{ job: 'approval', environment: 'production-canary' }]);
    expect(Object.fromEntries(run.jobs.map((j) => [j.id, j.result]))).toEqual({
      rollout: 'success',
      ...results,
    });
    const approval = run.job('approval');
    expect(approval.review).toEqual({ environment: 'production-canary', decision });
    // Rejected or timed out, the job fails before any of its steps runs, as on GitHub.
    expect(approval.steps.map((s) => s.outcome)).toEqual(decision === 'approve' ? ['success'] : []);
    expect(run.result).toBe(decision === 'approve' ? 'success' : 'failure');
  });

  it('asks no reviewer for a job its condition skips, and refuses to guess a decision nobody gave', async () => {
    const review = () => 'approve' as const;
    const skipped = await runPipeline({
      workflow: APPROVAL,
      inputs: { 'approval-environment': 'production-canary', hold: false },
      review: () => {
        throw new Error('no job should wait');
      },
    });
    expect(skipped.job('approval').result).toBe('skipped');
    await expect(
      runPipeline({ workflow: APPROVAL, inputs: { 'approval-environment': 'production-canary' } }),
    ).rejects.toThrow(/waits on environment "production-canary": give runPipeline a review callback/);
    // An environment expression that evaluates to nothing names no environment.
    const unnamed = await runPipeline({ workflow: APPROVAL, inputs: {}, review });
    expect(unnamed.job('approval').review).toBeUndefined();
    expect(unnamed.job('approval').result).toBe('success');
  });

  it('cancels mid-run: the running step gets SIGINT, cancelled() jobs run, the rest do not', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = await runPipeline({
      workflow: CHAIN,
      inputs: { url: app.url, sleep: '30' },
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'step-start' && event.name === 'Wait') setTimeout(() => controller.abort(), 200);
      },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.cancelled).toBe(true);
    expect(run.result).toBe('cancelled');
    expect(run.job('probe').result).toBe('cancelled');
    expect(run.job('probe').steps.find((s) => s.name === 'Wait')?.outcome).toBe('cancelled');
    expect(run.job('last').result).toBe('cancelled');
    expect(run.job('cleanup').steps[0]?.outputs).toEqual({ why: 'cancelled' });
  });
});
