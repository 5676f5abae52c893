import { describe, expect, it } from 'vitest';
import { htmlPage, legibleChart, markdownToHtml } from '../../harness/pipeline/summary-html';

describe('job summary → HTML', () => {
  it('renders the Markdown the actions write: headings, tables, Mermaid, lists, inline marks', () => {
    const html = markdownToHtml(
      [
        '### Gate: **fail** at `20 %`',
        '',
        '| Arm | Error rate |',
        '| --- | ---: |',
        '| candidate | 30.1 % |',
        '',
        '```mermaid',
        'xychart-beta',
        '  line [0.1, 0.3]',
        '```',
        '- first',
        '- [run](https://github.com/acme/shop/actions/runs/1)',
        '> decided after 4 s',
      ].join('\n'),
    );
    expect(html).toContain('<h3>Gate: <strong>fail</strong> at <code>20 %</code></h3>');
    expect(html).toContain(
      '<th style="text-align:left">Arm</th><th style="text-align:right">Error rate</th>',
    );
    expect(html).toContain('<td style="text-align:left">candidate</td>');
    expect(html).toContain('xychart-beta\n  line [0.1, 0.3]</pre>');
    expect(html).toContain(
      '<ul><li>first</li><li><a href="https://github.com/acme/shop/actions/runs/1">run</a></li></ul>',
    );
    expect(html).toContain('<blockquote>decided after 4 s</blockquote>');
  });

  it('escapes text that is not one of the HTML tags a summary may use', () => {
    const html = markdownToHtml('reason: <script>alert(1)</script> & more<br>next');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more<br>next');
    expect(htmlPage('a <b> title', html, 'mermaid.min.js')).toContain('<title>a &lt;b&gt; title</title>');
  });

  it('loads Mermaid from the copy next to the pages, never from another host', () => {
    const page = htmlPage('job', markdownToHtml('```mermaid\npie\n  "a" : 1\n```'), '../mermaid.min.js');
    expect(page).toContain('<script src="../mermaid.min.js"></script>');
    expect(page).not.toMatch(/https?:\/\//);
    expect(htmlPage('index', '<p>no charts</p>', 'mermaid.min.js')).not.toContain('<script');
  });

  it('names the lines of a chart from its title and colours each series by what it is', () => {
    const chart = legibleChart(
      [
        'xychart-beta',
        '  title "Error rate per interval, % (candidate vs baseline vs ceiling 20%)"',
        '  x-axis ["+0s", "+1s"]',
        '  line [40, 39]',
        '  line [5, 5]',
        '  line [20, 20]',
      ].join('\n'),
    );
    expect(chart.split('\n')).toEqual([
      '%%{init: {"themeVariables":{"xyChart":{"plotColorPalette":"#0969da, #8c959f, #cf222e"}}}}%%',
      'xychart-beta',
      '  title "Error rate per interval, %"',
      '  x-axis ["+0s", "+1s"]',
      '  line "candidate" [40, 39]',
      '  line "baseline" [5, 5]',
      '  line "ceiling 20%" [20, 20]',
    ]);
  });

  it('keeps names a chart gives its lines, and colours pie slices by role', () => {
    const named = legibleChart(
      'xychart-beta\n  title "Evidence"\n  line "rollback threshold" [2]\n  line "evidence" [1]',
    );
    expect(named).toContain('"plotColorPalette":"#cf222e, #0969da"');
    expect(named).toContain('  line "rollback threshold" [2]');
    const pie = legibleChart('pie showData title After\n  "stable v1" : 80\n  "candidate v2" : 20');
    expect(pie.split('\n')[0]).toBe('%%{init: {"themeVariables":{"pie1":"#8c959f","pie2":"#0969da"}}}%%');
    expect(legibleChart('flowchart LR\n  a --> b')).toBe('flowchart LR\n  a --> b');
  });
});
