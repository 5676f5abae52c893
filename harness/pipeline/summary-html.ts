/**
 * Job summaries (GitHub-flavoured Markdown, as the actions write them to GITHUB_STEP_SUMMARY) as
 * standalone HTML pages, for the demo's output folder. Covers what the summaries use: headings,
 * tables, fenced code (Mermaid charts, drawn by a copy of mermaid.js next to the pages, so they render
 * offline), lists, quotes, paragraphs, inline code, bold, italics, links, and the raw HTML GitHub
 * allows in a summary (<details>, <br>…), passed through.
 */

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline Markdown of one line of (already trusted) text. */
function inline(text: string): string {
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      }
      // Raw inline HTML tags GitHub allows stay; everything else is escaped.
      const tokens = part.split(/(<\/?(?:br|b|i|em|strong|code|sub|sup|details|summary|kbd)\s*\/?>)/i);
      return tokens
        .map((token, i) =>
          i % 2 === 1
            ? token
            : escapeHtml(token)
                .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
                .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
                .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>'),
        )
        .join('');
    })
    .join('');
}

function tableRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** Colours by what a series is (a limit, the reference, the thing judged), so every chart agrees. */
const SERIES_COLOURS: readonly [RegExp, string][] = [
  [/ceiling|threshold|limit/i, '#cf222e'],
  [/baseline|stable/i, '#8c959f'],
];
const OTHER_COLOURS = ['#0969da', '#bf8700', '#8250df', '#1a7f37'];

function seriesColours(names: readonly (string | undefined)[]): string[] {
  let other = 0;
  return names.map(
    (name) =>
      SERIES_COLOURS.find(([pattern]) => pattern.test(name ?? ''))?.[1] ??
      (OTHER_COLOURS[other++ % OTHER_COLOURS.length] as string),
  );
}

/**
 * A Mermaid chart made legible for the page: each xychart line named (Mermaid then draws a
 * legend) and each series coloured by what it is, through a per-chart init directive. Lines the
 * chart leaves unnamed take their names from the title, where `lineChart` (shared/summary.ts) lists
 * them as "(a vs b)". Other diagrams pass unchanged.
 */
