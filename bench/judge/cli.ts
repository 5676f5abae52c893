/**
 * npm run bench:judge -- [--seed N] [--runs-scale F] [--tiers N0,N1,N2] [--json FILE] [--markdown FILE] [--workers N]
 *                          [--ours-only] [--without-history] [--judge-options JSON]
 *
 * The last three are for tuning: our judge alone (no peers, so no comparisons in the acceptance
 * table), our judge as error-rate-gate runs it (no A/A history), and options over its defaults,
 * e.g. --judge-options '{"minuteCap":4}'.
 *
 * Runs every judge over the simulated grid, writes the rows and summaries (JSON) and a report
 * (markdown), and prints the acceptance table. Same seed ⇒ byte-identical files: tasks may finish
 * in any order across the worker threads, but results are keyed and aggregated by task index.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createSequentialJudge, type SequentialJudgeOptions } from '../../shared/judge/sequential';
import { parseCommonFlag } from './args';
import { type BenchOptions, runBenchmark } from './run';

function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    seed: 20261122,
    runsScale: 1,
    tiers: ['N0', 'N1', 'N2'],
    json: null,
    markdown: null,
    workers: Math.min(2, availableParallelism()),
    judges: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    if (parseCommonFlag(flag, need, options)) continue;
    switch (flag) {
      case '--ours-only':
        options.judges.oursOnly = true;
        break;
      case '--without-history':
        options.judges.withoutHistory = true;
        break;
      case '--judge-options': {
        const raw = need();
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          throw new Error(
            `--judge-options takes a JSON object, e.g. --judge-options '{"minuteCap":4}'; got ${raw}`,
          );
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error(`--judge-options takes a JSON object, e.g. --judge-options '{"minuteCap":4}'`);
        options.judges.options = parsed as Partial<SequentialJudgeOptions>;
        // Fails here, with the option's name, rather than in a worker thread.
        createSequentialJudge(options.judges.options);
        break;
      }
      default:
        throw new Error(
          `unknown option ${flag}; usage: --seed N --runs-scale F --tiers N0,N1,N2 --json FILE --markdown FILE --workers N --ours-only --without-history --judge-options JSON`,
        );
    }
  }
  return options;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseArgs(argv);
  const command = `npm run bench:judge -- ${argv.join(' ')}`.trim();
  const started = performance.now();
  const output = await runBenchmark(options, command);
  if (options.json) writeFileSync(options.json, output.json);
  if (options.markdown) writeFileSync(options.markdown, output.markdown);
  for (const c of output.criteria) {
    const state = c.met === null ? 'n/a    ' : c.met ? 'met    ' : 'NOT MET';
    process.stdout.write(`${state} ${c.id}. ${c.title}\n        ${c.figures}\n`);
  }
  process.stdout.write(`rows sha256 ${createHash('sha256').update(output.json).digest('hex')}\n`);
  process.stderr.write(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:judge: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
