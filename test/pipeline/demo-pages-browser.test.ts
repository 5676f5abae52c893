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
import { heading, lineChart, pieChart, table } from '../../shared/summary';
import { copyMermaid, indexPage, jobPage } from './demo-pages';
import type { JobRecord, PipelineRun, StepRecord } from './runner';

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

function step(job: string, name: string, uses: string, fields: Partial<StepRecord>): StepRecord {
  return {
    job,
    id: name,
    name,
    kind: 'action',
    uses,
    outcome: 'success',
    inputs: {},
    outputs: {},
    summary: '',
    errors: [],
    warnings: [],
    notices: [],
    log: '',
    startedAt: 0,
    durationMs: 1500,
    ...fields,
  };
}

function job(id: string, name: string, result: JobRecord['result'], steps: StepRecord[]): JobRecord {
  return {
    id,
    name,
    result,
    outputs: {},
    steps,
    summary: steps.map((s) => s.summary).join('\n'),
    startedAt: 0,
    durationMs: 3000,
  };
}

/** A faulty candidate stopped by the gate at 20 % and rolled back, with summaries in the actions' shape. */
function faultyRun(): PipelineRun {
  const shift = step('rollout', 'Shift to step 1', 'canary-shift', {
    inputs: { percent: '20' },
    outputs: { 'observed-traffic': '[{"target":"shop-v1","percent":80},{"target":"shop-v3","percent":20}]' },
    summary: [
      heading('Canary at 20 %'),
      pieChart('After', [
        { label: 'stable shop-v1', value: 80 },
        { label: 'candidate shop-v3', value: 20 },
      ]),
    ].join('\n\n'),
  });
  const reason = 'candidate error rate 39.52% is above the 20% ceiling';
  const gate = step('rollout', 'Gate step 1', 'error-rate-gate', {
    outcome: 'failure',
    errors: [`Error-rate gate: fail: ${reason}`],
    outputs: {
      verdict: 'fail',
      reason,
      'candidate-error-rate': '0.3952',
      'baseline-error-rate': '0.0508',
      requests: '836',
      'decided-after-seconds': '5.8',
    },
    summary: [
      heading('Error-rate gate: FAIL'),
      `**Why:** ${reason}`,
      table(['', 'Candidate', 'Baseline'], [['Error rate', '39.52%', '5.08%']]),
      lineChart({
        title: 'Error rate per interval, %',
        xLabels: ['+0s', '+1s', '+2s'],
        yLabel: 'errors %',
        series: [
          { name: 'candidate', values: [40, 39.4, 38.9] },
          { name: 'baseline', values: [4.9, 5.3, 5.1] },
          { name: 'ceiling 20%', values: [20, 20, 20] },
        ],
      }),
    ].join('\n\n'),
  });
  const rollback = step('rollback', 'Restore the recorded serving state', 'rollback', {
    outputs: { 'rolled-back': 'true', 'observed-traffic': '[{"target":"shop-v1","percent":100}]' },
  });
  const jobs = [
    job('rollout', 'Shift traffic step by step', 'failure', [shift, gate]),
    job('rollback', 'Roll back', 'success', [rollback]),
  ];
  return {
    workflow: '.github/workflows/canary-cloud-run.yml',
    result: 'failure',
    jobs,
    job: (id) => jobs.find((j) => j.id === id) as JobRecord,
    steps: () => jobs.flatMap((j) => j.steps),
    outputs: {},
    cancelled: false,
  };
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
