/**
 * Cloud Run request and error counts from Cloud Monitoring (timeSeries.list over REST):
 * `run.googleapis.com/request_count` summed per revision and response_code_class, and
 * `run.googleapis.com/request_latencies` (a distribution) summed per revision for p95 and slow counts.
 */
import type { ClientOptions } from 'google-gax';
import { requireGoogleCredentials } from '../credentials';
import { GOOGLE_CLIENT_LIBRARY } from '../user-agent';
import { armFromValues, assemble, missingArm, type Range, toNumber } from './grid';
import { type BucketOptions, boundaries, bucketsFrom, countAbove, quantile } from './histogram';
import type { CloudMonitoringSettings } from './settings';
import type { ArmCounts, IntervalCounts, MetricsSource } from './types';

export const REQUEST_COUNT = 'run.googleapis.com/request_count';
export const REQUEST_LATENCIES = 'run.googleapis.com/request_latencies';

/** The shape of one series as the client library returns it (fields we read). */
export interface TimeSeriesLike {
  metric?: { labels?: Record<string, string> | null } | null;
  resource?: { labels?: Record<string, string> | null } | null;
  points?: PointLike[] | null;
}

export interface PointLike {
  interval?: { endTime?: TimestampLike | null; startTime?: TimestampLike | null } | null;
  value?: {
    value?: string | null;
    int64Value?: unknown;
    doubleValue?: unknown;
    distributionValue?: {
      count?: unknown;
      bucketOptions?: BucketOptions | null;
      bucketCounts?: unknown[] | null;
    } | null;
  } | null;
}

export interface TimestampLike {
  seconds?: unknown;
  nanos?: unknown;
}

type Arms = Pick<CloudMonitoringSettings, 'candidate' | 'baseline'>;

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The monitoring filter selecting both revisions of one Cloud Run service for a metric. */
export function revisionFilter(
  metricType: string,
  s: Pick<CloudMonitoringSettings, 'service' | 'region' | 'candidate' | 'baseline'>,
): string {
  return [
    `metric.type = ${quote(metricType)}`,
    'resource.type = "cloud_run_revision"',
    `resource.labels.service_name = ${quote(s.service)}`,
    ...(s.region ? [`resource.labels.location = ${quote(s.region)}`] : []),
    // OR inside parentheses: the filter grammar's documented way to match either of two values.
    `(resource.labels.revision_name = ${quote(s.candidate)} OR resource.labels.revision_name = ${quote(s.baseline)})`,
  ].join(' AND ');
}

const timestamp = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/**
 * The ListTimeSeries request for a grid. Cloud Monitoring aligns periods to the interval's end
 * time and labels each point with its period's end, so asking for [start, end] with an end on
 * the grid gives one point per grid interval.
 */
export function listRequest(
  metricType: string,
  s: CloudMonitoringSettings,
  range: Range,
  groupBy: string[],
): {
  name: string;
  filter: string;
  interval: { startTime: { seconds: number; nanos: number }; endTime: { seconds: number; nanos: number } };
  aggregation: {
    alignmentPeriod: { seconds: number };
    perSeriesAligner: 'ALIGN_DELTA';
    crossSeriesReducer: 'REDUCE_SUM';
    groupByFields: string[];
  };
  view: 'FULL';
} {
  const steps = Math.floor((range.end - range.start) / range.stepMs);
  return {
    name: `projects/${s.project}`,
    filter: revisionFilter(metricType, s),
    interval: { startTime: timestamp(range.start), endTime: timestamp(range.start + steps * range.stepMs) },
    aggregation: {
      alignmentPeriod: { seconds: Math.max(1, Math.round(range.stepMs / 1000)) },
      perSeriesAligner: 'ALIGN_DELTA',
      crossSeriesReducer: 'REDUCE_SUM',
      groupByFields: groupBy,
    },
    view: 'FULL',
  };
}

function epochMs(ts: TimestampLike | null | undefined): number | undefined {
  const seconds = toNumber(ts?.seconds);
  if (seconds === undefined || seconds === null) return undefined;
  return seconds * 1000 + Math.round((toNumber(ts?.nanos) ?? 0) / 1e6);
}

/** The grid interval start a point belongs to, from its end time; undefined when off the grid. */
function intervalOf(point: PointLike, range: Range): number | undefined {
  const end = epochMs(point.interval?.endTime);
  if (end === undefined) return undefined;
  const index = Math.round((end - range.start) / range.stepMs) - 1;
  const start = range.start + index * range.stepMs;
  if (index < 0 || start + range.stepMs > range.end) return undefined;
  // Tolerate sub-second jitter only: a point from another alignment is not ours.
  return Math.abs(end - (start + range.stepMs)) < 1000 ? start : undefined;
}

/** A scalar point's number: null when the point holds NaN or no number (a data fault). */
export function scalarValue(point: PointLike): number | null {
  const value = point.value;
  if (!value) return null;
  const which = value.value;
  if (which === 'int64Value' || (which == null && value.int64Value != null))
    return toNumber(value.int64Value) ?? null;
  if (which === 'doubleValue' || (which == null && value.doubleValue !== undefined)) {
    return toNumber(value.doubleValue) ?? null;
  }
  return null;
}

function armOf(series: TimeSeriesLike, arms: Arms): 'candidate' | 'baseline' | undefined {
  const revision = series.resource?.labels?.revision_name ?? series.metric?.labels?.revision_name;
  if (revision === arms.candidate) return 'candidate';
  if (revision === arms.baseline) return 'baseline';
  return undefined;
}

interface Tally {
  requests: number | null;
  errors: number | null | undefined;
}

/**
 * Request and error counts per arm and interval from request_count series grouped by revision
 * and response_code_class. A NaN point in any class makes that interval missing.
 */
