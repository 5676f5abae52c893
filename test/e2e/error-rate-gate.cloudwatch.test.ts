/**
 * error-rate-gate against CloudWatch: the built bundle's @aws-sdk/client-cloudwatch sends
 * GetMetricData (AWS JSON 1.0) to the emulator, which answers from real traffic routed between
 * two target groups behind one load balancer. Emulator and bundle share an accelerated timeline
 * (60× real time): periods are real 60 s periods and metrics arrive with the ALB's lag, so the
 * gate runs on its production settings (interval 1m, metrics-delay 120s by default).
 */
import { describe, expect, it, type TestContext } from 'vitest';
import type { MetricsFault } from '../../harness/emulators/cloud-monitoring';
import { cloudWatchHandler } from '../../harness/emulators/cloudwatch';
import { acceleratedTime } from '../../harness/emulators/traffic-log';
import { startServer, type TestServer } from '../../harness/helpers/http-server';
import { runBundle } from '../../harness/helpers/runner';
import { startRoutedService, type TaskFailure } from './error-rate-gate-traffic';

const LOAD_BALANCER = 'app/shop-alb/50dc6c495c0c9188';
const CANDIDATE = 'targetgroup/shop-green/6d0ecf831eec9f09';
const BASELINE = 'targetgroup/shop-blue/943f017f100becff';
const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012';

async function setup(
  context: TestContext,
  options: {
    candidateErrorRate: number;
    baselineErrorRate: number;
    percent?: number;
    perSecond: number;
    candidateLatencyMs?: number;
    candidateFailure?: TaskFailure;
  },
) {
  const time = acceleratedTime();
  const service = await startRoutedService({
    group: LOAD_BALANCER,
    candidate: {
      name: CANDIDATE,
      errorRate: options.candidateErrorRate,
      percent: options.percent ?? 50,
      ...(options.candidateLatencyMs ? { latencyMs: options.candidateLatencyMs } : {}),
      ...(options.candidateFailure ? { failure: options.candidateFailure } : {}),
    },
    baseline: { name: BASELINE, errorRate: options.baselineErrorRate },
  });
  const handler = cloudWatchHandler(service.log, { ingestion: { timeline: time.timeline } });
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
) {
  return runBundle(
    'error-rate-gate',
    {
      provider: 'ecs',
      // ARNs as the ECS and ELB APIs print them; the gate turns them into dimension values.
      'load-balancer': `${ARN}:loadbalancer/${LOAD_BALANCER}`,
      'candidate-target-group': `${ARN}:${CANDIDATE}`,
      'baseline-target-group': `${ARN}:${BASELINE}`,
      interval: '1m',
      duration: '30m',
      'start-time': time.nowIso(),
      ...inputs,
    },
    {
      env: {
        AWS_ENDPOINT_URL_CLOUDWATCH: `http://127.0.0.1:${api.port}`,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...time.env,
      },
      timeoutMs: 90_000,
    },
  );
}

