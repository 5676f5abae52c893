/**
 * `npm run bench:traffic`: cold start of the canary-shift bundle (missing input; Cloud Run path up
 * to its first API request) against `node -e 0`, and the API calls each rollout step costs,
 * counted by the Cloud Run emulator. Medians of RUNS runs, taken in the same run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startCloudRunEmulator } from '../harness/emulators/cloud-run/server';
import { REPO_ROOT, runBundle } from '../harness/helpers/runner';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const BUNDLE = join(REPO_ROOT, 'dist', 'canary-shift', 'index.js');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Wall time of a process from spawn to exit, ms. */
async function timeProcess(args: string[], env: Record<string, string> = {}): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  });
  await new Promise((resolve) => child.on('close', resolve));
  return Date.now() - started;
}

async function main(): Promise<void> {
  const emulator = await startCloudRunEmulator({
    project: 'bench-project-1',
    region: 'europe-west1',
    services: [{ name: 'shop', image: 'europe-docker.pkg.dev/bench-project-1/apps/shop:v1' }],
    reconcileMs: 20,
  });
  const inputs = {
    INPUT_PROVIDER: 'cloud-run',
    INPUT_PROJECT: 'bench-project-1',
    INPUT_REGION: 'europe-west1',
    INPUT_SERVICE: 'shop',
    INPUT_PERCENT: '0',
    'INPUT_POLL-INTERVAL': '100ms',
  };
  try {
    const nodeBaseline: number[] = [];
    const missingInput: number[] = [];
    const smokeMissingInput: number[] = [];
    const firstRequest: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      nodeBaseline.push(await timeProcess(['-e', '0']));
      missingInput.push(await timeProcess([BUNDLE]));
      smokeMissingInput.push(await timeProcess([join(REPO_ROOT, 'dist', 'smoke-test', 'index.js')]));
      const before = emulator.calls.length;
      const started = Date.now();
      await timeProcess([BUNDLE], { ...inputs, ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT: emulator.endpoint });
      const first = emulator.calls[before];
      if (first) firstRequest.push(first.at - started);
    }
    const base = median(nodeBaseline);
    const rows: [string, number][] = [
      ['node -e 0', base],
      ['canary-shift, missing input (exit)', median(missingInput)],
      ['smoke-test, missing input (exit), for reference', median(smokeMissingInput)],
      ['canary-shift, Cloud Run path (client built, first request sent)', median(firstRequest)],
    ];
    console.log(
      `\nCold start, median of ${RUNS} runs (SPEC: missing input ≤ 3× node -e 0; Cloud Run path ≤ 300 ms)`,
    );
    console.log('| Measure | ms | × node -e 0 |\n| --- | --- | --- |');
    for (const [name, ms] of rows) console.log(`| ${name} | ${ms} | ${(ms / base).toFixed(2)} |`);

    // API calls per step of a promotion and its rollback, as the emulator counted them.
    const env = { ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT: emulator.endpoint };
    const target = {
      provider: 'cloud-run',
      project: 'bench-project-1',
      region: 'europe-west1',
      service: 'shop',
      'poll-interval': '100ms',
    };
    console.log('\nAPI calls per step (reconcile 20 ms, poll 100 ms)');
    console.log('| Step | API calls | GET service | PATCH | operations.get | revisions.get | wall ms |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    let token = '';
    const steps: [string, string, Record<string, string | number>][] = [
      [
        'deploy + shift 10 %',
        'canary-shift',
        { percent: 10, image: 'europe-docker.pkg.dev/bench-project-1/apps/shop:v2' },
      ],
      [
        'shift 50 %',
        'canary-shift',
        { percent: 50, image: 'europe-docker.pkg.dev/bench-project-1/apps/shop:v2' },
      ],
      [
        're-run 50 % (no-op)',
        'canary-shift',
        { percent: 50, image: 'europe-docker.pkg.dev/bench-project-1/apps/shop:v2' },
      ],
      ['rollback', 'rollback', {}],
      ['rollback again (no-op)', 'rollback', {}],
    ];
    for (const [name, action, extra] of steps) {
      const before = emulator.calls.length;
      const result = await runBundle(
        action,
        { ...target, ...extra, ...(action === 'rollback' ? { to: token } : {}) },
        { env },
      );
      if (result.exitCode !== 0) throw new Error(`${name} failed: ${result.errors.join('; ')}`);
      if (action === 'canary-shift' && token === '') token = result.outputs['rollback-target'] ?? '';
      const calls = emulator.calls.slice(before);
      const count = (test: (c: (typeof calls)[number]) => boolean) => calls.filter(test).length;
      console.log(
        `| ${name} | ${calls.length} | ${count((c) => c.method === 'GET' && c.path.endsWith('/services/shop'))} | ${count((c) => c.method === 'PATCH')} | ${count((c) => c.path.includes('/operations/'))} | ${count((c) => c.path.includes('/revisions/'))} | ${Math.round(result.durationMs)} |`,
      );
    }

    // Rollback latency: from the decision (the rollback step starts) to the read that proves the
    // restored split, against the platform's own time (the reconcile) plus one poll interval.
    const reconcileMs = 1000;
    const pollMs = 250;
    const decisionToRestored: number[] = [];
    const writeToRestored: number[] = [];
    const apiCalls: number[] = [];
    for (let i = 0; i < 3; i++) {
      emulator.faults.operationDelayMs = 20;
      const shifted = await runBundle(
        'canary-shift',
        { ...target, percent: 50, image: `europe-docker.pkg.dev/bench-project-1/apps/shop:v${3 + i}` },
        { env },
      );
      if (shifted.exitCode !== 0) throw new Error(`shift failed: ${shifted.errors.join('; ')}`);
      emulator.faults.operationDelayMs = reconcileMs;
      const before = emulator.calls.length;
      let decidedAt = 0;
      const rolledBack = await runBundle(
        'rollback',
        { ...target, 'poll-interval': `${pollMs}ms`, to: shifted.outputs['rollback-target'] ?? '' },
        { env, onStart: () => (decidedAt = Date.now()) },
      );
      if (rolledBack.exitCode !== 0) throw new Error(`rollback failed: ${rolledBack.errors.join('; ')}`);
      const calls = emulator.calls.slice(before);
      const write = calls.find((c) => c.method === 'PATCH');
      const proof = calls.at(-1);
      if (!write || !proof) throw new Error('rollback made no write or no read');
      decisionToRestored.push(proof.at - decidedAt);
      writeToRestored.push(proof.at - write.at);
      apiCalls.push(calls.length);
    }
    console.log(
      `\nRollback, median of 3 (reconcile ${reconcileMs} ms, poll ${pollMs} ms: budget ${reconcileMs + pollMs} ms after the write)`,
    );
    console.log('| Measure | ms |\n| --- | --- |');
    console.log(`| decision (rollback starts) → observed restored | ${median(decisionToRestored)} |`);
    console.log(`| write → observed restored | ${median(writeToRestored)} |`);
    console.log(`| API calls | ${median(apiCalls)} |`);
  } finally {
    await emulator.stop();
  }
}

void main();
