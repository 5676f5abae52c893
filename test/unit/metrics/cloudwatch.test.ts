import { describe, expect, it } from 'vitest';
import {
  CloudWatchSource,
  loadBalancerDimension,
  type MetricDataReader,
  metricDataQueries,
  parseMetricData,
  targetGroupDimension,
} from '../../../shared/metrics/cloudwatch';
import type { CloudWatchSettings } from '../../../shared/metrics/settings';

const settings: CloudWatchSettings = {
  source: 'cloudwatch',
  region: 'eu-west-1',
  loadBalancer: 'app/shop-alb/50dc6c495c0c9188',
  candidate: 'targetgroup/shop-green/6d0ecf831eec9f09',
  baseline: 'targetgroup/shop-blue/943f017f100becff',
  latency: false,
  slowThresholdsMs: [],
  userAgent: 'rollout-actions-error-rate-gate/1.0.0',
  requestTimeoutMs: 5000,
};
const T0 = Date.UTC(2026, 10, 22, 18, 0, 0);
const range = { start: T0, end: T0 + 180_000, stepMs: 60_000 };

describe('CloudWatch queries', () => {
  it('turns ARNs into dimension values', () => {
    expect(
      targetGroupDimension(
        'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green/6d0ecf831eec9f09',
      ),
    ).toBe('targetgroup/shop-green/6d0ecf831eec9f09');
    expect(
      loadBalancerDimension(
        'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-alb/50dc6c495c0c9188',
      ),
    ).toBe('app/shop-alb/50dc6c495c0c9188');
    expect(targetGroupDimension('targetgroup/x/0123456789abcdef')).toBe('targetgroup/x/0123456789abcdef');
  });

  it('asks for requests and 5xx per target group, p95 latency only when wanted', () => {
    const queries = metricDataQueries(settings, 60_000);
    expect(queries.map((q) => q.Id)).toEqual(['requests_c', 'errors_c', 'requests_b', 'errors_b']);
    expect(queries[1]).toEqual({
      Id: 'errors_c',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HTTPCode_Target_5XX_Count',
          Dimensions: [
            { Name: 'LoadBalancer', Value: 'app/shop-alb/50dc6c495c0c9188' },
            { Name: 'TargetGroup', Value: 'targetgroup/shop-green/6d0ecf831eec9f09' },
          ],
        },
        Period: 60,
        Stat: 'Sum',
      },
      ReturnData: true,
    });
    const withLatency = metricDataQueries({ ...settings, latency: true }, 60_000);
    expect(withLatency.find((q) => q.Id === 'latency_b')?.MetricStat).toMatchObject({
      Metric: { MetricName: 'TargetResponseTime' },
      Stat: 'p95',
    });
  });
});

describe('CloudWatch responses', () => {
  const at = (minute: number) => new Date(T0 + minute * 60_000);

  it('reads periods by their start; absent 5xx with requests is zero, absent requests is missing', () => {
    const arm = parseMetricData(
      [
        { Id: 'requests_c', Timestamps: [at(0), at(1)], Values: [100, 80] },
        { Id: 'errors_c', Timestamps: [at(1)], Values: [8] },
        { Id: 'requests_b', Timestamps: [at(0)], Values: [300] },
        { Id: 'latency_c', Timestamps: [at(0)], Values: [0.25] },
      ],
      range,
    );
    expect(arm('candidate', T0)).toEqual({ requests: 100, errors: 0, p95LatencyMs: 250 });
    expect(arm('candidate', T0 + 60_000)).toEqual({ requests: 80, errors: 8 });
    expect(arm('baseline', T0 + 60_000)).toEqual({ requests: Number.NaN, errors: Number.NaN });
  });

  it('never reads NaN as a count', () => {
    const arm = parseMetricData(
      [
        { Id: 'requests_c', Timestamps: [at(0)], Values: [Number.NaN] },
        { Id: 'requests_b', Timestamps: [at(0)], Values: [10] },
        { Id: 'errors_b', Timestamps: [at(0)], Values: [Number.NaN] },
      ],
      range,
    );
    expect(Number.isNaN(arm('candidate', T0).requests)).toBe(true);
    expect(Number.isNaN(arm('baseline', T0).errors)).toBe(true);
  });

  it('follows NextToken and merges pages per query', async () => {
    const inputs: unknown[] = [];
    const reader: MetricDataReader = {
      async getMetricData(input) {
        inputs.push(input);
        return input.NextToken
          ? {
              MetricDataResults: [
                { Id: 'requests_c', Timestamps: [at(1)], Values: [50] },
                { Id: 'requests_b', Timestamps: [at(1)], Values: [50] },
              ],
            }
          : {
              MetricDataResults: [
                { Id: 'requests_c', Timestamps: [at(0)], Values: [40] },
                { Id: 'requests_b', Timestamps: [at(0)], Values: [60] },
              ],
              NextToken: 'page-2',
            };
      },
    };
    const counts = await new CloudWatchSource(settings, reader).counts(range, new AbortController().signal);
    expect(counts.map((c) => [c.candidate.requests, c.baseline.requests])).toEqual([
      [40, 60],
      [50, 50],
      [Number.NaN, Number.NaN],
    ]);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toMatchObject({
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 180_000),
      ScanBy: 'TimestampAscending',
    });
  });
});
