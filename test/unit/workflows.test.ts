import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../harness/helpers/runner';
import { lintWorkflows } from '../../scripts/actionlint';

const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');
const workflowFiles = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));

describe('workflows', () => {
  it('pass actionlint', async () => {
    expect(await lintWorkflows(WORKFLOWS)).toEqual([]);
  });

  it('actionlint catches what it should (the check can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    writeFileSync(
      join(dir, 'bad.yml'),
      'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n',
    );
    const problems = await lintWorkflows(dir);
    expect(problems.join('\n')).toContain('potentially untrusted');
  });

  it.each(workflowFiles)(
    '%s: permissions {} at the top, third-party actions pinned by SHA, no ${{ }} in run:',
    (file) => {
      const text = readFileSync(join(WORKFLOWS, file), 'utf8');
      const doc = parse(text) as {
        permissions?: unknown;
        jobs: Record<string, { steps?: { uses?: string; run?: string }[] }>;
      };
      expect(doc.permissions).toEqual({});
      for (const job of Object.values(doc.jobs)) {
        for (const step of job.steps ?? []) {
          if (step.uses && !step.uses.startsWith('./')) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
          if (step.run) expect(step.run).not.toContain('${{');
        }
      }
    },
  );
});

describe('actions', () => {
  const actions = readdirSync(join(REPO_ROOT, 'actions'));
  it.each(actions)('%s runs on node24 from its dist bundle', (name) => {
    const meta = parse(readFileSync(join(REPO_ROOT, 'actions', name, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
    };
    expect(meta.runs).toEqual({ using: 'node24', main: `../../dist/${name}/index.js` });
  });
});
