// Rebuilds every bundle and the generated READMEs, then fails if anything differs from what is committed.
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
execFileSync('npx', ['tsx', 'scripts/gen-readme.ts'], { stdio: 'inherit' });
const changed = execFileSync(
  'git',
  ['status', '--porcelain', '--untracked-files=all', 'dist', 'actions/*/README.md'],
  { encoding: 'utf8' },
);
if (changed.trim() !== '') {
  console.error(`dist/ or a generated README is out of sync with the sources:\n${changed}`);
  console.error('Run `npm run build && npm run docs` and commit the result.');
  process.exit(1);
}
console.log('dist/ and the generated READMEs are in sync with the sources');
