/**
 * The demo's pages in a real browser: Debian's headless Chromium opens the index and a job page
 * from file:// with every host name unresolvable (so a chart that needed the network would stay
 * text), and the DOM it dumps after the scripts ran must hold each chart as an SVG, with a legend
 * and the series' colours, below the verdict at the top of the page.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyMermaid, indexPage, jobPage } from '../../harness/pipeline/demo-pages';
import { faultyRun } from './fixtures/demo-run';

const run = promisify(execFile);

/** Chromium's DOM of a page once its scripts have run (virtual time lets them finish without waiting). */
async function renderedDom(file: string, profile: string): Promise<string> {
  const { stdout } = await run(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Offline: no host name resolves, so a script from a CDN could not load.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--user-data-dir=${profile}`,
      '--virtual-time-budget=30000',
      '--dump-dom',
      pathToFileURL(file).href,
    ],
    { maxBuffer: 64 * 1024 * 1024, timeout: 100_000 },
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new Error('chromium is not installed: run `bash scripts/install-system-deps.sh`');
    throw error;
  });
  return stdout;
}

describe('demo pages in headless Chromium', () => {
  let dir: string;
  let jobDom: string;
  let indexDom: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-pages-'));
    const faulty = faultyRun();
    mkdirSync(join(dir, '2-faulty'));
    copyMermaid(dir);
    writeFileSync(
      join(dir, '2-faulty', 'rollout.html'),
      jobPage(faulty, faulty.job('rollout'), 'A faulty candidate'),
    );
    writeFileSync(
      join(dir, 'index.html'),
      indexPage(
        [
          {
            title: 'A faulty candidate is rolled back',
            folder: '2-faulty',
            run: faulty,
            servingNow: 'shop-v1 100 %',
            timeline: '…',
            slackConversation: '…',
          },
        ],
        'intro',
        'footer',
      ),
    );
    // One browser at a time: the machine's two cores are shared with the rest of the suite.
    jobDom = await renderedDom(join(dir, '2-faulty', 'rollout.html'), join(dir, 'profile'));
    indexDom = await renderedDom(join(dir, 'index.html'), join(dir, 'profile'));
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws every chart of a job page as an SVG from the local copy of Mermaid, offline', () => {
    expect(jobDom).toContain('data-charts="drawn"');
    const charts = jobDom.match(/<pre class="mermaid"[^>]*>[\s\S]*?<\/pre>/g) ?? [];
    expect(charts).toHaveLength(2);
    for (const chart of charts) expect(chart).toMatch(/^<pre class="mermaid"[^>]*>\s*<svg[\s>]/);
    expect(jobDom).not.toContain('xychart-beta');
    expect(jobDom).not.toContain('pie showData');
    expect(jobDom).toContain('aria-roledescription="xychart"');
    expect(jobDom).toContain('aria-roledescription="pie"');
  });

  it('labels and colours the lines: a legend with each series, the limit in red, the baseline in grey', () => {
    const legend = jobDom.match(/<g class="legend">[\s\S]*?<\/g><\/g>/)?.[0] ?? '';
    for (const name of ['candidate', 'baseline', 'ceiling 20%']) expect(legend).toContain(`>${name}</text>`);
    const stroke = (plot: number) =>
      jobDom.match(new RegExp(`<g class="line-plot-${plot}"><path [^>]*stroke="([^"]+)"`))?.[1];
    expect([stroke(0), stroke(1), stroke(2)]).toEqual(['#0969da', '#8c959f', '#cf222e']);
  });

  it('opens each page with the verdict and its reason', () => {
    const body = (dom: string) => dom.slice(dom.indexOf('<body'));
    const firstBlock = (dom: string) =>
      body(dom).match(/<(div class="verdict[^"]*"|h2|table|pre|p)[\s>]/)?.[1];
    expect(firstBlock(jobDom)).toBe('div class="verdict failure"');
    expect(jobDom).toContain('Gate FAIL at 20 %');
    expect(jobDom).toContain('candidate error rate 39.52% is above the 20% ceiling');
    expect(firstBlock(indexDom)).toBe('div class="verdict failure"');
    expect(indexDom).toMatch(
      /Rolled back · Gate FAIL at 20 %<\/strong>[^<]*39\.52%[^<]*Serving now: shop-v1 100 %/,
    );
    expect(indexDom).toContain('<a href="2-faulty/rollout.html">Shift traffic step by step</a>');
  });
});
