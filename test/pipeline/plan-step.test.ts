/**
 * The pipelines' plan job, run by the pipeline runner with the built rollout bundle in plan-only
 * mode: `steps` is validated whole in TypeScript (any number of steps, each value, the order, the
 * last one 100), only the validated list goes on, and bad input stops the run before any job that
 * writes. No emulators: nothing after the plan may reach a cloud, and a run that got that far
 * stops at deploy for want of credentials.
 */
import { describe, expect, it } from 'vitest';
import { type PipelineRun, runPipeline } from '../../harness/pipeline/runner';

const PIPELINES = {
  '.github/workflows/canary-cloud-run.yml': {
    project: 'shop-prod',
    region: 'europe-west1',
    service: 'checkout',
    image: 'europe-docker.pkg.dev/shop-prod/apps/checkout:v2',
  },
  '.github/workflows/canary-ecs.yml': {
    'aws-region': 'eu-west-1',
    cluster: 'shop',
    services: 'checkout-blue,checkout-green',
    'listener-arn':
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2',
    'load-balancer': 'app/shop/50dc6c495c0c9188',
    'target-groups': 'targetgroup/checkout-blue/943f017f100becff,targetgroup/checkout-green/6d0ecf831eec9f09',
    'task-definition': 'arn:aws:ecs:eu-west-1:123456789012:task-definition/checkout:42',
  },
};

/** Steps of ours that could have written anything: every one after the plan's checks. */
const writers = (run: PipelineRun) =>
  run
    .steps()
    .filter((s) => s.kind === 'action' && s.outcome !== 'skipped' && !(s.job === 'plan' && s.id === 'plan'));

describe.each(Object.entries(PIPELINES))('%s plan', (workflow, target) => {
  const plan = (inputs: Record<string, string>) =>
    runPipeline({ workflow, inputs: { ...target, ...inputs }, stepTimeoutMs: 30_000 });

  it('takes any number of steps and hands on only the validated list', async () => {
    const run = await plan({ steps: ' 5, 10,20,30,50,75 ,100' });
    expect(run.job('plan').result).toBe('success');
    expect(run.job('plan').outputs.steps).toBe('5,10,20,30,50,75,100');
    expect(run.job('plan').summary).not.toBe('');
  }, 60_000);

  it.each(['50,20,100', '10,50', '0,100', '10,abc,100', '10,10,100', '10;rm -rf /,100'])(
    'refuses steps %j, naming the input, before anything is written',
    async (steps) => {
      const run = await plan({ steps });
      const check = run.job('plan').steps.find((s) => s.id === 'plan');
      expect(check?.outcome).toBe('failure');
      expect(check?.errors.join('\n')).toMatch(/steps/);
      expect(run.job('plan').outputs.steps).toBe('');
      expect(run.job('deploy').result).toBe('skipped');
      expect(writers(run)).toEqual([]);
    },
    60_000,
  );

  it('refuses on-inconclusive: hold without an approval environment, and an unknown on-inconclusive', async () => {
    const orphan = await plan({ 'on-inconclusive': 'hold' });
    expect(orphan.job('plan').result).toBe('failure');
    expect(
      orphan
        .job('plan')
        .steps.find((s) => s.kind === 'run' && s.outcome === 'failure')
        ?.errors.join(),
    ).toMatch(/approval-environment/);
    expect(writers(orphan)).toEqual([]);

    const unknown = await plan({ 'on-inconclusive': 'wait', 'approval-environment': 'production-canary' });
    expect(
      unknown
        .job('plan')
        .steps.find((s) => s.id === 'plan')
        ?.errors.join(),
    ).toMatch(/on-inconclusive/);
    expect(writers(unknown)).toEqual([]);
  }, 60_000);
});
