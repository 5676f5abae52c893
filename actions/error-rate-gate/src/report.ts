/** The job summary: verdict and why first, then a chart of both error rates and the evidence. */
import { cell, heading, lineChart, table } from '../../../shared/summary';
import type { Decision, GateState, IntervalRecord } from './gate';
import { percent, rateOf } from './gate';

/** Mermaid charts stay readable up to about this many points; longer runs are merged. */
const MAX_POINTS = 60;

const ICON = { pass: '✅', fail: '❌', inconclusive: '⚠️' } as const;

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

export function renderSummary(state: GateState, decision: Decision, ctx: ReportContext): string {
  const c = state.candidate;
  const b = state.baseline;
  const lines: string[] = [
    heading(
      `${ICON[decision.verdict]} Error-rate gate: ${decision.verdict.toUpperCase()}${ctx.mode === 'dry-run' ? ' (dry run: the step does not fail)' : ''}`,
    ),
    '',
    `**Why:** ${cell(decision.reason)}`,
    '',
    `Decided after ${ctx.decidedAfterSeconds}s, ${state.records.length} interval(s) of ${ctx.intervalMs / 1000}s, from ${ctx.source}.`,
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
  ];
  if (state.records.length > 0) {
    const groups = downsample(state.records);
    const labels = groups.map((g) =>
      offsetLabel((g[0]?.start ?? ctx.startTime) - ctx.startTime, ctx.intervalMs),
    );
    // NaN (no data) is drawn as 0 by Mermaid; the table below says which intervals had none.
    lines.push(
      lineChart({
        title: 'Error rate per interval, %',
        xLabels: labels,
        yLabel: 'errors %',
        series: [
          { name: 'candidate', values: groups.map((g) => groupRate(g, 'candidate')) },
          { name: 'baseline', values: groups.map((g) => groupRate(g, 'baseline')) },
          {
            name: `ceiling ${percent(state.config.maxErrorRate)}`,
            values: groups.map(() => state.config.maxErrorRate * 100),
          },
        ],
      }),
      '',
    );
    const withEvidence = groups.map((g) => g.at(-1)?.evidence);
    if (withEvidence.some((e) => e !== undefined)) {
      lines.push(
        lineChart({
          title: 'Evidence that the candidate is worse, log10',
          xLabels: labels,
          yLabel: 'log10 evidence',
          series: [
            {
              name: 'evidence',
              values: withEvidence.map((e) => Math.max(0, Math.log10(Math.max(e?.rollback ?? 1, 1)))),
            },
            {
              name: 'rollback threshold',
              values: withEvidence.map((e) => Math.log10(e?.rollbackThreshold ?? 1)),
            },
          ],
        }),
        '',
      );
    }
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
    `A sequential test compares the candidate's share of each interval's errors with its share of requests; it stays valid when checked every interval, with false rollbacks bounded by the false-alarm rate. Tolerated increase over the baseline: ${percent(state.config.maxIncrease, 0)}. The absolute ceiling (${percent(state.config.maxErrorRate)}) is a second sequential test. Fewer than ${state.config.minRequests} candidate requests, missing data or failing metrics APIs end in inconclusive, never in a pass.`,
    '',
    '</details>',
    '',
  );
  return lines.join('\n');
}
