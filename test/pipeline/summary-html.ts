/**
 * Job summaries (GitHub-flavoured Markdown, as the actions write them to GITHUB_STEP_SUMMARY) as
 * standalone HTML pages, for the demo's output folder. Covers what the summaries use: headings,
 * tables, fenced code (Mermaid charts rendered by mermaid.js when the browser can load it, shown as
 * source otherwise), lists, quotes, paragraphs, inline code, bold, italics, links, and the raw
 * HTML GitHub allows in a summary (<details>, <br>…), passed through.
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
      const code = escapeHtml(body.join('\n'));
      out.push(
        fence[2] === 'mermaid' ? `<pre class="mermaid">${code}</pre>` : `<pre><code>${code}</code></pre>`,
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

const STYLE = `
body{font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;margin:.8rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .7rem}th{background:#f6f8fa}
code{background:#eff1f3;padding:.1rem .3rem;border-radius:4px;font-size:90%}pre{background:#f6f8fa;padding:.8rem;overflow:auto;border-radius:6px}
pre code{background:none;padding:0}blockquote{border-left:4px solid #d0d7de;margin:0;padding:0 1rem;color:#59636e}
.job{border:1px solid #d0d7de;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}.badge{font-size:80%;padding:.1rem .5rem;border-radius:1rem;color:#fff}
.success{background:#1f883d}.failure{background:#cf222e}.cancelled{background:#59636e}.skipped{background:#8c959f}
nav a{margin-right:1rem}`;

/** A full HTML page; Mermaid blocks render when the browser can load mermaid.js, else stay as source. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
${body}
<script type="module">
try {
  const { default: mermaid } = await import('https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs');
  mermaid.initialize({ startOnLoad: false });
  await mermaid.run({ querySelector: 'pre.mermaid' });
} catch { /* offline: the charts stay as their source text */ }
</script>
</body></html>
`;
}

export { escapeHtml };
