/**
 * `npm run bench`: start-up and throughput figures against SPEC.md's targets, as ratios measured in
 * the same run. The judge (`npm run bench:judge`) and db-backup (`npm run bench:db-backup`) have
 * their own, longer benchmarks.
 */
import { existsSync } from 'node:fs';
import { measureColdStarts } from './cold-start';
import { measureSmokeConcurrency } from './smoke-concurrency';

async function main(): Promise<void> {
  if (!existsSync('dist')) throw new Error('run `npm run build` first');
  const cold = measureColdStarts();
  console.log(
    `Cold start (median of 21, a required input missing); node -e 0: ${cold.baselineMs.toFixed(1)} ms`,
  );
  console.log('| bundle | median ms | × node -e 0 | target ≤ 3× |');
  console.log('| --- | --- | --- | --- |');
  for (const r of cold.results) {
    console.log(
      `| ${r.name} | ${r.medianMs.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.ratio <= 3 ? 'met' : 'MISSED'} |`,
    );
  }
  const smoke = await measureSmokeConcurrency();
  const inAction = smoke.wallMs - smoke.startupMs;
  console.log(
    `\nsmoke-test, 200 checks × 50 ms at concurrency 20: ${smoke.wallMs.toFixed(0)} ms wall (start-up ${smoke.startupMs.toFixed(0)} ms),` +
      ` ${inAction.toFixed(0)} ms of checks vs ideal ${smoke.idealMs} ms = ${(inAction / smoke.idealMs).toFixed(2)}× (target ≤ 1.5×)`,
  );
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
