import { describe, expect, it } from 'vitest';
import {
  CloudMonitoringSource,
  listRequest,
  type PointLike,
  parseLatencies,
  parseRequestCounts,
  REQUEST_COUNT,
  revisionFilter,
  scalarValue,
  type TimeSeriesLike,
  type TimeSeriesLister,
} from '../../../shared/metrics/cloud-monitoring';
import type { CloudMonitoringSettings } from '../../../shared/metrics/settings';

const settings: CloudMonitoringSettings = {
  source: 'cloud-monitoring',
  project: 'acme-shop-prod',
  service: 'shop',
  region: 'us-central1',
  candidate: 'shop-00042-new',
  baseline: 'shop-00041-old',
  latency: false,
  slowThresholdsMs: [],
  userAgent: 'rollout-actions-error-rate-gate/1.0.0',
  requestTimeoutMs: 5000,
};
const T0 = Date.UTC(2026, 10, 22, 18, 0, 0);
const range = { start: T0, end: T0 + 180_000, stepMs: 60_000 };
const iso = (ms: number) => ({ seconds: String(ms / 1000), nanos: 0 });

function point(endMs: number, value: PointLike['value']): PointLike {
  return { interval: { startTime: iso(endMs - 60_000), endTime: iso(endMs) }, value };
}

function series(revision: string, cls: string, points: PointLike[]): TimeSeriesLike {
  return {
    metric: { labels: { response_code_class: cls } },
    resource: { labels: { revision_name: revision } },
    points,
  };
}

describe('Cloud Monitoring queries', () => {
  it('selects both revisions of the service in one filter', () => {
    expect(revisionFilter(REQUEST_COUNT, settings)).toBe(
      'metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision" AND ' +
        'resource.labels.service_name = "shop" AND resource.labels.location = "us-central1" AND ' +
        '(resource.labels.revision_name = "shop-00042-new" OR resource.labels.revision_name = "shop-00041-old")',
    );
  });

  it('escapes quotes in values', () => {
    expect(revisionFilter(REQUEST_COUNT, { ...settings, service: 'a"b' })).toContain(
      'service_name = "a\\"b"',
    );
  });

  it('aligns deltas to the grid and sums across series per group', () => {
    const request = listRequest(REQUEST_COUNT, settings, { ...range, end: range.end + 30_000 }, [
      'resource.labels.revision_name',
    ]);
    expect(request).toMatchObject({
      name: 'projects/acme-shop-prod',
      interval: { startTime: { seconds: T0 / 1000 }, endTime: { seconds: T0 / 1000 + 180 } },
      aggregation: {
        alignmentPeriod: { seconds: 60 },
        perSeriesAligner: 'ALIGN_DELTA',
        crossSeriesReducer: 'REDUCE_SUM',
        groupByFields: ['resource.labels.revision_name'],
      },
    });
  });
});

describe('Cloud Monitoring responses', () => {
  it('sums response classes per revision and interval, newest-first points included', () => {
    const tallies = parseRequestCounts(
      [
        series('shop-00042-new', '2xx', [
          point(T0 + 120_000, { int64Value: '90' }),
          point(T0 + 60_000, { int64Value: '95' }),
        ]),
        series('shop-00042-new', '5xx', [point(T0 + 120_000, { int64Value: '10' })]),
        series('shop-00041-old', '2xx', [point(T0 + 60_000, { int64Value: 200 })]),
        series('someone-else', '5xx', [point(T0 + 60_000, { int64Value: '999' })]),
      ],
      range,
      settings,
    );
    expect(tallies.candidate.get(T0 + 60_000)).toEqual({ requests: 100, errors: 10 });
    expect(tallies.candidate.get(T0)).toEqual({ requests: 95, errors: undefined });
    expect(tallies.baseline.get(T0)).toEqual({ requests: 200, errors: undefined });
    expect(tallies.baseline.get(T0 + 60_000)).toBeUndefined();
  });

  it('poisons an interval with a NaN point in any class', () => {
    const tallies = parseRequestCounts(
      [
        series('shop-00042-new', '2xx', [point(T0 + 60_000, { int64Value: '90' })]),
        series('shop-00042-new', '4xx', [point(T0 + 60_000, { doubleValue: null, value: 'doubleValue' })]),
      ],
      range,
      settings,
    );
    expect(tallies.candidate.get(T0)?.requests).toBeNull();
  });

  it('ignores points off the grid or outside the range', () => {
    const tallies = parseRequestCounts(
      [
        series('shop-00042-new', '2xx', [
          point(T0 + 90_000, { int64Value: '5' }),
          point(T0 + 240_000, { int64Value: '5' }),
        ]),
      ],
      range,
      settings,
    );
    expect(tallies.candidate.size).toBe(0);
  });

  it('reads int64 and double points, and nothing else', () => {
    expect(scalarValue(point(T0, { int64Value: '7', value: 'int64Value' }))).toBe(7);
    expect(scalarValue(point(T0, { doubleValue: 2.5 }))).toBe(2.5);
    expect(scalarValue(point(T0, { doubleValue: 'NaN' }))).toBeNull();
    expect(scalarValue(point(T0, null))).toBeNull();
  });

  it('computes p95 and slow counts from latency distributions', () => {
    const latencies = parseLatencies(
      [
        {
          resource: { labels: { revision_name: 'shop-00042-new' } },
          points: [
            point(T0 + 60_000, {
              distributionValue: {
                count: '100',
                bucketOptions: { explicitBuckets: { bounds: [0, 100, 1000] } },
                bucketCounts: ['0', '80', '20'],
              },
            }),
          ],
        },
      ],
      range,
      settings,
      [100],
    );
    const figures = latencies.candidate.get(T0);
    expect(figures?.p95LatencyMs).toBeCloseTo(100 + 900 * 0.75);
    expect(figures?.slow).toEqual([20]);
  });

  it('turns series into interval counts, missing intervals as NaN', async () => {
    const calls: unknown[] = [];
    const lister: TimeSeriesLister = {
      async listTimeSeries(request, options) {
        calls.push({ request, options });
        return [
          [
            series('shop-00042-new', '2xx', [point(T0 + 60_000, { int64Value: '90' })]),
            series('shop-00042-new', '5xx', [point(T0 + 60_000, { int64Value: '10' })]),
            series('shop-00041-old', '2xx', [
              point(T0 + 60_000, { int64Value: '100' }),
              point(T0 + 120_000, { int64Value: '100' }),
            ]),
          ],
        ];
      },
    };
    const source = new CloudMonitoringSource(settings, lister);
    const counts = await source.counts(range, new AbortController().signal);
    expect(counts.map((c) => [c.candidate.requests, c.candidate.errors, c.baseline.requests])).toEqual([
      [100, 10, 100],
      [Number.NaN, Number.NaN, 100],
      [Number.NaN, Number.NaN, Number.NaN],
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ options: { maxRetries: 0, timeout: 5000 } });
  });
});
