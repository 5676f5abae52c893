/**
 * The pipelines' "Check the steps" shell step, run with bash straight from each workflow's YAML:
 * it turns `steps` into the five slots the rollout job runs, and refuses what it can't run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandFile } from '../../harness/helpers/runner';
import { loadWorkflow } from '../../harness/pipeline/runner';

function runPlan(
  workflow: string,
  steps: string,
): { code: number | null; outputs: Record<string, string>; errors: string; summary: string } {
  const script = loadWorkflow(workflow).jobs.plan?.steps?.find((s) => s.id === 'plan')?.run ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'plan-'));
  const files = { script: join(dir, 'plan.sh'), output: join(dir, 'output'), summary: join(dir, 'summary') };
  writeFileSync(files.script, script);
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], {
    env: {
      PATH: process.env.PATH ?? '',
      STEPS: steps,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
    },
    encoding: 'utf8',
  });
  return {
    code: result.status,
    outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
    errors: result.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error'))
      .join('\n'),
    summary: readFileSync(files.summary, 'utf8'),
  };
}

describe.each(['.github/workflows/canary-cloud-run.yml', '.github/workflows/canary-ecs.yml'])(
  '%s plan',
  (workflow) => {
    it.each([
      ['10,50,100', ['10', '50', '', '', '']],
      [' 5, 25 ,100', ['5', '25', '', '', '']],
      ['100', ['', '', '', '', '']],
      ['1,2,3,4,5,100', ['1', '2', '3', '4', '5']],
    ])('slots %s', (steps, slots) => {
      const plan = runPlan(workflow, steps);
      expect(plan.code).toBe(0);
      expect([1, 2, 3, 4, 5].map((n) => plan.outputs[`step-${n}`])).toEqual(slots);
      expect(plan.summary).toContain('| promote | 100 % | done |');
    });

    it.each([
      ['50,20,100', 'increasing'],
      ['10,50', 'the last step must be 100'],
      ['0,100', 'from 1 to 100'],
      ['10,abc,100', 'whole percentages'],
      ['1,2,3,4,5,6,100', 'at most five'],
      ['10;rm -rf /,100', 'whole percentages'],
    ])('refuses %s', (steps, why) => {
      const plan = runPlan(workflow, steps);
      expect(plan.code).toBe(1);
      expect(plan.errors).toContain(why);
      expect(plan.outputs).toEqual({});
    });
  },
);