export function legibleChart(source: string): string {
  const lines = source.split('\n');
  const kind = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  let themeVariables: Record<string, unknown>;
  if (/^xychart(-beta)?\b/.test(kind)) {
    const plots = lines.flatMap((line, index) => {
      const plot = line.match(/^(\s*)line\s+(?:"([^"]*)"\s*)?\[/);
      return plot ? [{ index, indent: plot[1] as string, name: plot[2] }] : [];
    });
    const titleIndex = lines.findIndex((line) => /^\s*title\s/.test(line));
    const title = lines[titleIndex]?.match(/^(\s*title\s+)"(.*) \(([^()]+)\)"\s*$/);
    const fromTitle = title?.[3]?.split(' vs ') ?? [];
    if (title && plots.some((p) => p.name === undefined) && fromTitle.length === plots.length) {
      lines[titleIndex] = `${title[1]}"${title[2]}"`;
      plots.forEach((plot, i) => {
        plot.name = fromTitle[i] as string;
        lines[plot.index] = (lines[plot.index] as string).replace(
          /^\s*line\s+\[/,
          `${plot.indent}line "${plot.name}" [`,
        );
      });
    }
    const palette = seriesColours(plots.map((p) => p.name)).join(', ');
    themeVariables = { xyChart: { plotColorPalette: palette } };
  } else if (/^pie\b/.test(kind)) {
    const slices = lines.flatMap((line) => line.match(/^\s*"([^"]*)"\s*:/)?.[1] ?? []);
    themeVariables = Object.fromEntries(seriesColours(slices).map((colour, i) => [`pie${i + 1}`, colour]));
  } else {
    return source;
  }
  return [`%%{init: ${JSON.stringify({ themeVariables })}}%%`, ...lines].join('\n');
}

export function markdownToHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.map(inline).join('<br>\n')}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = line.match(/^\s*(```+|~~~+)\s*([\w-]*)/);
    if (fence) {
      flush();
      const marker = fence[1] as string;
      const body: string[] = [];
      while (++i < lines.length && !(lines[i] as string).trim().startsWith(marker))
        body.push(lines[i] as string);
      const source = body.join('\n');
      out.push(
        fence[2] === 'mermaid'
          ? `<pre class="mermaid">${escapeHtml(legibleChart(source))}</pre>`
          : `<pre><code>${escapeHtml(source)}</code></pre>`,
      );
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      flush();
      const level = (heading[1] as string).length;
      out.push(`<h${level}>${inline(heading[2] as string)}</h${level}>`);
      continue;
    }
    if (/^\s*\|/.test(line) && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] ?? '')) {
      flush();
      const header = tableRow(line);
      const aligns = tableRow(lines[i + 1] as string).map((c) =>
        c.endsWith(':') ? (c.startsWith(':') ? 'center' : 'right') : 'left',
      );
      i++;
      const rows: string[][] = [];
      while (i + 1 < lines.length && /^\s*\|/.test(lines[i + 1] as string))
        rows.push(tableRow(lines[++i] as string));
      const cell = (tag: string, text: string, c: number) =>
        `<${tag} style="text-align:${aligns[c] ?? 'left'}">${inline(text)}</${tag}>`;
      out.push(
        `<table><thead><tr>${header.map((h, c) => cell('th', h, c)).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((d, c) => cell('td', d, c)).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
      continue;
    }
    const item = line.match(/^\s*(?:[-*+]|(\d+)\.)\s+(.*)$/);
    if (item) {
      flush();
      const ordered = item[1] !== undefined;
      const items = [item[2] as string];
      while (i + 1 < lines.length) {
        const next = (lines[i + 1] as string).match(/^\s*(?:[-*+]|\d+\.)\s+(.*)$/);
        if (!next) break;
        items.push(next[1] as string);
        i++;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((t) => `<li>${inline(t)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const quote = line.match(/^>\s?(.*)$/);
    if (quote) {
      flush();
      out.push(`<blockquote>${inline(quote[1] as string)}</blockquote>`);
      continue;
    }
    if (/^\s*<\/?(details|summary|div|table|p|br|hr|img)\b/i.test(line)) {
      flush();
      out.push(line);
      continue;
    }
    if (/^\s*(---|\*\*\*)\s*$/.test(line)) {
      flush();
      out.push('<hr>');
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return out.join('\n');
}

// Charts: pies shrunk so two sit side by side, xycharts at their drawn size so the error-rate and
// evidence charts share a row; overflow stays visible because Mermaid 11 lays an xychart's legend
// out slightly narrower than its text, which would otherwise be clipped.
const STYLE = `
body{font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1100px;margin:1.5rem auto;padding:0 1rem;color:#1f2328}
h1{margin:.5rem 0}
table{border-collapse:collapse;margin:.8rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .7rem}th{background:#f6f8fa}
code{background:#eff1f3;padding:.1rem .3rem;border-radius:4px;font-size:90%}pre{background:#f6f8fa;padding:.8rem;overflow:auto;border-radius:6px}
pre code{background:none;padding:0}blockquote{border-left:4px solid #d0d7de;margin:0;padding:0 1rem;color:#59636e}
pre.mermaid{display:inline-block;vertical-align:top;background:none;margin:.3rem 1rem .3rem 0;padding:0;overflow:visible}
pre.mermaid svg{overflow:visible}pre.mermaid svg[aria-roledescription="pie"]{height:220px;width:auto}
pre.mermaid svg[aria-roledescription="xychart"]{width:460px;margin-right:2rem}
.job{border:1px solid #d0d7de;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}.badge{font-size:80%;padding:.1rem .5rem;border-radius:1rem;color:#fff}
.success{background:#1f883d}.failure{background:#cf222e}.cancelled{background:#59636e}.skipped{background:#8c959f}
.verdict{border-left:6px solid #59636e;background:#f6f8fa;color:#1f2328;border-radius:6px;padding:.6rem 1rem;margin:.8rem 0;font-size:110%}
.verdict.success{border-color:#1f883d;background:#dafbe1}.verdict.failure{border-color:#cf222e;background:#ffebe9}
.verdict.cancelled,.verdict.skipped{border-color:#bf8700;background:#fff8c5}.verdict strong{font-size:120%;margin-right:.5rem}.verdict .about{font-size:85%;color:#59636e}
nav a{margin-right:1rem}`;

/** Mermaid's settings for the pages: charts at a readable size instead of stretched to the page width. */
const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  xyChart: { width: 460, height: 300, showLegend: true },
  pie: { useMaxWidth: false },
  // A pie is drawn 450 px high and shown at half that: its legend and title are set large to stay readable.
  themeVariables: { pieLegendTextSize: '22px', pieTitleTextSize: '30px', pieSectionTextSize: '24px' },
};

/** Draws the page's charts with the copy of Mermaid; <body data-charts> then says how it went. */
function chartScripts(mermaidScript: string): string {
  return `<script src="${escapeHtml(mermaidScript)}"></script>
<script>
(async () => {
  if (!window.mermaid) {
    document.body.dataset.charts = 'mermaid.js did not load';
    return;
  }
  mermaid.initialize(${JSON.stringify(MERMAID_CONFIG)});
  try {
    await mermaid.run({ querySelector: 'pre.mermaid' });
    document.body.dataset.charts = 'drawn';
  } catch (error) {
    document.body.dataset.charts = 'failed: ' + error;
  }
})();
</script>`;
}

/**
 * A full HTML page. `mermaidScript` is the page's relative path to the copy of mermaid.min.js (a
 * classic script, so it also loads from file://), loaded only when the page has a chart. Once the
 * charts are drawn, <body> has data-charts="drawn"; anything else there says what went wrong.
 */
export function htmlPage(title: string, body: string, mermaidScript: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
${body}
${body.includes('<pre class="mermaid">') ? chartScripts(mermaidScript) : ''}
</body></html>
`;
}

export { escapeHtml };
