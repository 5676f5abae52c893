// Compiles each action into one CommonJS bundle (plus chunk files for lazy imports) under
// <out>/<name>/ (out: dist, or --out-dir DIR). Builds run two at a time (one per core here), each
// into a staging folder that replaces the action's folder only once ncc has finished, so an
// interrupted build never leaves a half-written bundle behind.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const outFlag = args.indexOf('--out-dir');
const outDir = outFlag >= 0 ? args[outFlag + 1] : 'dist';
const only = args.filter((_, i) => outFlag < 0 || (i !== outFlag && i !== outFlag + 1));
const actions = readdirSync('actions').filter(
  (name) =>
    existsSync(join('actions', name, 'src', 'index.ts')) && (only.length === 0 || only.includes(name)),
);

function build(name) {
  const out = join(outDir, name);
  const staging = join(outDir, `.${name}.building`);
  rmSync(staging, { recursive: true, force: true });
  const ncc = [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    ...['build', join('actions', name, 'src', 'index.ts'), '-o', staging],
    ...['--license', 'licenses.txt', '--quiet', '--target', 'es2023'],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ncc, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ncc failed for ${name} (exit ${code})`));
      rmSync(out, { recursive: true, force: true });
      renameSync(staging, out);
      console.log(`built ${out}`);
      resolve();
    });
  });
}

const queue = [...actions];
const worker = async () => {
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) await build(name);
};
await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, worker));
