/** Job-summary building blocks: markdown tables and Mermaid charts, escaped for user data. */

/** Escapes text for a markdown table cell (pipes, newlines, HTML). */
export function cell(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (values: readonly unknown[]) => `| ${values.map(cell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A quoted Mermaid label: Mermaid has no escape for a double quote inside one. */
function label(text: string): string {
  return `"${text.replace(/"/g, "'").replace(/[\r\n]+/g, ' ')}"`;
}

export interface LineSeries {
  name: string;
  values: readonly number[];
  /** CSS colour of the line (e.g. #d62728); lines without one take Mermaid's palette. */
  color?: string;
}

/**
 * A Mermaid xychart with one line per series over shared x labels. Mermaid draws no legend,
 * so the series names go in the title.
 */
export function lineChart(options: {
  title: string;
  xLabels: readonly string[];
  yLabel: string;
  series: readonly LineSeries[];
}): string {
  const values = options.series.flatMap((s) => s.values).filter(Number.isFinite);
  const top = values.length === 0 ? 1 : Math.max(...values) * 1.1 || 1;
  const title = `${options.title} (${options.series.map((s) => s.name).join(' vs ')})`;
  const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : 0);
  const colors = options.series.map((s) => s.color).filter((c): c is string => c !== undefined);
  // Mermaid's xychart colours lines in order from plotColorPalette (its only way to tell them apart).
  const palette =
    colors.length === options.series.length && colors.every((c) => /^#[0-9a-fA-F]{3,8}$/.test(c))
      ? [`%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${colors.join(', ')}"}}}}%%`]
      : [];
  return [
    '```mermaid',
    ...palette,
    'xychart-beta',
    `  title ${label(title)}`,
    `  x-axis [${options.xLabels.map(label).join(', ')}]`,
    `  y-axis ${label(options.yLabel)} 0 --> ${round(top)}`,
    ...options.series.map((s) => `  line [${s.values.map(round).join(', ')}]`),
    '```',
  ].join('\n');
}

/** A Mermaid pie chart, e.g. of a traffic split. Zero slices are left out (Mermaid draws nothing). */
export function pieChart(title: string, slices: readonly { label: string; value: number }[]): string {
  return [
    '```mermaid',
    `pie showData title ${title.replace(/[\r\n]+/g, ' ')}`,
    ...slices.filter((s) => s.value > 0).map((s) => `  ${label(s.label)} : ${s.value}`),
    '```',
  ].join('\n');
}

export function heading(text: string, level = 3): string {
  return `${'#'.repeat(level)} ${text.replace(/[\r\n]+/g, ' ')}`;
}

/** Cuts text to at most max characters, saying how much was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters]`;
}
