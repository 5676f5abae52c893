// Compiles each action into one CommonJS bundle (plus chunk files for lazy imports) under dist/<name>/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const actions = readdirSync('actions').filter(
  (name) =>
    existsSync(join('actions', name, 'src', 'index.ts')) && (only.length === 0 || only.includes(name)),
);
for (const name of actions) {
  const out = join('dist', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      join('actions', name, 'src', 'index.ts'),
      '-o',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
      '--target',
      'es2023',
    ],
    { stdio: 'inherit' },
  );
  console.log(`built dist/${name}`);
}
