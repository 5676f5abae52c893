/** The metrics emulators' wire shapes, checked directly (the end-to-end tests drive them with the SDKs). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudMonitoringHandler, parseFilter } from '../../../harness/emulators/cloud-monitoring';
import { cloudWatchHandler } from '../../../harness/emulators/cloudwatch';
import { TrafficLog } from '../../../harness/emulators/traffic-log';
import { startServer, type TestServer } from '../../../harness/helpers/http-server';

const T0 = Date.UTC(2026, 10, 22, 18, 0, 0);
const log = new TrafficLog();
const monitoring = cloudMonitoringHandler(log);
const cloudwatch = cloudWatchHandler(log);
let api: TestServer;

beforeAll(async () => {
  for (let i = 0; i < 30; i++) {
    log.record({
      at: T0 + i * 6000,
      group: 'shop',
      version: 'shop-00042-new',
      status: i % 10 === 0 ? 503 : 200,
      latencyMs: 10 + i,
    });
    log.record({
      at: T0 + i * 6000,
      group: 'app/alb/0123456789abcdef',
      version: 'targetgroup/g/0123456789abcdef',
      status: i % 5 === 0 ? 500 : 200,
      latencyMs: 100,
    });
  }
  api = await startServer(async (req, res, body) => {
    if (await monitoring(req, res, body)) return;
    if (await cloudwatch(req, res, body)) return;
    res.statusCode = 404;
    res.end();
  });
});

afterAll(async () => {
  await api.close();
});

describe('Cloud Monitoring emulator', () => {
  it('parses AND-ed equality and one_of filters', () => {
    expect(parseFilter('metric.type = "a" AND resource.labels.revision_name = one_of("x", "y\\"z")')).toEqual(
      [
        { key: 'metric.type', values: ['a'] },
        { key: 'resource.labels.revision_name', values: ['x', 'y"z'] },
      ],
    );
    expect(
      parseFilter(
        'metric.type = "a" AND (resource.labels.revision_name = "x" OR resource.labels.revision_name = "y")',
      ),
    ).toEqual([
      { key: 'metric.type', values: ['a'] },
      { key: 'resource.labels.revision_name', values: ['x', 'y'] },
    ]);
    expect(() => parseFilter('(metric.type = "a" OR resource.type = "b")')).toThrow(/one key only/);
    expect(() => parseFilter('metric.type ~ "a"')).toThrow(/Could not parse/);
  });

  it('aligns periods to the end time and lists points newest first, empty periods left out', async () => {
    const params = new URLSearchParams({
      filter:
        'metric.type = "run.googleapis.com/request_count" AND resource.labels.revision_name = "shop-00042-new"',
      'interval.startTime': new Date(T0).toISOString(),
      'interval.endTime': new Date(T0 + 360_000).toISOString(),
      'aggregation.alignmentPeriod': '60s',
      'aggregation.perSeriesAligner': '1',
      'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      'aggregation.groupByFields': 'metric.labels.response_code_class',
    });
    const response = await fetch(`${api.url}/v3/projects/acme/timeSeries?${params}`);
    const body = (await response.json()) as {
      timeSeries: {
        metric: { labels: Record<string, string> };
        points: { interval: { endTime: string }; value: { int64Value: string } }[];
      }[];
    };
    const ok = body.timeSeries.find((s) => s.metric.labels.response_code_class === '2xx');
    const errors = body.timeSeries.find((s) => s.metric.labels.response_code_class === '5xx');
    // 30 samples every 6 s from T0: 10 per 60 s period for 180 s, nothing after.
    expect(ok?.points.map((p) => [p.interval.endTime, p.value.int64Value])).toEqual([
      [new Date(T0 + 180_000).toISOString(), '9'],
      [new Date(T0 + 120_000).toISOString(), '9'],
      [new Date(T0 + 60_000).toISOString(), '9'],
    ]);
    expect(errors?.points).toHaveLength(3);
  });

  it('answers faults in the API error shape', async () => {
    monitoring.faults.add({ kind: 'throttle' });
    const response = await fetch(`${api.url}/v3/projects/acme/timeSeries?filter=x`);
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
  });
});

describe('CloudWatch emulator', () => {
  it('answers GetMetricData per target group, omitting periods without 5xx', async () => {
    const metric = (name: string) => ({
      Namespace: 'AWS/ApplicationELB',
      MetricName: name,
      Dimensions: [
        { Name: 'LoadBalancer', Value: 'app/alb/0123456789abcdef' },
        { Name: 'TargetGroup', Value: 'targetgroup/g/0123456789abcdef' },
      ],
    });
    const response = await fetch(api.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({
        StartTime: T0 / 1000,
        EndTime: T0 / 1000 + 240,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { Id: 'requests', MetricStat: { Metric: metric('RequestCount'), Period: 60, Stat: 'Sum' } },
          {
            Id: 'errors',
            MetricStat: { Metric: metric('HTTPCode_Target_5XX_Count'), Period: 60, Stat: 'Sum' },
          },
          { Id: 'latency', MetricStat: { Metric: metric('TargetResponseTime'), Period: 60, Stat: 'p95' } },
        ],
      }),
    });
    const body = (await response.json()) as {
      MetricDataResults: { Id: string; Timestamps: number[]; Values: number[] }[];
    };
    const byId = Object.fromEntries(body.MetricDataResults.map((r) => [r.Id, r]));
    expect(byId.requests?.Values).toEqual([10, 10, 10]);
    expect(byId.requests?.Timestamps).toEqual([T0 / 1000, T0 / 1000 + 60, T0 / 1000 + 120]);
    // A 500 every 5th sample: two per 60 s period, then none after 180 s.
    expect(byId.errors?.Values).toEqual([2, 2, 2]);
    expect(byId.latency?.Values).toEqual([0.1, 0.1, 0.1]);
  });

  it('throttles on request with the AWS error shape', async () => {
    cloudwatch.faults.add({ kind: 'throttle' });
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'Throttling', message: 'Rate exceeded' });
  });
});

// ---- issue 14: periods the real APIs refuse, the ALB's own answers, late points ----------------

const GET_METRIC_DATA = 'GraniteServiceVersion20100801.GetMetricData';
const LB = 'app/alb/fedcba9876543210';
const GREEN = 'targetgroup/green/fedcba9876543210';
const BLUE = 'targetgroup/blue/fedcba9876543210';

async function getMetricData(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'x-amz-target': GET_METRIC_DATA, 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const albQuery = (Id: string, MetricName: string, dimensions: Record<string, string>, Stat = 'Sum') => ({
  Id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/ApplicationELB',
      MetricName,
      Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
    },
    Period: 60,
    Stat,
  },
});

describe('periods the real APIs refuse', () => {
  it('Cloud Monitoring: an alignment period under 60 s is INVALID_ARGUMENT', async () => {
    const params = new URLSearchParams({
      filter: 'metric.type = "run.googleapis.com/request_count"',
      'interval.startTime': new Date(T0).toISOString(),
      'interval.endTime': new Date(T0 + 60_000).toISOString(),
      'aggregation.alignmentPeriod': '30s',
      'aggregation.perSeriesAligner': 'ALIGN_DELTA',
    });
    const response = await fetch(`${api.url}/v3/projects/acme/timeSeries?${params}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message:
          'Field aggregation.alignmentPeriod had an invalid value of "30s": The alignment period must be at least 60 seconds.',
      },
    });
  });

  it('CloudWatch: an ALB metric period that is not a multiple of 60 is InvalidParameterValue', async () => {
    const query = albQuery('requests', 'RequestCount', { LoadBalancer: LB });
    const { status, body } = await getMetricData(api.url, {
      StartTime: T0 / 1000,
      EndTime: T0 / 1000 + 60,
      MetricDataQueries: [{ ...query, MetricStat: { ...query.MetricStat, Period: 1 } }],
    });
    expect(status).toBe(400);
    expect(body).toEqual({
      __type: 'InvalidParameterValue',
      message:
        'The parameter MetricDataQueries.member.1.MetricStat.Period must be a multiple of 60 for metrics with regular resolution.',
    });
  });
});

describe('CloudWatch emulator: what the ALB answers itself', () => {
  const albLog = new TrafficLog();
  const alb = cloudWatchHandler(albLog);
  let albApi: TestServer;
  beforeAll(async () => {
    const sample = (version: string, status: number, extra: object = {}) =>
      albLog.record({ at: T0 + 1000, group: LB, version, status, latencyMs: 5, ...extra });
    for (let i = 0; i < 6; i++) sample(GREEN, 200);
    sample(GREEN, 500); // the target's own 500
    sample(GREEN, 502, { answeredBy: 'load-balancer' }); // reset
    sample(GREEN, 502, { answeredBy: 'load-balancer', connectionError: true }); // refused
    sample(GREEN, 504, { answeredBy: 'load-balancer' }); // hung past the idle timeout
    sample(GREEN, 503, { answeredBy: 'load-balancer', noTarget: true }); // no target to choose
    for (let i = 0; i < 5; i++) sample(BLUE, 200);
    albLog.recordHealth({ at: 0, group: LB, version: GREEN, healthy: 1, unhealthy: 3 });
    albApi = await startServer(async (req, res, body) => {
      if (await alb(req, res, body)) return;
      res.statusCode = 404;
      res.end();
    });
  });
  afterAll(async () => {
    await albApi.close();
  });

  it('counts them per load balancer only, never as the target group 5xx', async () => {
    const green = { LoadBalancer: LB, TargetGroup: GREEN };
    const { status, body } = await getMetricData(albApi.url, {
      StartTime: T0 / 1000,
      EndTime: T0 / 1000 + 60,
      MetricDataQueries: [
        albQuery('requests_green', 'RequestCount', green),
        albQuery('requests_lb', 'RequestCount', { LoadBalancer: LB }),
        albQuery('t2xx', 'HTTPCode_Target_2XX_Count', green),
        albQuery('t5xx', 'HTTPCode_Target_5XX_Count', green),
        albQuery('conn', 'TargetConnectionErrorCount', green),
        albQuery('elb5xx', 'HTTPCode_ELB_5XX_Count', { LoadBalancer: LB }),
        albQuery('elb5xx_green', 'HTTPCode_ELB_5XX_Count', green),
        albQuery('elb502', 'HTTPCode_ELB_502_Count', { LoadBalancer: LB }),
        albQuery('elb503', 'HTTPCode_ELB_503_Count', { LoadBalancer: LB }),
        albQuery('elb504', 'HTTPCode_ELB_504_Count', { LoadBalancer: LB }),
        albQuery('healthy', 'HealthyHostCount', green, 'Average'),
        albQuery('unhealthy', 'UnHealthyHostCount', green, 'Maximum'),
      ],
    });
    expect(status).toBe(200);
    const values = Object.fromEntries(
      (body.MetricDataResults as { Id: string; Values: number[] }[]).map((r) => [r.Id, r.Values]),
    );
    expect(values).toEqual({
      // The 503 for want of a target is in no RequestCount: no target was chosen.
      requests_green: [10],
      requests_lb: [15],
      t2xx: [6],
      t5xx: [1],
      conn: [1],
      elb5xx: [4],
      // No such series: ELB codes carry the LoadBalancer dimension only.
      elb5xx_green: [],
      elb502: [2],
      elb503: [1],
      elb504: [1],
      healthy: [1],
      unhealthy: [3],
    });
  });
});

describe('ingestion delay', () => {
  it('shows a recent period late and partly, then in full: late points change it', async () => {
    const lateLog = new TrafficLog();
    const now = Date.now();
    const start = Math.floor(now / 60_000) * 60_000 - 120_000;
    // 60 requests over the minute [start, start + 60 s), which closed 60-120 s ago.
    for (let i = 0; i < 60; i++) {
      lateLog.record({ at: start + i * 1000, group: LB, version: GREEN, status: 200, latencyMs: 1 });
    }
    const late = cloudWatchHandler(lateLog, { ingestion: { minDelayMs: 0, maxDelayMs: 240_000 } });
    const server = await startServer(async (req, res, body) => {
      if (await late(req, res, body)) return;
      res.statusCode = 404;
      res.end();
    });
    const read = async () => {
      const { body } = await getMetricData(server.url, {
        StartTime: start / 1000,
        EndTime: start / 1000 + 60,
        MetricDataQueries: [albQuery('requests', 'RequestCount', { LoadBalancer: LB, TargetGroup: GREEN })],
      });
      return ((body.MetricDataResults as { Values: number[] }[])[0]?.Values ?? [])[0] ?? 0;
    };
    try {
      const partial = await read();
      // Lags spread up to 240 s: after 60-120 s, only part of the minute is visible.
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(60);
      late.ingestion.maxDelayMs = 0; // the backlog clears
      expect(await read()).toBe(60);
    } finally {
      await server.close();
    }
  });

  it('answers on an accelerated timeline the callers share', async () => {
    const timeline = { origin: Date.now() - 10_000, scale: 60 };
    const scaledLog = new TrafficLog();
    // 10 real seconds ago is the origin; 5 real seconds ago is 5 virtual minutes after it.
    scaledLog.record({
      at: timeline.origin + 5000,
      group: 'shop',
      version: 'shop-00042-new',
      status: 200,
      latencyMs: 1,
    });
    const monitoring = cloudMonitoringHandler(scaledLog, { ingestion: { timeline, maxDelayMs: 0 } });
    const server = await startServer(async (req, res, body) => {
      if (await monitoring(req, res, body)) return;
      res.statusCode = 404;
      res.end();
    });
    try {
      const virtualAt = timeline.origin + 5000 * 60;
      const params = new URLSearchParams({
        filter: 'metric.type = "run.googleapis.com/request_count"',
        'interval.startTime': new Date(virtualAt - 60_000).toISOString(),
        'interval.endTime': new Date(virtualAt + 60_000).toISOString(),
        'aggregation.alignmentPeriod': '120s',
        'aggregation.perSeriesAligner': 'ALIGN_DELTA',
        'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      });
      const response = await fetch(`${server.url}/v3/projects/acme/timeSeries?${params}`);
      const body = (await response.json()) as {
        timeSeries: { points: { value: { int64Value: string } }[] }[];
      };
      expect(body.timeSeries[0]?.points.map((p) => p.value.int64Value)).toEqual(['1']);
    } finally {
      await server.close();
    }
  });
});
