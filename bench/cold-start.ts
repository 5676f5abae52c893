/**
 * Cold start: each bundle, started with a required input missing, until it exits with its own
 * error — measured against `node -e 0` in the same run (SPEC: ≤ 3×).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ColdStart {
  name: string;
  medianMs: number;
  ratio: number;
}

function medianMs(runs: number, args: string[], env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function measureColdStarts(runs = 21): { baselineMs: number; results: ColdStart[] } {
  const temp = mkdtempSync(join(tmpdir(), 'bench-'));
  const output = join(temp, 'output');
  writeFileSync(output, '');
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    RUNNER_TEMP: temp,
  };
  medianMs(3, ['-e', '0'], env); // warm the page cache
  const baselineMs = medianMs(runs, ['-e', '0'], env);
  const results = readdirSync('dist')
    .filter((name) => existsSync(join('dist', name, 'index.js')))
    .map((name) => {
      const ms = medianMs(runs, [join('dist', name, 'index.js')], env);
      return { name, medianMs: ms, ratio: ms / baselineMs };
    });
  return { baselineMs, results };
}
