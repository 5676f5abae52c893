/**
 * error-rate-gate against Cloud Monitoring: the built bundle's @google-cloud/monitoring client
 * (REST) queries the emulator, which answers from real traffic routed between two revisions.
 * Emulator and bundle share an accelerated timeline (60× real time): alignment periods are real
 * 60 s periods and points arrive up to 180 s late as Cloud Run's do, so the gate runs on its
 * production settings (interval 1m, metrics-delay 180s by default).
 */
import { describe, expect, it, type TestContext } from 'vitest';
import { cloudMonitoringHandler, type MetricsFault } from '../../harness/emulators/cloud-monitoring';
import { acceleratedTime } from '../../harness/emulators/traffic-log';
import { startServer, type TestServer } from '../../harness/helpers/http-server';
import { type BundleOptions, runBundle } from '../../harness/helpers/runner';
import { startRoutedService } from './error-rate-gate-traffic';

const CANDIDATE = 'shop-00042-new';
const BASELINE = 'shop-00041-old';
async function setup(
  context: TestContext,
  options: {
    candidateErrorRate: number;
    baselineErrorRate: number;
    percent?: number;
    perSecond: number;
    candidateLatencyMs?: number;
  },
) {
  const time = acceleratedTime();
  const service = await startRoutedService({
    group: 'shop',
    candidate: {
      name: CANDIDATE,
      errorRate: options.candidateErrorRate,
      percent: options.percent ?? 50,
      ...(options.candidateLatencyMs ? { latencyMs: options.candidateLatencyMs } : {}),
    },
    baseline: { name: BASELINE, errorRate: options.baselineErrorRate },
  });
  const handler = cloudMonitoringHandler(service.log, {
    location: 'us-central1',
    ingestion: { timeline: time.timeline },
  });
  const api = await startServer(async (req, res, body) => {
    if (await handler(req, res, body)) return;
    res.statusCode = 404;
    res.end();
  });
  context.onTestFinished(async () => {
    await service.close();
    await api.close();
  });
  if (options.perSecond > 0) service.startLoad(options.perSecond);
  return { service, handler, api, time };
}

function gate(
  { api, time }: { api: TestServer; time: ReturnType<typeof acceleratedTime> },
  inputs: Record<string, string>,
  options: BundleOptions = {},
) {
  return runBundle(
    'error-rate-gate',
    {
      provider: 'cloud-run',
      project: 'acme-shop-prod',
      region: 'us-central1',
      service: 'shop',
      candidate: CANDIDATE,
      baseline: BASELINE,
      interval: '1m',
      duration: '30m',
      'start-time': time.nowIso(),
      ...inputs,
    },
    {
      env: { CLOUD_MONITORING_EMULATOR_HOST: `127.0.0.1:${api.port}`, ...time.env },
      timeoutMs: 90_000,
      ...options,
    },
  );
}

// Tests with real traffic run one at a time: on a busy 2-core runner the load loop would starve.
describe('error-rate-gate with Cloud Monitoring: live traffic', () => {
  it('passes a healthy candidate, retrying through transient 503s', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0.2,
      baselineErrorRate: 0.2,
      perSecond: 150,
    });
    cloud.handler.faults.add({ kind: 'status', status: 503 }, 2);
    const result = await gate(cloud, { 'max-error-rate': '50%', duration: '40m' });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('pass');
    expect(Number(result.outputs['candidate-error-rate'])).toBeCloseTo(0.2, 1);
    expect(Number(result.outputs['baseline-error-rate'])).toBeCloseTo(0.2, 1);
    expect(Number(result.outputs.requests)).toBeGreaterThan(300);
    expect(result.stdout).toContain('retrying in');
    expect(result.summary).toContain('Error-rate gate: PASS');
    expect(result.summary).toContain('xychart-beta');
    expect(result.summary).toMatch(/\| Error rate \| (19\.\d+|20(\.\d+)?)% \| (19\.\d+|20(\.\d+)?)% \|/);
  });

  it('passes a clean candidate with no errors on its error budget at the end of the window', async (context) => {
    const cloud = await setup(context, { candidateErrorRate: 0, baselineErrorRate: 0, perSecond: 150 });
    const result = await gate(cloud, { duration: '8m' });
    expect(result.errors).toEqual([]);
    expect(result.outputs.verdict).toBe('pass');
    expect(Number(result.outputs['candidate-error-rate'])).toBe(0);
    expect(result.outputs.reason).toMatch(
      /too few errors to compare the two, and the candidate's error rate is below/,
    );
  });

  it('fails a candidate with 5× the errors within seconds', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0.2,
      baselineErrorRate: 0.04,
      perSecond: 150,
    });
    const result = await gate(cloud, { 'max-error-rate': '50%', duration: '60m' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.errors.at(-1)).toMatch(
      /^error-rate-gate: fail: candidate fails (19|2\d)(\.\d+)?% of \d+ requests vs [34](\.\d+)?% for the baseline/,
    );
    const decidedAfter = Number(result.outputs['decided-after-seconds']);
    console.log(`cloud-monitoring: 5× candidate rolled back after ${decidedAfter}s (accelerated time)`);
    expect(decidedAfter).toBeLessThan(30 * 60);
    expect(result.summary).toContain('Error-rate gate: FAIL');
    expect(result.summary).toContain('fail threshold');
  });

  it('fails a candidate that is much slower than the baseline (request_latencies distributions)', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0,
      perSecond: 60,
      candidateLatencyMs: 150,
    });
    const result = await gate(cloud, { 'max-latency-increase': '100%', duration: '20m' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.outputs.reason).toMatch(
      /^candidate p95 latency \d{3,} ms is more than 100% over the baseline's \d+ ms, 3 intervals in a row$/,
    );
  });

  it('waits for points that arrive after metrics-delay instead of judging them missing (a 5× candidate fails)', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0.25,
      baselineErrorRate: 0.05,
      perSecond: 120,
    });
    // An ingestion backlog: every request shows up 250-280 s late, so when the gate first reads an
    // interval (180 s metrics-delay after its end) nothing of it is visible yet.
    cloud.handler.ingestion.minDelayMs = 250_000;
    cloud.handler.ingestion.maxDelayMs = 280_000;
    const result = await gate(cloud, { 'max-error-rate': '50%', duration: '12m' });
    // Judged as missing, the intervals would give "inconclusive"; read once they arrived, a 5×
    // candidate fails.
    expect(result.outputs.verdict).toBe('fail');
    expect(result.outputs.reason).toMatch(/^candidate fails 2\d(\.\d+)?% of \d+ requests/);
    expect(result.stdout).not.toContain('no data');
  });

  it('reports without failing in dry-run mode', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0.3,
      baselineErrorRate: 0.02,
      perSecond: 100,
    });
    const result = await gate(cloud, { mode: 'dry-run', 'max-error-rate': '60%', duration: '40m' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.warnings.join('\n')).toContain('dry run: verdict fail');
    expect(result.summary).toContain('dry run: the step does not fail');
  });
});

