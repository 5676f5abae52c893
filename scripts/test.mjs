// `npm test`: first the system packages the tests use as real peers (installed only when one is
// missing), then vitest with its usual report, then the files that failed ("F of T test files
// failed") and one plain closing line that CI systems read: "N passed, N failed, N skipped". A test
// file that fails to load has no tests to count, so it counts as one failure; the exit code is
// non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const skipSystem = args.includes('--no-system-deps');
const vitestArgs = args.filter((arg) => arg !== '--no-system-deps');

if (!skipSystem) {
  const deps = spawnSync('bash', [join(repo, 'scripts/install-system-deps.sh')], { stdio: 'inherit' });
  if (deps.status !== 0) {
    console.error('\nnpm test: could not install the system packages the tests need (see above)');
    process.exit(deps.status ?? 1);
  }
}

mkdirSync('.tmp', { recursive: true });
const results = '.tmp/vitest-results.json';
rmSync(results, { force: true });
const run = spawnSync(
  process.execPath,
  [
    join(repo, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}`,
    ...vitestArgs,
  ],
  { stdio: 'inherit' },
);
if (!existsSync(results)) {
  console.log(`\nno test report: vitest exited with ${run.status ?? run.signal}`);
  process.exit(run.status || 1);
}
const report = JSON.parse(readFileSync(results, 'utf8'));
const files = report.testResults ?? [];
const failedFiles = files.filter((file) => file.status !== 'passed' && file.status !== 'skipped');
// A file that failed without a failing test failed to load (or in a hook): name it.
const unexplained = failedFiles
  .filter((file) => !(file.assertionResults ?? []).some((test) => test.status === 'failed'))
  .map((file) => relative(process.cwd(), file.name));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(
  `\n${failedFiles.length} of ${files.length} test files failed` +
    (unexplained.length > 0 ? ` (without a failing test: ${unexplained.join(', ')})` : ''),
);
// The last line stays the plain form CI systems read; a file that failed without a failing test
// counts as one failure.
console.log(
  `${report.numPassedTests} passed, ${report.numFailedTests + unexplained.length} failed, ${skipped} skipped`,
);
process.exit(failedFiles.length > 0 || report.numFailedTests > 0 ? 1 : (run.status ?? 1));
