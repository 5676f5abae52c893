/**
 * `npm test`'s closing line counts test files too: a file that fails to load has no tests, so a
 * line counting tests alone said "N passed, 0 failed" while files had failed. Runs scripts/test.mjs
 * (vitest underneath) on a throwaway folder holding a passing test and a file that throws on import.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../harness/helpers/runner';

const folder = mkdtempSync(join(tmpdir(), 'closing-line-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function npmTest(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const run = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'scripts/test.mjs'), '--no-system-deps', '--root', folder],
    { cwd: folder, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  const lines = run.stdout.trim().split('\n');
  return { status: run.status, lastLine: lines.at(-1) ?? '', filesLine: lines.at(-2) ?? '' };
}

it('counts a file that fails to load as a failed file, names it, and exits non-zero', () => {
  const run = npmTest({
    'fine.test.ts': "import { expect, it } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\n",
    'broken.test.ts': "throw new Error('cannot load');\n",
  });
  expect(run.filesLine).toBe('1 of 2 test files failed (without a failing test: broken.test.ts)');
  expect(run.lastLine).toBe('1 passed, 1 failed, 0 skipped');
  expect(run.status).not.toBe(0);
});

it('says so plainly when everything passed, and exits 0', () => {
  rmSync(join(folder, 'broken.test.ts'));
  const run = npmTest({});
  expect(run.filesLine).toBe('0 of 1 test files failed');
  expect(run.lastLine).toBe('1 passed, 0 failed, 0 skipped');
  expect(run.status).toBe(0);
});
