/**
 * error-rate-gate against Cloud Monitoring: the built bundle's @google-cloud/monitoring client
 * (REST) queries the emulator, which answers from real traffic routed between two revisions.
 */
import { describe, expect, it, type TestContext } from 'vitest';
import { cloudMonitoringHandler, type MetricsFault } from '../emulators/cloud-monitoring';
import { startServer, type TestServer } from '../helpers/http-server';
import { type BundleOptions, runBundle } from '../helpers/runner';
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
  const handler = cloudMonitoringHandler(service.log, { location: 'us-central1' });
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
  return { service, handler, api };
}

function gate(api: TestServer, inputs: Record<string, string>, options: BundleOptions = {}) {
  return runBundle(
    'error-rate-gate',
    {
      provider: 'cloud-run',
      project: 'acme-shop-prod',
      region: 'us-central1',
      service: 'shop',
      candidate: CANDIDATE,
      baseline: BASELINE,
      interval: '1s',
      duration: '30s',
      'metrics-delay': '300ms',
      'start-time': new Date().toISOString(),
      ...inputs,
    },
    { env: { CLOUD_MONITORING_EMULATOR_HOST: `127.0.0.1:${api.port}` }, timeoutMs: 90_000, ...options },
  );
}

// Tests with real traffic run one at a time: on a busy 2-core runner the load loop would starve.
describe('error-rate-gate with Cloud Monitoring: live traffic', () => {
  it('passes a healthy candidate, retrying through transient 503s', async (context) => {
    const { api, handler } = await setup(context, {
      candidateErrorRate: 0.2,
      baselineErrorRate: 0.2,
      perSecond: 150,
    });
    handler.faults.add({ kind: 'status', status: 503 }, 2);
    const result = await gate(api, { 'max-error-rate': '50%', duration: '40s' });
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
    const { api } = await setup(context, { candidateErrorRate: 0, baselineErrorRate: 0, perSecond: 150 });
    const result = await gate(api, { duration: '8s' });
    expect(result.errors).toEqual([]);
    expect(result.outputs.verdict).toBe('pass');
    expect(Number(result.outputs['candidate-error-rate'])).toBe(0);
    expect(result.outputs.reason).toMatch(
      /too few errors to compare the two, and the candidate's error rate is below/,
    );
  });

  it('fails a candidate with 5× the errors within seconds', async (context) => {
    const { api } = await setup(context, {
      candidateErrorRate: 0.2,
      baselineErrorRate: 0.04,
      perSecond: 150,
    });
    const result = await gate(api, { 'max-error-rate': '50%', duration: '60s' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.errors.at(-1)).toMatch(
      /^error-rate-gate: fail: candidate fails (19|2\d)(\.\d+)?% of \d+ requests vs [34](\.\d+)?% for the baseline/,
    );
    const decidedAfter = Number(result.outputs['decided-after-seconds']);
    console.log(`cloud-monitoring: 5× candidate rolled back after ${decidedAfter}s`);
    expect(decidedAfter).toBeLessThan(30);
    expect(result.summary).toContain('Error-rate gate: FAIL');
    expect(result.summary).toContain('fail threshold');
  });

  it('fails a candidate that is much slower than the baseline (request_latencies distributions)', async (context) => {
    const { api } = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0,
      perSecond: 60,
      candidateLatencyMs: 150,
    });
    const result = await gate(api, { 'max-latency-increase': '100%', duration: '20s' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.outputs.reason).toMatch(
      /^candidate p95 latency \d{3,} ms is more than 100% over the baseline's \d+ ms, 3 intervals in a row$/,
    );
  });

  it('reports without failing in dry-run mode', async (context) => {
    const { api } = await setup(context, {
      candidateErrorRate: 0.3,
      baselineErrorRate: 0.02,
      perSecond: 100,
    });
    const result = await gate(api, { mode: 'dry-run', 'max-error-rate': '60%', duration: '40s' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.warnings.join('\n')).toContain('dry run: verdict fail');
    expect(result.summary).toContain('dry run: the step does not fail');
  });
});

describe.concurrent('error-rate-gate with Cloud Monitoring: no data, faults, bad input', () => {
  it('calls a candidate without traffic inconclusive, never a pass', async (context) => {
    const { api } = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0.01,
      percent: 0,
      perSecond: 40,
    });
    const result = await gate(api, { duration: '5s' });
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
    const { api, handler } = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0,
      perSecond: 40,
    });
    handler.faults.add(fault, Number.POSITIVE_INFINITY);
    const result = await gate(api, { duration: '6s', 'min-requests': '10' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('inconclusive');
    expect(result.outputs.reason).toMatch(reason);
    expect(handler.calls.length).toBeGreaterThan(0);
  });

  it('stops on SIGTERM with an inconclusive verdict and a summary of what it saw', async (context) => {
    const { api, handler } = await setup(context, {
      candidateErrorRate: 0.05,
      baselineErrorRate: 0.05,
      perSecond: 60,
    });
    const result = await gate(
      api,
      { duration: '60s' },
      {
        onStart: (child) => {
          // Cancel once the gate has polled a few times.
          const timer = setInterval(() => {
            if (handler.calls.length >= 3) {
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
    [{ baseline: CANDIDATE }, 'input "baseline": is the candidate itself'],
    [{ provider: '', source: '' }, 'input "source": is required when "provider" is not given'],
    [
      { 'start-time': '2099-01-01T00:00:00Z' },
      'input "start-time": 2099-01-01T00:00:00.000Z is more than 5 minutes in the future',
    ],
  ])('rejects bad input %o before any API call', async ([inputs, message], context) => {
    const { api, handler } = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0,
      perSecond: 0,
    });
    const result = await gate(api, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.startsWith(`error-rate-gate: ${message}`)).toBe(true);
    expect(result.errors[0]).toContain('for example');
    expect(result.stderr).toBe('');
    expect(handler.calls).toHaveLength(0);
  });
});
