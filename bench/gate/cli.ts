/**
 * npm run bench:gate -- [--seed N] [--runs-scale F] [--tiers N0,N1,N2] [--json FILE] [--markdown FILE]
 *                         [--workers N] [--ours-only]
 *
 * error-rate-gate's own decision code (shared/gate) and the peers, as a pipeline acts on them, on
 * the judge benchmark's simulator (JUDGE-BENCHMARK.md, "The gate as the pipeline acts on it").
 * Same seed ⇒ byte-identical files whatever the number of workers: results are keyed by task.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { type CommonOptions, parseCommonFlag } from '../judge/args';
import { runInWorkerPool } from '../judge/run';
import { type GateTask, type GateTaskResult, GateTaskRunner, planTasks } from './engine';
import { buildRows, checkTargets, renderMarkdown, serializeDocument, summarize } from './report';

interface Options extends CommonOptions {
  oursOnly: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    seed: 20261201,
    runsScale: 1,
    tiers: ['N0', 'N1'],
    json: null,
    markdown: null,
    workers: Math.min(2, availableParallelism()),
    oursOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const need = (): string => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      return value;
    };
    if (parseCommonFlag(flag, need, options)) continue;
    switch (flag) {
      case '--ours-only':
        options.oursOnly = true;
        break;
      default:
        throw new Error(
          `unknown option ${flag}; usage: --seed N --runs-scale F --tiers N0,N1 --json FILE --markdown FILE --workers N --ours-only`,
        );
    }
  }
  return options;
}

async function runTasks(
  tasks: readonly GateTask[],
  options: Options,
  workers: number,
): Promise<GateTaskResult[]> {
  const keyed = tasks.map((task, index) => ({ ...task, index }));
  if (workers <= 1) {
    const runner = new GateTaskRunner(options.seed, options.oursOnly);
    return keyed.map((task) => runner.run(task));
  }
  return runInWorkerPool<GateTask, GateTaskResult>(
    keyed,
    new URL('./worker.ts', import.meta.url),
    { seed: options.seed, oursOnly: options.oursOnly },
    workers,
  );
}

function fingerprint(results: readonly GateTaskResult[]): string {
  const hash = createHash('sha256');
  for (const r of results)
    for (const a of [r.outcome, r.minutes, r.extended, r.blast, r.stoppedAt, r.firstStep])
      hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseArgs(argv);
  const command = `npm run bench:gate -- ${argv.join(' ')}`.trim();
  const started = performance.now();
  const load = loadavg()[0] ?? 0;
  const tasks = planTasks(options.tiers, options.runsScale);
  const results = await runTasks(tasks, options, options.workers);
  const wall = (performance.now() - started) / 1000;
  // Determinism whatever the workers: a slice inline against the same slice in two threads.
  const slice = tasks.filter((_, i) => i % 97 === 0);
  const deterministic =
    fingerprint(await runTasks(slice, options, 1)) === fingerprint(await runTasks(slice, options, 2));
  const rows = buildRows(tasks, results);
  const summaries = summarize(rows, options.tiers);
  const targets = checkTargets(rows);
  const document = {
    command,
    seed: options.seed,
    runsScale: options.runsScale,
    tiers: options.tiers,
    definitions: {
      promoted: 'step: verdict pass; pipeline: both gates passed, the release reached 100 %',
      failed: 'a gate said fail (pipeline: the first gate that did not pass said fail)',
      inconclusive: 'a gate said inconclusive (enforce mode stops the rollout on it)',
      minutes: 'minutes from the first shift to the decision that ended the run (pipeline: both steps)',
      extendedMinutes: "minutes the gate's bake was extended beyond `duration`, over all steps",
      blast: 'Σ nC·max(0, pC − pB) over the minutes up to the decision (true rates)',
      w: 'the candidate share in scope step; null in scope pipeline (10 % then 50 %)',
    },
    rows,
    summaries,
    targets,
    deterministic,
  };
  const json = serializeDocument(document);
  if (options.json) writeFileSync(options.json, json);
  if (options.markdown)
    writeFileSync(
      options.markdown,
      renderMarkdown({ ...options, command, rows, summaries, targets, deterministic }),
    );
  for (const t of targets)
    process.stdout.write(`${t.met ? 'met    ' : 'NOT MET'} ${t.id}. ${t.title}\n        ${t.figures}\n`);
  for (const s of summaries)
    process.stdout.write(
      `${s.tier} ${s.judge.padEnd(16)} healthy→100% ${(100 * s.healthyPromoted).toFixed(1)}%  step fail ${(100 * s.healthyStepFailed).toFixed(2)}% inconcl ${(100 * s.healthyStepInconclusive).toFixed(1)}%  stopped x2 ${(100 * (s.stopped.x2 ?? 0)).toFixed(1)}% x5 ${(100 * (s.stopped.x5 ?? 0)).toFixed(1)}%\n`,
    );
  process.stdout.write(
    `deterministic ${deterministic}; rows sha256 ${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}\n`,
  );
  process.stderr.write(
    `wall time ${wall.toFixed(1)} s with ${options.workers} worker(s); load average at start ${load.toFixed(2)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:gate: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
