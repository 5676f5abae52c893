import { describe, expect, it } from 'vitest';
import {
  attributeErrors,
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

  it('asks per target group for requests, target responses and connection errors, and for the ELB 5xx', () => {
    const queries = metricDataQueries(settings, 60_000);
    expect(queries.map((q) => q.Id)).toEqual([
      ...['requests_c', 't2xx_c', 't3xx_c', 't4xx_c', 't5xx_c', 'conn_c'],
      ...['requests_b', 't2xx_b', 't3xx_b', 't4xx_b', 't5xx_b', 'conn_b'],
      'elb5xx',
    ]);
    // The load balancer's own 5xx exist with the LoadBalancer dimension only.
    expect(queries.at(-1)?.MetricStat.Metric).toEqual({
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'HTTPCode_ELB_5XX_Count',
      Dimensions: [{ Name: 'LoadBalancer', Value: 'app/shop-alb/50dc6c495c0c9188' }],
    });
    expect(queries[4]).toEqual({
      Id: 't5xx_c',
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
        { Id: 't2xx_c', Timestamps: [at(0), at(1)], Values: [100, 72] },
        { Id: 't5xx_c', Timestamps: [at(1)], Values: [8] },
        { Id: 'requests_b', Timestamps: [at(0)], Values: [300] },
        { Id: 't2xx_b', Timestamps: [at(0)], Values: [300] },
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
        { Id: 't5xx_b', Timestamps: [at(0)], Values: [Number.NaN] },
      ],
      range,
    );
    expect(Number.isNaN(arm('candidate', T0).requests)).toBe(true);
    expect(Number.isNaN(arm('baseline', T0).errors)).toBe(true);
  });

  it('charges requests no target answered, and ELB 5xx no group explains, to the candidate', () => {
    const group = (
      requests: number | undefined,
      byClass: (number | undefined)[],
      connectionErrors?: number,
    ) => ({
      requests,
      byClass,
      connectionErrors,
    });
    // Healthy: every routed request answered by a target; no ELB 5xx.
    expect(attributeErrors(group(100, [95, 0, 0, 5]), group(100, [98, 0, 0, 2]), undefined)).toEqual({
      candidate: { requests: 100, errors: 5 },
      baseline: { requests: 100, errors: 2 },
    });
    // Candidate tasks reset or hang: 30 routed requests got the ALB's 502/504, none a target 5xx.
    expect(attributeErrors(group(100, [70]), group(100, [100]), 30)).toEqual({
      candidate: { requests: 100, errors: 30 },
      baseline: { requests: 100, errors: 0 },
    });
    // Refused connections count even when the ALB's arithmetic would not show them.
    expect(attributeErrors(group(100, [100], 12), group(100, [100]), 12).candidate).toEqual({
      requests: 100,
      errors: 12,
    });
    // No target left in the candidate's group: its 503s are in no RequestCount, only the LB's.
    expect(attributeErrors(group(undefined, []), group(100, [100]), 40)).toEqual({
      candidate: { requests: 40, errors: 40 },
      baseline: { requests: 100, errors: 0 },
    });
    // The baseline is charged only ELB 5xx the candidate's unanswered requests leave over…
    expect(attributeErrors(group(100, [90]), group(100, [80]), 15)).toEqual({
      candidate: { requests: 100, errors: 10 },
      baseline: { requests: 100, errors: 5 },
    });
    // …and 5xx nobody explains go to the candidate, never to the baseline.
    expect(attributeErrors(group(100, [100]), group(100, [100]), 7)).toEqual({
      candidate: { requests: 107, errors: 7 },
      baseline: { requests: 100, errors: 0 },
    });
    // A NaN ELB count: the candidate has no usable data (it could hide anything).
    expect(attributeErrors(group(100, [100]), group(100, [100]), null).candidate).toEqual({
      requests: null,
      errors: null,
    });
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
