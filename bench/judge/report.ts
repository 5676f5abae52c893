/** Markdown report of a benchmark run: summary tables and the acceptance table. */
import { table } from '../../shared/summary';
import type { Criterion } from './acceptance';
import { DEGRADED_LEVELS, type JudgeSummary, type Row } from './aggregate';
import type { BenchOptions } from './run';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}`;
const num = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : v >= 100 ? v.toFixed(0) : (Math.round(v * 10) / 10).toString();

export function renderMarkdown(input: {
  command: string;
  options: BenchOptions;
  rows: readonly Row[];
  summaries: readonly JudgeSummary[];
  criteria: readonly Criterion[];
  ours: string;
}): string {
  const { summaries, criteria } = input;
  const lines: string[] = [];
  lines.push('## Results');
  lines.push('');
  lines.push(
    `Command: \`${input.command}\` (seed ${input.options.seed}, runs scale ${input.options.runsScale}, tiers ${input.options.tiers.join(',')}).`,
  );
  lines.push('');
  lines.push('### Acceptance');
  lines.push('');
  lines.push(
    table(
      ['#', 'criterion', 'met', 'figures'],
      criteria.map((c) => [c.id, c.title, c.met === null ? 'n/a' : c.met ? 'met' : 'not met', c.figures]),
    ),
  );
  lines.push('');
  lines.push('### False rollbacks and power (%), N1 unless stated');
  lines.push('');
  lines.push(
    table(
      [
        'judge',
        'false rb N0+N1',
        'Wilson 95 %',
        'worst N1 cell',
        ...DEGRADED_LEVELS,
        'late',
        'mid blip',
        'warm-up blip',
        'N2 false rb',
      ],
      summaries.map((s) => [
        s.judge === input.ours ? `**${s.judge} (ours)**` : s.judge,
        pct(s.falseRollbacks.rate),
        `${pct(s.falseRollbacks.ci95Lo)}–${pct(s.falseRollbacks.ci95Hi)}`,
        pct(s.worstHealthyCell.N1),
        ...DEGRADED_LEVELS.map((l) => pct(s.power[l])),
        pct(s.power.late),
        pct(s.midBlipRollbacks),
        pct(s.warmupBlipRollbacks),
        pct(s.harsh?.falseRollbacks),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    '### Speed and harm over N1: median (p95) minutes to roll back; median blast radius (excess bad requests)',
  );
  lines.push('');
  lines.push(
    table(
      [
        'judge',
        ...DEGRADED_LEVELS.map((l) => `ttd ${l}`),
        ...DEGRADED_LEVELS.map((l) => `blast ${l}`),
        'power N̄=10000 x1.5/x2/x5/x10/abs',
      ],
      summaries.map((s) => [
        s.judge === input.ours ? `**${s.judge}**` : s.judge,
        ...DEGRADED_LEVELS.map((l) => `${num(s.ttdMedian[l])} (${num(s.ttdP95[l])})`),
        ...DEGRADED_LEVELS.map((l) => num(s.blastMedian[l])),
        DEGRADED_LEVELS.map((l) => pct(s.powerAtTop[l])).join(' / '),
      ]),
    ),
  );
  lines.push('');
  lines.push('### Healthy runs: inconclusive share and median minutes to promote (after warm-up)');
  lines.push('');
  lines.push(
    table(
      ['judge', 'inconclusive N0+N1 %', 'promote median'],
      summaries.map((s) => [s.judge, pct(s.healthyInconclusive), num(s.healthyPromoteMedian)]),
    ),
  );
  lines.push('');
  lines.push('### Ours by traffic band (N1): rollback rate % / median ttd');
  lines.push('');
  const bands = [20, 100, 1000, 10000];
  const families = ['healthy', ...DEGRADED_LEVELS, 'late', 'warmup-blip', 'mid-blip'];
  lines.push(
    table(
      ['family', ...bands.map((b) => `N̄=${b}`)],
      families.map((family) => [
        family,
        ...bands.map((band) => {
          const row = input.rows.find(
            (r) => r.judge === input.ours && r.tier === 'N1' && r.family === family && r.band === band,
          );
          return row ? `${pct(row.rollbackRate)} / ${num(row.ttdMedian)}` : '–';
        }),
      ]),
    ),
  );
  lines.push('');
  return `${lines.join('\n')}\n`;
}
