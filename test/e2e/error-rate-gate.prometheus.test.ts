/**
 * error-rate-gate against a real Prometheus (Debian's package) scraping real routed traffic every
 * second. A pass-through proxy in front of it records the gate's calls and injects API faults.
 */
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { FaultPlan, type MetricsFault } from '../../harness/emulators/cloud-monitoring';
import { startServer, type TestServer } from '../../harness/helpers/http-server';
import { type PrometheusServer, startPrometheus } from '../../harness/helpers/prometheus';
import { everythingVisible, runBundle } from '../../harness/helpers/runner';
import { COUNTER_HEADER, type RoutedService, startRoutedService } from './error-rate-gate-traffic';

const TOKEN = 'Bearer prom-s3cr3t-token-8f2a91';
let prometheus: PrometheusServer;
let hub: TestServer;
const services = new Set<RoutedService>();
let nextId = 0;

beforeAll(async () => {
  // One scrape target serving every test's counters (each test uses its own version labels).
  hub = await startServer((_req, res) => {
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end([...COUNTER_HEADER, ...[...services].flatMap((s) => s.counterLines()), ''].join('\n'));
  });
  prometheus = await startPrometheus({ targets: [`127.0.0.1:${hub.port}`], scrapeIntervalMs: 1000 });
});

afterAll(async () => {
  await prometheus?.stop();
  await hub?.close();
});

async function setup(
  context: TestContext,
  options: { candidateErrorRate: number; baselineErrorRate: number; percent?: number; perSecond: number },
) {
  const id = `t${nextId++}`;
  const service = await startRoutedService({
    group: 'shop',
    candidate: { name: `${id}-v2`, errorRate: options.candidateErrorRate, percent: options.percent ?? 50 },
    baseline: { name: `${id}-v1`, errorRate: options.baselineErrorRate },
  });
  services.add(service);
  const faults = new FaultPlan();
  const proxy = await startServer(async (req, res) => {
    const fault = faults.take();
    if (fault?.kind === 'status' || fault?.kind === 'throttle') {
      res.statusCode = fault.kind === 'throttle' ? 429 : fault.status;
      res.setHeader('content-type', 'application/json');
      return void res.end(
        JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'injected fault' }),
      );
    }
    const upstream = await fetch(`${prometheus.url}${req.url ?? '/'}`);
    res.statusCode = upstream.status;
    res.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/json');
    res.end(await upstream.text());
  });
  context.onTestFinished(async () => {
    services.delete(service);
    await service.close();
    await proxy.close();
  });
  if (options.perSecond > 0) service.startLoad(options.perSecond);
  return { service, proxy, faults, candidate: `${id}-v2`, baseline: `${id}-v1` };
}

function gate(
  setupResult: { proxy: TestServer; candidate: string; baseline: string },
  inputs: Record<string, string>,
  timeoutMs = 90_000,
) {
  return runBundle(
    'error-rate-gate',
    {
      source: 'prometheus',
      'prometheus-url': setupResult.proxy.url,
      candidate: setupResult.candidate,
      baseline: setupResult.baseline,
      // Two scrapes per interval, so increase() over the interval always has two samples.
      interval: '2s',
      duration: '40s',
      'metrics-delay': '1500ms',
      'start-time': new Date().toISOString(),
      ...inputs,
    },
    { timeoutMs },
  );
}

