/**
 * Job-summary building blocks: markdown tables and Mermaid charts, escaped for user data, and the
 * cap that keeps a summary within what GitHub shows.
 */
import type { SummaryWriter } from './core';

/**
 * Escapes text that is not ours (a reason, a version, a server's answer) so Markdown and HTML show
 * it as typed: HTML becomes entities (no `</details>`, no tags), and the characters of inline
 * Markdown (links, images, emphasis, code spans, strikethrough, table pipes) are backslash-escaped
 * (CommonMark: any ASCII punctuation may be). Line breaks become `<br>`, so no line of it can
 * start a heading, a list, a quote or a fence; a bare URL stays readable text with its
 * destination in plain sight.
 */
export function text(value: unknown): string {
  return (
    String(value ?? '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]~|!#]/g, '\\$&')
      // Line starts that open a list, a thematic break or a setext heading (CommonMark 4.1-4.3, 5.2).
      .replace(/^[-+](?=\s|$)|^(?:-+|=+)\s*$/, '\\$&')
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
      .replace(/\r?\n/g, '<br>')
  );
}

/** Escapes text for a markdown table cell: as text(), which also escapes the pipes. */
export function cell(value: unknown): string {
  return text(value);
}

/**
 * A code span holding any text as typed: fenced with one more backtick than the longest run in
 * it (CommonMark 6.1), pipes escaped for tables, line breaks as spaces.
 */
export function code(value: unknown): string {
  const body = String(value ?? '')
    .replace(/\r?\n/g, ' ')
    .replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
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

/** A heading of plain text (it may hold names from inputs: escaped like any text not ours). */
export function heading(title: string, level = 3): string {
  return `${'#'.repeat(level)} ${text(title.replace(/[\r\n]+/g, ' '))}`;
}

/** Cuts text to at most max characters, saying how much was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

/**
 * GitHub drops a step's summary above 1 MiB ("Job summary size limit": 1024k per step), showing
 * nothing at all; keep a margin for what the runner adds.
 */
export const SUMMARY_LIMIT_BYTES = 1_000_000;

/**
 * A summary cut to at most limitBytes: whole lines, any fence or <details> left open closed again,
 * then a note saying how much was cut and where the rest is (fullReport).
 */
export function capSummary(markdown: string, fullReport: string, limitBytes = SUMMARY_LIMIT_BYTES): string {
  const size = Buffer.byteLength(markdown);
  if (size <= limitBytes) return markdown;
  const note = (kept: number) =>
    `\n> ✂️ **Summary cut** to ${Math.round(kept / 1024)} of ${Math.round(size / 1024)} KiB: GitHub shows at most 1 MiB of a step's summary. ${fullReport}\n`;
  const closing = 64; // room for the closers below
  const budget = Math.max(0, limitBytes - Buffer.byteLength(note(size)) - closing);
  // Cut on a line: a partial line could end inside a table row, a link or an entity.
  let kept = Buffer.from(markdown).subarray(0, budget).toString('utf8');
  kept = kept.slice(0, kept.lastIndexOf('\n') + 1);
  if ((kept.match(/^ {0,3}```/gm) ?? []).length % 2 === 1) kept += '```\n';
  const openDetails = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  if (openDetails > 0) kept += '</details>\n'.repeat(openDetails);
  return kept + note(Buffer.byteLength(kept));
}

/** Where the whole story is when a summary is cut: the step's log, in this run. */
export function runLogPointer(env: NodeJS.ProcessEnv = process.env): string {
  const run =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  return run ? `The step's log has everything: [the run](${run}).` : "The step's log has everything.";
}

/**
 * A summary writer that never lets one step's summary outgrow SUMMARY_LIMIT_BYTES, however many
 * times the action writes: what would overflow is cut by capSummary, and nothing follows the cut.
 */
export function cappedSummary(
  writer: SummaryWriter,
  fullReport: string = runLogPointer(),
  limitBytes = SUMMARY_LIMIT_BYTES,
): SummaryWriter {
  let pending = '';
  let written = 0;
  let cut = false;
  const capped: SummaryWriter = {
    addRaw(markdown, addEOL) {
      pending += markdown + (addEOL ? '\n' : '');
      return capped;
    },
    async write(options) {
      const markdown = pending;
      pending = '';
      if (options?.overwrite) {
        written = 0;
        cut = false;
      }
      if (cut) return capped;
      const fitted = capSummary(markdown, fullReport, limitBytes - written);
      cut = fitted !== markdown;
      written += Buffer.byteLength(fitted);
      await writer.addRaw(fitted).write(options);
      return capped;
    },
  };
  return capped;
}