// Tests with real traffic run one at a time: on a busy 2-core runner the load loop would starve.
describe('error-rate-gate with CloudWatch: live traffic', () => {
  it('passes a healthy candidate, retrying through transient throttling', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0.2,
      baselineErrorRate: 0.2,
      perSecond: 150,
    });
    cloud.handler.faults.add({ kind: 'throttle' }, 2);
    const result = await gate(cloud, { 'max-error-rate': '50%', duration: '40m' });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('pass');
    expect(Number(result.outputs['candidate-error-rate'])).toBeCloseTo(0.2, 1);
    expect(Number(result.outputs.requests)).toBeGreaterThan(300);
    expect(result.summary).toContain('Error-rate gate: PASS');
    expect(result.summary).toContain(`| Identity | ${CANDIDATE} | ${BASELINE} |`);
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
      /^error-rate-gate: fail: candidate fails (19|2\d)(\.\d+)?% of \d+ requests/,
    );
    const decidedAfter = Number(result.outputs['decided-after-seconds']);
    console.log(`cloudwatch: 5× candidate rolled back after ${decidedAfter}s (accelerated time)`);
    expect(decidedAfter).toBeLessThan(30 * 60);
  });

  it('does not fail a service whose baseline runs above max-error-rate: the ceiling rises to twice it', async (context) => {
    // Issue 12: a fixed 5 % ceiling failed 39–45 % of healthy services running near it.
    const cloud = await setup(context, {
      candidateErrorRate: 0.25,
      baselineErrorRate: 0.25,
      perSecond: 100,
    });
    const result = await gate(cloud, { 'max-error-rate': '5%', duration: '30m' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.verdict).toBe('pass');
  });

  it('fails a candidate whose p95 latency stays above the limit', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0,
      perSecond: 60,
      candidateLatencyMs: 120,
    });
    const result = await gate(cloud, { 'max-p95-latency-ms': '80', duration: '20m' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.outputs.reason).toMatch(
      /candidate p95 latency \d{3,} ms is above the 80 ms limit, 3 intervals in a row/,
    );
  });

  // A crashing, resetting or hanging candidate answers (almost) nothing itself: the ALB answers
  // 502/503/504, counted in HTTPCode_ELB_* per load balancer, not in the group's HTTPCode_Target_5XX.
  it.for<[TaskFailure['kind'], number]>([
    ['reset', 0.3],
    ['hang', 0.3],
    ['refused', 0.3],
    ['no-targets', 1],
  ])(
    'fails a candidate whose tasks fail below HTTP (%s): the ALB answers for them',
    async ([kind, rate], context) => {
      const cloud = await setup(context, {
        candidateErrorRate: 0,
        baselineErrorRate: 0.02,
        perSecond: 120,
        candidateFailure: { kind, rate },
      });
      const result = await gate(cloud, { 'max-error-rate': '10%', duration: '20m' });
      expect(result.exitCode).toBe(1);
      expect(result.outputs.verdict).toBe('fail');
      expect(Number(result.outputs['candidate-error-rate'])).toBeGreaterThan(0.2);
      // The target group itself never reported a 5xx: only the load balancer did.
      const elbAnswers = cloud.service.log.samples({ version: CANDIDATE }).filter((s) => s.answeredBy);
      expect(elbAnswers.length).toBeGreaterThan(0);
      expect(
        cloud.service.log.samples({ version: CANDIDATE }).some((s) => !s.answeredBy && s.status >= 500),
      ).toBe(false);
    },
  );

  it('waits for points that arrive after metrics-delay instead of judging them missing (a 5× candidate fails)', async (context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0.25,
      baselineErrorRate: 0.05,
      perSecond: 120,
    });
    // An ingestion backlog: every request shows up 190-220 s late, so when the gate first reads an
    // interval (120 s metrics-delay after its end) nothing of it is visible yet.
    cloud.handler.ingestion.minDelayMs = 190_000;
    cloud.handler.ingestion.maxDelayMs = 220_000;
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
  });
});

describe.concurrent('error-rate-gate with CloudWatch: no data, faults, bad input', () => {
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
  });

  it.for<[string, MetricsFault, RegExp]>([
    ['a 503 storm', { kind: 'status', status: 503 }, /failed 3 polls in a row/],
    ['a throttling storm', { kind: 'throttle' }, /failed 3 polls in a row \(Rate exceeded\)/],
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
  });

  it.for<[Record<string, string>, string]>([
    [
      { 'load-balancer': 'shop-alb' },
      'input "load-balancer": "shop-alb" is not an Application Load Balancer',
    ],
    [
      { 'baseline-target-group': `${ARN}:${CANDIDATE}` },
      'input "baseline-target-group": is the same target group',
    ],
    [{ 'candidate-target-group': '' }, 'input "candidate-target-group": is required'],
    [{ duration: '30s' }, 'input "duration": must be at least one interval'],
    [
      { interval: '1s' },
      'input "interval": 1s is not a multiple of the 60s period of ALB metrics in CloudWatch (for example: 1m)',
    ],
    [{ interval: '90s' }, 'input "interval": 90s is not a multiple of the 60s period'],
  ])('rejects bad input %o before any API call', async ([inputs, message], context) => {
    const cloud = await setup(context, {
      candidateErrorRate: 0,
      baselineErrorRate: 0,
      perSecond: 0,
    });
    const { handler } = cloud;
    const result = await gate(cloud, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.startsWith(`error-rate-gate: ${message}`)).toBe(true);
    expect(result.stderr).toBe('');
    expect(handler.calls).toHaveLength(0);
  });
});
