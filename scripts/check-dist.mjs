// Rebuilds every bundle into a scratch folder and the generated READMEs in place, then fails if
// anything differs from what is committed. The committed dist/ is never touched unless it is
// stale: then it is replaced by the expected bundles (check-dist.yml uploads them), so a check
// that is interrupted leaves the working tree as it was.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'check-dist-'));
const files = (root) =>
  existsSync(root)
    ? readdirSync(root, { recursive: true })
        .map(String)
        .filter((f) => statSync(join(root, f)).isFile())
        .sort()
    : [];

try {
  execFileSync(process.execPath, ['scripts/build.mjs', '--out-dir', scratch], { stdio: 'inherit' });
  execFileSync('npx', ['tsx', 'scripts/gen-readme.ts'], { stdio: 'inherit' });
  const expected = files(scratch);
  const committed = files('dist');
  const differing = [...new Set([...expected, ...committed])].filter(
    (f) =>
      !expected.includes(f) ||
      !committed.includes(f) ||
      !readFileSync(join(scratch, f)).equals(readFileSync(join('dist', f))),
  );
  const readmes = execFileSync(
    'git',
    ['status', '--porcelain', '--untracked-files=all', 'actions/*/README.md'],
    {
      encoding: 'utf8',
    },
  ).trim();
  if (differing.length > 0 || readmes !== '') {
    if (differing.length > 0) {
      rmSync('dist', { recursive: true, force: true });
      cpSync(scratch, 'dist', { recursive: true });
    }
    console.error('dist/ or a generated README is out of sync with the sources:');
    for (const f of differing.slice(0, 20)) console.error(`  dist/${f}`);
    if (differing.length > 20) console.error(`  … and ${differing.length - 20} more`);
    if (readmes) console.error(readmes);
    console.error('dist/ now holds the expected bundles: commit it (and any README) with the sources.');
    process.exitCode = 1;
  } else {
    console.log(`dist/ (${expected.length} files) and the generated READMEs are in sync with the sources`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
