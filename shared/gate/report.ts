/**
 * The job summary: verdict and why first, what the data could have caught, then a chart of both
 * error rates and one of the test that decided (the judge's evidence, the ceiling's, or the power).
 */

import { cell, heading, type LineSeries, lineChart, table } from '../summary';
import { formatRatio, percent, rateOf } from './format';
import type { GateState } from './state';
import type { Decision, IntervalRecord } from './types';

/** Mermaid charts stay readable up to about this many points; longer runs are merged. */
const MAX_POINTS = 60;

const ICON = { pass: '✅', fail: '❌', inconclusive: '⚠️' } as const;

/** Line colours, and the square that names each in the legend under a chart. */
const COLOR = {
  candidate: { hex: '#d62728', square: '🟥' },
  baseline: { hex: '#1f77b4', square: '🟦' },
  limit: { hex: '#7f7f7f', square: '⬜' },
  measure: { hex: '#ff7f0e', square: '🟧' },
} as const;

export interface ReportContext {
  source: string;
  candidate: string;
  baseline: string;
  startTime: number;
  intervalMs: number;
  decidedAfterSeconds: number;
  mode: 'enforce' | 'dry-run';
}

function offsetLabel(ms: number, intervalMs: number): string {
  return intervalMs >= 60_000 ? `+${Math.round(ms / 60_000)}m` : `+${Math.round(ms / 1000)}s`;
}

/** Groups consecutive records so a chart has at most MAX_POINTS points. */
function downsample(records: readonly IntervalRecord[]): IntervalRecord[][] {
  const size = Math.max(1, Math.ceil(records.length / MAX_POINTS));
  const groups: IntervalRecord[][] = [];
  for (let i = 0; i < records.length; i += size) groups.push(records.slice(i, i + size));
  return groups;
}

function groupRate(group: readonly IntervalRecord[], arm: 'candidate' | 'baseline'): number {
  let requests = 0;
  let errors = 0;
  for (const r of group) {
    const counts = r[arm];
    if (Number.isFinite(counts.requests) && Number.isFinite(counts.errors)) {
      requests += counts.requests;
      errors += counts.errors;
    }
  }
  return requests > 0 ? (100 * errors) / requests : Number.NaN;
}

type Colored = LineSeries & { color: string; square: string };
const line = (name: string, values: number[], color: { hex: string; square: string }): Colored => ({
  name,
  values,
  color: color.hex,
  square: color.square,
});

/** A chart and its legend (Mermaid's xychart draws none). */
function chart(title: string, yLabel: string, labels: string[], series: Colored[]): string {
  return [
    lineChart({ title, xLabels: labels, yLabel, series }),
    '',
    series.map((s) => `${s.square} ${s.name}`).join(' · '),
  ].join('\n');
}

/** The chart of the test that decided: the ceiling's evidence, the judge's, or the power. */
function decidingChart(decision: Decision, groups: IntervalRecord[][], labels: string[], state: GateState) {
  const last = groups.map((g) => g.at(-1));
  const log10 = (v: number | undefined) => Math.max(0, Math.log10(Math.max(v ?? 1, 1)));
  if (decision.by === 'ceiling') {
    return chart('Evidence that the candidate is over the ceiling, log10', 'log10 evidence', labels, [
      line(
        'ceiling evidence',
        last.map((r) => log10(r?.ceilingEvidence)),
        COLOR.measure,
      ),
      line(
        'fail threshold',
        last.map(() => Math.log10(state.ceiling.threshold)),
        COLOR.limit,
      ),
    ]);
  }
  if (decision.by === 'judge' && last.some((r) => r?.evidence)) {
    return chart('Evidence that the candidate is worse than the baseline, log10', 'log10 evidence', labels, [
      line(
        'evidence',
        last.map((r) => log10(r?.evidence?.rollback)),
        COLOR.measure,
      ),
      line(
        'fail threshold',
        last.map((r) => Math.log10(r?.evidence?.rollbackThreshold ?? 1)),
        COLOR.limit,
      ),
    ]);
  }
  if (decision.by === 'power' || decision.by === 'budget' || decision.by === 'data') {
    return chart(
      `Chance the data so far would catch a ${formatRatio(state.config.detectableRatio)} regression, %`,
      'power %',
      labels,
      [
        line(
          'power',
          last.map((r) => 100 * (r?.power ?? 0)),
          COLOR.measure,
        ),
        line(
          'needed to pass',
          last.map(() => 100 * state.config.power),
          COLOR.limit,
        ),
      ],
    );
  }
  return undefined;
}

