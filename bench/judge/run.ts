/** Runs the benchmark: plans the tasks, spreads them over worker threads, aggregates deterministically. */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { type Criterion, checkAcceptance } from './acceptance';
import { buildRows, Results, type Row, summarize } from './aggregate';
import type { CommonOptions } from './args';
import {
  createJudges,
  type JudgeSelection,
  planTasks,
  type Task,
  type TaskResult,
  TaskRunner,
} from './engine';
import { renderMarkdown } from './report';

export interface BenchOptions extends CommonOptions {
  judges: JudgeSelection;
}

function runInline(tasks: readonly Task[], seed: number, judges: JudgeSelection): TaskResult[] {
  const runner = new TaskRunner(seed, () => createJudges(judges));
  return tasks.map((task) => runner.run(task));
}

/**
 * Runs tasks on `count` worker threads (the module at `workerUrl`, started with `workerData`),
 * handing out the next task as each finishes; results land at their task's index, so the order
 * they finish in never shows.
 */
export async function runInWorkerPool<T extends { index: number }, R extends { index: number }>(
  tasks: readonly T[],
  workerUrl: URL,
  workerData: unknown,
  count: number,
): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    const finish = (error?: unknown) => {
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const feed = (worker: Worker) => {
      if (next < tasks.length) worker.postMessage(tasks[next++]);
    };
    for (let w = 0; w < Math.min(count, tasks.length); w++) {
      const worker = new Worker(workerUrl, { workerData });
      workers.push(worker);
      worker.on('message', (result: R) => {
        results[result.index] = result;
        done++;
        if (done === tasks.length) finish();
        else feed(worker);
      });
      worker.on('error', finish);
      feed(worker);
    }
    if (tasks.length === 0) finish();
  });
  return results;
}

export async function runTasks(
  tasks: readonly Task[],
  seed: number,
  workers: number,
  judges: JudgeSelection = {},
): Promise<TaskResult[]> {
  const keyed = tasks.map((task, position) => ({ ...task, index: position }));
  // Task indices are positions in the plan; re-keyed so a partial plan aggregates by position.
  return workers > 1
    ? runInWorkerPool<Task, TaskResult>(
        keyed,
        new URL('./worker.ts', import.meta.url),
        { seed, judges },
        workers,
      )
    : runInline(keyed, seed, judges);
}

export function fingerprint(results: readonly TaskResult[]): string {
  const hash = createHash('sha256');
  for (const r of results) {
    hash.update(new Uint8Array(r.outcome.buffer, r.outcome.byteOffset, r.outcome.byteLength));
    hash.update(new Uint8Array(r.minute.buffer, r.minute.byteOffset, r.minute.byteLength));
    hash.update(new Uint8Array(r.blast.buffer, r.blast.byteOffset, r.blast.byteLength));
  }
  return hash.digest('hex');
}

/** Runs a small slice inline and in workers: the determinism check of criterion 8. */
async function determinismCheck(seed: number, workers: number, judges: JudgeSelection): Promise<boolean> {
  const slice = planTasks(['N1'], 0.01).filter((_, i) => i % 25 === 0);
  const inline = fingerprint(await runTasks(slice, seed, 1, judges));
  const threaded = fingerprint(await runTasks(slice, seed, Math.max(2, workers), judges));
  return inline === threaded;
}

export interface BenchOutput {
  rows: Row[];
  json: string;
  markdown: string;
  criteria: Criterion[];
}

export async function runBenchmark(options: BenchOptions, command: string): Promise<BenchOutput> {
  const tasks = planTasks(options.tiers, options.runsScale);
  const results = await runTasks(tasks, options.seed, options.workers, options.judges);
  const judges = results[0]?.judges ?? [];
  const view = new Results(tasks, results, judges);
  const rows = buildRows(view, options.tiers);
  const summaries = summarize(view, options.tiers);
  const deterministic = await determinismCheck(options.seed, options.workers, options.judges);
  const ours = judges[0] ?? 'sequential';
  const criteria = checkAcceptance(summaries, {
    ours,
    deterministic,
    tiers: options.tiers,
    ...(options.judges.options ? { judgeOptions: options.judges.options } : {}),
  });
  const document = {
    command,
    seed: options.seed,
    runsScale: options.runsScale,
    tiers: options.tiers,
    ...(Object.keys(options.judges).length > 0 ? { judges: options.judges } : {}),
    definitions: {
      ttd: 'minutes from the later of the degradation onset and the end of the 3-minute warm-up to the decision, decision minute included; verdicts given only at the end count as minute 57, the last judged minute',
      blast:
        'Σ nC·max(0, pC − pB) over rollout minutes up to and including the decision minute (true rates, before bursts and beta noise)',
      escaped:
        'for a degraded run that is promoted: 60·N̄·(lasting excess rate), the excess errors of one hour at full traffic; averaged over all runs',
      band: 'mean traffic N̄ (requests/minute), pooling w and p0',
    },
    rows,
    summaries,
    acceptance: criteria,
  };
  const json = `${JSON.stringify(document, null, 1)}\n`;
  const markdown = renderMarkdown({ command, options, rows, summaries, criteria, ours });
  return { rows, json, markdown, criteria };
}
