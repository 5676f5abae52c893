import { describe, expect, it } from 'vitest';
import { htmlPage, markdownToHtml } from './summary-html';

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
    expect(html).toContain('<pre class="mermaid">xychart-beta\n  line [0.1, 0.3]</pre>');
    expect(html).toContain(
      '<ul><li>first</li><li><a href="https://github.com/acme/shop/actions/runs/1">run</a></li></ul>',
    );
    expect(html).toContain('<blockquote>decided after 4 s</blockquote>');
  });

  it('escapes text that is not one of the HTML tags a summary may use', () => {
    const html = markdownToHtml('reason: <script>alert(1)</script> & more<br>next');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more<br>next');
    expect(htmlPage('a <b> title', html)).toContain('<title>a &lt;b&gt; title</title>');
  });
});