describe.concurrent('error-rate-gate with Cloud Monitoring: no data, faults, bad input', () => {
  it('calls a candidate without traffic inconclusive, never a pass', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0.01,
      percent: 0,
      perSecond: 40,
    });
    const result = await gate(cloud, { duration: '5m' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('inconclusive');
    expect(result.outputs.reason).toContain('no data for the candidate');
    expect(result.outputs.requests).toBe('0');
  });

  it.for<[string, MetricsFault, RegExp]>([
    ['a 503 storm', { kind: 'status', status: 503 }, /failed 3 polls in a row/],
    ['a throttling storm', { kind: 'throttle' }, /failed 3 polls in a row/],
    ['NaN values', { kind: 'nan' }, /no data for the candidate|no usable data/],
  ])('never passes on %s', async ([, fault, reason], context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0,
      perSecond: 40,
    });
    cloud.handler.faults.add(fault, Number.POSITIVE_INFINITY);
    const result = await gate(cloud, { duration: '6m', 'min-requests': '10' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('inconclusive');
    expect(result.outputs.reason).toMatch(reason);
    expect(cloud.handler.calls.length).toBeGreaterThan(0);
  });

  it('stops on SIGTERM with an inconclusive verdict and a summary of what it saw', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0.05,
      baselineErrorRate: 0.05,
      perSecond: 60,
    });
    const result = await gate(
      cloud,
      { duration: '60m' },
      {
        onStart: (child) => {
          // Cancel once the gate has polled a few times.
          const timer = setInterval(() => {
            if (cloud.handler.calls.length >= 3) {
              clearInterval(timer);
              child.kill('SIGTERM');
            }
          }, 50);
          child.on('exit', () => clearInterval(timer));
        },
      },
    );
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('inconclusive');
    expect(result.outputs.reason).toMatch(/^cancelled after \d+ interval\(s\): no verdict$/);
    expect(result.warnings.join('\n')).toContain('received SIGTERM');
    expect(result.summary).toContain('Error-rate gate: INCONCLUSIVE');
  });

  it.for<[Record<string, string>, string]>([
    [{ candidate: 'Shop_00042' }, 'input "candidate": "Shop_00042" is not valid here'],
    [{ 'max-error-rate': '5' }, 'input "max-error-rate": "5" is ambiguous'],
    [{ interval: '1.5s' }, 'input "interval": must be a whole number of seconds'],
    [
      { interval: '1s' },
      'input "interval": 1s is shorter than the 60s alignment period Cloud Monitoring requires (for example: 1m)',
    ],
    [{ interval: '30s' }, 'input "interval": 30s is shorter than the 60s alignment period'],
    [{ baseline: CANDIDATE }, 'input "baseline": is the candidate itself'],
    [{ provider: '', source: '' }, 'input "source": is required when "provider" is not given'],
    [
      { 'start-time': '2099-01-01T00:00:00Z' },
      'input "start-time": 2099-01-01T00:00:00.000Z is more than 5 minutes in the future',
    ],
  ])('rejects bad input %o before any API call', async ([inputs, message], context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0,
      perSecond: 0,
    });
    const result = await gate(cloud, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.startsWith(`error-rate-gate: ${message}`)).toBe(true);
    expect(result.errors[0]).toContain('for example');
    expect(result.stderr).toBe('');
    expect(cloud.handler.calls).toHaveLength(0);
  });
});