// Tests with real traffic run one at a time: on a busy 2-core runner the load loop would starve.
describe('error-rate-gate with Prometheus: live traffic', () => {
  it('passes a healthy candidate, sending the masked auth header', async (context) => {
    const s = await setup(context, { candidateErrorRate: 0.2, baselineErrorRate: 0.2, perSecond: 150 });
    const result = await gate(s, {
      'max-error-rate': '50%',
      duration: '40s',
      'prometheus-headers': `Authorization: ${TOKEN}`,
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('pass');
    expect(Number(result.outputs['candidate-error-rate'])).toBeCloseTo(0.2, 1);
    expect(Number(result.outputs.requests)).toBeGreaterThan(300);
    expect(s.proxy.requests.some((r) => r.headers.authorization === TOKEN)).toBe(true);
    expect(s.proxy.requests.every((r) => r.url.startsWith('/api/v1/query_range?'))).toBe(true);
    expect(result.masks).toContain(TOKEN);
    expect(everythingVisible(result)).not.toContain('prom-s3cr3t-token');
  });

  it('fails a candidate with 5× the errors within seconds', async (context) => {
    const s = await setup(context, { candidateErrorRate: 0.2, baselineErrorRate: 0.04, perSecond: 150 });
    const result = await gate(s, { 'max-error-rate': '50%', duration: '60s' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.outputs.reason).toMatch(
      /^candidate fails (19|2\d)(\.\d+)?% of \d+ requests vs [345](\.\d+)?% for the baseline/,
    );
    const decidedAfter = Number(result.outputs['decided-after-seconds']);
    console.log(`prometheus: 5× candidate rolled back after ${decidedAfter}s`);
    expect(decidedAfter).toBeLessThan(50);
  });

  it('passes a healthy candidate with a realistic 0.5 % error rate in enforce mode', {
    timeout: 160_000,
  }, async (context) => {
    const s = await setup(context, { candidateErrorRate: 0.005, baselineErrorRate: 0.005, perSecond: 300 });
    const result = await gate(s, { duration: '30s' }, 150_000);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('pass');
    // What the data could have caught: a 4× regression at least 90 % of the time.
    expect(Number(result.outputs.power)).toBeGreaterThanOrEqual(0.9);
    expect(Number(result.outputs['detectable-ratio'])).toBeLessThanOrEqual(4);
    expect(result.summary).toMatch(
      /\*\*What this step could catch:\*\* This data would have caught a candidate failing [\d.]+× as often as the baseline 90% of the time/,
    );
  });

  it('extends the bake of a low-traffic candidate, then calls it inconclusive with the bake it would need', {
    timeout: 160_000,
  }, async (context) => {
    // At most 6 candidate requests/s (10 %), 1 % errors in both arms: a 4× regression needs more
    // than 80 s of judged data even at full load; the bake is 20 s and may extend to 60 s.
    const s = await setup(context, {
      candidateErrorRate: 0.01,
      baselineErrorRate: 0.01,
      percent: 10,
      perSecond: 60,
    });
    const result = await gate(s, { duration: '20s', 'max-duration': '60s' }, 150_000);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('inconclusive');
    expect(Number(result.outputs['extended-minutes'])).toBeGreaterThan(0);
    expect(Number(result.outputs.power)).toBeLessThan(0.9);
    expect(result.outputs.reason).toMatch(
      /no regression found, but the data would have caught a 4× regression \d+% of the time \(bake extended by \d+ s\); catching a 4× regression 90% of the time would need a bake of about \d+ (s|min) at \d+ candidate requests\/min$/,
    );
  });

  it('reports without failing in dry-run mode', async (context) => {
    const s = await setup(context, { candidateErrorRate: 0.3, baselineErrorRate: 0.02, perSecond: 100 });
    const result = await gate(s, { mode: 'dry-run', 'max-error-rate': '60%', duration: '40s' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.warnings.join('\n')).toContain('dry run: verdict fail');
  });
});

describe.concurrent('error-rate-gate with Prometheus: no data, faults, bad input', () => {
  it('calls a candidate without traffic inconclusive, never a pass', async (context) => {
    const s = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0.01,
      percent: 0,
      perSecond: 40,
    });
    const result = await gate(s, { duration: '8s' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('inconclusive');
    expect(result.outputs.reason).toContain('no data for the candidate');
  });

  it.for<[string, MetricsFault]>([
    ['a 503 storm', { kind: 'status', status: 503 }],
    ['a throttling storm', { kind: 'throttle' }],
  ])('never passes on %s', async ([, fault], context) => {
    const s = await setup(context, { candidateErrorRate: 0, baselineErrorRate: 0, perSecond: 40 });
    s.faults.add(fault, Number.POSITIVE_INFINITY);
    const result = await gate(s, { duration: '8s', 'min-requests': '10' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('inconclusive');
    expect(result.outputs.reason).toMatch(
      /failed 3 polls in a row \(Prometheus answered HTTP (503|429): injected fault\)/,
    );
  });

  it('never passes when the query yields NaN', async (context) => {
    const s = await setup(context, { candidateErrorRate: 0, baselineErrorRate: 0, perSecond: 60 });
    // A real NaN from PromQL: anything divided by zero, times zero.
    const result = await gate(s, {
      duration: '8s',
      'min-requests': '10',
      'requests-query': 'sum(increase(http_requests_total{version="{{version}}"}[{{window}}])) / 0 * 0',
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('inconclusive');
    expect(result.outputs.reason).toMatch(/no data for the candidate/);
  });

  it.for<[Record<string, string>, string]>([
    [
      { 'prometheus-url': 'ftp://prometheus' },
      'input "prometheus-url": scheme "ftp:" is not one of http, https',
    ],
    [
      { 'errors-query': 'sum(x{rev="{{revision}}"})' },
      'input "errors-query": unknown placeholder {{revision}}',
    ],
    [{ 'max-p95-latency-ms': '500' }, 'input "latency-query": is required for a latency limit'],
    [
      { 'prometheus-headers': `Authorization ${TOKEN}` },
      'input "prometheus-headers": each line must be "Name: value"',
    ],
    [{ 'detectable-ratio': '1' }, 'input "detectable-ratio": 1 must be above 1'],
    [{ 'detectable-ratio': 'twice' }, 'input "detectable-ratio": "twice" is not a ratio'],
    [{ duration: '40s', 'max-duration': '20s' }, 'input "max-duration": must be at least duration (40s)'],
  ])('rejects bad input %o before any API call', async ([inputs, message], context) => {
    const s = await setup(context, { candidateErrorRate: 0, baselineErrorRate: 0, perSecond: 0 });
    const result = await gate(s, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.startsWith(`error-rate-gate: ${message}`)).toBe(true);
    expect(everythingVisible(result)).not.toContain('prom-s3cr3t-token');
    expect(s.proxy.requests).toHaveLength(0);
  });
});