export function renderSummary(state: GateState, decision: Decision, ctx: ReportContext): string {
  const c = state.candidate;
  const b = state.baseline;
  const detectable = state.detectableRatio();
  const extendedMinutes = (state.extendedIntervals * ctx.intervalMs) / 60_000;
  const lines: string[] = [
    heading(
      `${ICON[decision.verdict]} Error-rate gate: ${decision.verdict.toUpperCase()}${ctx.mode === 'dry-run' ? ' (dry run: the step does not fail)' : ''}`,
    ),
    '',
    `**Why:** ${cell(decision.reason)}`,
    '',
    `**What this step could catch:** ${cell(state.coverage())}`,
    '',
    `Decided after ${ctx.decidedAfterSeconds}s, ${state.records.length} interval(s) of ${ctx.intervalMs / 1000}s${extendedMinutes > 0 ? ` (bake extended by ${Number(extendedMinutes.toFixed(1))} min)` : ''}, from ${ctx.source}.`,
    '',
    table(
      ['', 'Candidate', 'Baseline'],
      [
        ['Identity', ctx.candidate, ctx.baseline],
        ['Requests', c.requests, b.requests],
        ['Errors (5xx)', c.errors, b.errors],
        ['Error rate', percent(rateOf(c)), percent(rateOf(b))],
      ],
    ),
    '',
    `Smallest regression caught ${percent(state.config.power, 0)} of the time: ${Number.isFinite(detectable) ? `${formatRatio(detectable)} the baseline's rate` : 'none (too few errors)'}; chance of catching ${formatRatio(state.config.detectableRatio)}: ${percent(state.power(), 0)}.`,
    '',
  ];
  if (state.records.length > 0) {
    const groups = downsample(state.records);
    const labels = groups.map((g) =>
      offsetLabel((g[0]?.start ?? ctx.startTime) - ctx.startTime, ctx.intervalMs),
    );
    // NaN (no data) is drawn as 0 by Mermaid; the line below says which intervals had none.
    const rates = [
      line(
        'candidate',
        groups.map((g) => groupRate(g, 'candidate')),
        COLOR.candidate,
      ),
      line(
        'baseline',
        groups.map((g) => groupRate(g, 'baseline')),
        COLOR.baseline,
      ),
    ];
    // The ceiling is drawn when it decided or is near the rates, not as a flat line that squashes them.
    const top = Math.max(0, ...rates.flatMap((s) => s.values).filter(Number.isFinite));
    const ceilings = groups.map((g) => 100 * (g.at(-1)?.ceiling ?? state.config.maxErrorRate));
    if (decision.by === 'ceiling' || Math.min(...ceilings) <= 2 * top)
      rates.push(line('ceiling', ceilings, COLOR.limit));
    lines.push(chart('Error rate per interval, %', 'errors %', labels, rates), '');
    const deciding = decidingChart(decision, groups, labels, state);
    if (deciding) lines.push(deciding, '');
    const missing = state.records.filter((r) => !r.usable).length;
    if (missing > 0)
      lines.push(
        `${missing} of ${state.records.length} intervals had no usable data for one arm (never counted as healthy).`,
        '',
      );
  }
  lines.push(
    '<details><summary>How the gate decides</summary>',
    '',
    `**Fail**: a sequential test found the candidate's error rate worse than the baseline's (more than ${percent(state.config.maxIncrease, 0)} worse; it stays valid when checked every interval, false alarms at most ${state.config.falseAlarmRate}), or above the ceiling (${percent(state.config.maxErrorRate)}, or twice the baseline's rate if higher), or a latency limit held for 3 intervals. **Pass**: no regression found, and the data would have caught a ${formatRatio(state.config.detectableRatio)} regression at least ${percent(state.config.power, 0)} of the time; the bake extends (up to max-duration) while it could not. With almost no errors in either arm, a candidate clearly under the ceiling passes too. **Inconclusive**: fewer than ${state.config.minRequests} candidate requests, missing data, failing metrics APIs, or not enough errors to compare even at max-duration; never a pass.`,
    '',
    '</details>',
    '',
  );
  return lines.join('\n');
}
