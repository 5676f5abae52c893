/** Job summaries of a traffic change: the split before and after, as a table and as two pie charts. */

import { heading, pieChart, table, text } from '../summary';
import { servingEntries } from './split';
import type { TrafficEntry } from './types';

export interface SplitReport {
  title: string;
  /** One line under the title (what changed, how long it took, API calls). */
  detail: string;
  before: readonly TrafficEntry[];
  /** Undefined when the final state could not be read (reported as unknown, never as success). */
  after: readonly TrafficEntry[] | undefined;
  /** target → role shown in the table (stable, candidate). */
  roles?: Record<string, string>;
  /** tag → URL, shown next to the tagged target. */
  urls?: Record<string, string>;
  tags?: Record<string, string>;
}

export function renderSplitSummary(report: SplitReport): string {
  const before = servingEntries(report.before);
  const after = report.after === undefined ? undefined : servingEntries(report.after);
  const targets = [...new Set([...before, ...(after ?? [])].map((e) => e.target))];
  const share = (split: readonly TrafficEntry[] | undefined, target: string) =>
    split === undefined ? 'unknown' : `${split.find((e) => e.target === target)?.percent ?? 0} %`;
  const rows = targets.map((target) => {
    const tag = report.tags?.[target];
    const url = tag === undefined ? undefined : report.urls?.[tag];
    return [
      target,
      report.roles?.[target] ?? '',
      share(before, target),
      share(after, target),
      tag === undefined ? '' : url === undefined ? tag : `${tag}: ${url}`,
    ];
  });
  const slices = (split: readonly TrafficEntry[]) =>
    split.map((e) => ({
      label: report.roles?.[e.target] ? `${report.roles[e.target]} ${e.target}` : e.target,
      value: e.percent,
    }));
  return [
    heading(report.title),
    '',
    text(report.detail),
    '',
    table(['Target', 'Role', 'Before', 'After', 'Tag'], rows),
    '',
    pieChart('Before', slices(before)),
    '',
    after === undefined ? '_After: the serving state could not be read._' : pieChart('After', slices(after)),
    '',
  ].join('\n');
}