export function parseRequestCounts(
  series: readonly TimeSeriesLike[],
  range: Range,
  arms: Arms,
): Record<'candidate' | 'baseline', Map<number, Tally>> {
  const out = { candidate: new Map<number, Tally>(), baseline: new Map<number, Tally>() };
  for (const s of series) {
    const arm = armOf(s, arms);
    if (!arm) continue;
    const isError = s.metric?.labels?.response_code_class === '5xx';
    for (const point of s.points ?? []) {
      const start = intervalOf(point, range);
      if (start === undefined) continue;
      const value = scalarValue(point);
      const tally = out[arm].get(start) ?? { requests: 0, errors: undefined };
      tally.requests = value === null || tally.requests === null ? null : tally.requests + value;
      if (isError)
        tally.errors = value === null || tally.errors === null ? null : (tally.errors ?? 0) + value;
      out[arm].set(start, tally);
    }
  }
  return out;
}

export interface LatencyFigures {
  p95LatencyMs: number;
  slow: number[];
}

/** p95 and slow counts per arm and interval from request_latencies distributions (ms). */
export function parseLatencies(
  series: readonly TimeSeriesLike[],
  range: Range,
  arms: Arms,
  slowThresholdsMs: readonly number[],
): Record<'candidate' | 'baseline', Map<number, LatencyFigures>> {
  const out = { candidate: new Map<number, LatencyFigures>(), baseline: new Map<number, LatencyFigures>() };
  for (const s of series) {
    const arm = armOf(s, arms);
    if (!arm) continue;
    for (const point of s.points ?? []) {
      const start = intervalOf(point, range);
      const distribution = point.value?.distributionValue;
      if (start === undefined || !distribution?.bucketOptions) continue;
      const bounds = boundaries(distribution.bucketOptions);
      const counts = (distribution.bucketCounts ?? []).map((c) => toNumber(c) ?? Number.NaN);
      if (!bounds || !counts.every(Number.isFinite)) continue;
      const buckets = bucketsFrom(bounds, counts);
      const p95 = quantile(buckets, 0.95);
      if (!Number.isFinite(p95)) continue;
      out[arm].set(start, { p95LatencyMs: p95, slow: slowThresholdsMs.map((t) => countAbove(buckets, t)) });
    }
  }
  return out;
}

/** Minimal surface of MetricServiceClient that this source uses (the real client satisfies it). */
export interface TimeSeriesLister {
  listTimeSeries(
    request: ReturnType<typeof listRequest>,
    options: { autoPaginate: true; timeout: number; maxRetries: number },
  ): Promise<[TimeSeriesLike[], ...unknown[]]>;
}

export class CloudMonitoringSource implements MetricsSource {
  readonly name = 'cloud-monitoring' as const;

  constructor(
    private readonly settings: CloudMonitoringSettings,
    private readonly client: TimeSeriesLister,
  ) {}

  async counts(range: Range, signal: AbortSignal): Promise<IntervalCounts[]> {
    const s = this.settings;
    // Retries are ours (shared/retry.ts around each poll), so the client's own are off: one
    // place decides how long a poll may take.
    const options = { autoPaginate: true as const, timeout: s.requestTimeoutMs, maxRetries: 0 };
    const requestsCall = this.client.listTimeSeries(
      listRequest(REQUEST_COUNT, s, range, [
        'resource.labels.revision_name',
        'metric.labels.response_code_class',
      ]),
      options,
    );
    const latencyCall = s.latency
      ? this.client.listTimeSeries(
          listRequest(REQUEST_LATENCIES, s, range, ['resource.labels.revision_name']),
          options,
        )
      : undefined;
    const [[requestSeries], latencyResult] = await Promise.all([requestsCall, latencyCall]);
    signal.throwIfAborted();
    const tallies = parseRequestCounts(requestSeries, range, s);
    const latency = latencyResult
      ? parseLatencies(latencyResult[0], range, s, s.slowThresholdsMs)
      : undefined;
    return assemble(range, (arm, start): ArmCounts => {
      const tally = tallies[arm].get(start);
      if (!tally) return missingArm();
      const figures = latency?.[arm].get(start);
      return armFromValues(tally.requests, tally.errors, figures ?? {});
    });
  }
}

/** Builds the REST client (lazily imported: only this path pays for it). */
export async function createCloudMonitoringSource(settings: CloudMonitoringSettings): Promise<MetricsSource> {
  if (!settings.emulatorHost) await requireGoogleCredentials();
  const [{ MetricServiceClient }, gax] = await Promise.all([
    import('@google-cloud/monitoring/build/src/v3/metric_service_client.js'),
    import('google-gax/fallback'),
  ]);
  const options: ClientOptions = { fallback: true, ...GOOGLE_CLIENT_LIBRARY };
  if (settings.emulatorHost) {
    const { hostname, port } = new URL(`http://${settings.emulatorHost}`);
    Object.assign(options, {
      protocol: 'http',
      apiEndpoint: hostname,
      port: Number(port),
      authClient: anonymousAuthClient(),
    });
  }
  // Handing over gax's REST-only module keeps the gRPC stack from loading at all.
  const client = new MetricServiceClient(options, gax);
  return new CloudMonitoringSource(settings, client as unknown as TimeSeriesLister);
}

/**
 * An auth client that adds no credentials, for a loopback emulator only (the caller checks the
 * host): gax's REST transport needs `fetch` and `getRequestHeaders`.
 */
function anonymousAuthClient() {
  return {
    getRequestHeaders: async () => new Headers(),
    fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init),
    request: async () => {
      throw new Error('anonymous emulator client: no token requests');
    },
  };
}
