/** The metrics emulators' wire shapes, checked directly (the end-to-end tests drive them with the SDKs). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudMonitoringHandler, parseFilter } from '../../emulators/cloud-monitoring';
import { cloudWatchHandler } from '../../emulators/cloudwatch';
import { TrafficLog } from '../../emulators/traffic-log';
import { startServer, type TestServer } from '../../helpers/http-server';

const T0 = Date.UTC(2026, 10, 22, 18, 0, 0);
const log = new TrafficLog();
const monitoring = cloudMonitoringHandler(log);
const cloudwatch = cloudWatchHandler(log);
let api: TestServer;

beforeAll(async () => {
  for (let i = 0; i < 30; i++) {
    log.record({
      at: T0 + i * 2000,
      group: 'shop',
      version: 'shop-00042-new',
      status: i % 10 === 0 ? 503 : 200,
      latencyMs: 10 + i,
    });
    log.record({
      at: T0 + i * 2000,
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
      'interval.endTime': new Date(T0 + 120_000).toISOString(),
      'aggregation.alignmentPeriod': '20s',
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
    // 30 samples every 2 s from T0: 10 per 20 s period for 60 s, nothing after.
    expect(ok?.points.map((p) => [p.interval.endTime, p.value.int64Value])).toEqual([
      [new Date(T0 + 60_000).toISOString(), '9'],
      [new Date(T0 + 40_000).toISOString(), '9'],
      [new Date(T0 + 20_000).toISOString(), '9'],
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
        EndTime: T0 / 1000 + 80,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { Id: 'requests', MetricStat: { Metric: metric('RequestCount'), Period: 20, Stat: 'Sum' } },
          {
            Id: 'errors',
            MetricStat: { Metric: metric('HTTPCode_Target_5XX_Count'), Period: 10, Stat: 'Sum' },
          },
          { Id: 'latency', MetricStat: { Metric: metric('TargetResponseTime'), Period: 20, Stat: 'p95' } },
        ],
      }),
    });
    const body = (await response.json()) as {
      MetricDataResults: { Id: string; Timestamps: number[]; Values: number[] }[];
    };
    const byId = Object.fromEntries(body.MetricDataResults.map((r) => [r.Id, r]));
    expect(byId.requests?.Values).toEqual([10, 10, 10]);
    expect(byId.requests?.Timestamps).toEqual([T0 / 1000, T0 / 1000 + 20, T0 / 1000 + 40]);
    // A 500 every 5th sample (every 10 s): one per 10 s period, then none after 60 s.
    expect(byId.errors?.Values).toEqual([1, 1, 1, 1, 1, 1]);
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
