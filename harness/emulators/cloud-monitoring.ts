/**
 * Cloud Monitoring's timeSeries.list (REST, v3) answered from real routed traffic: the samples a
 * router recorded in a TrafficLog, where sample.group is the Cloud Run service name and
 * sample.version the revision name. Serves the two Cloud Run metrics the gate reads:
 * `run.googleapis.com/request_count` (INT64 DELTA, labels response_code, response_code_class) and
 * `run.googleapis.com/request_latencies` (DISTRIBUTION DELTA, ms).
 *
 * Follows the public reference (projects.timeSeries.list): filter with AND-ed `=` clauses and
 * one_of(), interval.startTime/endTime in RFC 3339, aggregation.alignmentPeriod/perSeriesAligner/
 * crossSeriesReducer/groupByFields, periods aligned to the interval's end, points newest first,
 * periods without requests left out, enums as names or numbers (`$alt=json;enum-encoding=int`).
 * An alignment period under 60 s is refused (common.proto: "The value must be at least 60
 * seconds"). Samples show up only after an ingestion lag (Cloud Run: "not visible for up to 180
 * seconds"), on the callers' timeline, which tests may accelerate (see Ingestion in traffic-log.ts).
 *
 * Mount it on any loopback server: `if (await handler(req, res, body)) return;`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Ingestion, type IngestionOptions, type RequestSample, type TrafficLog } from './traffic-log';

// ---- fault injection, shared with the CloudWatch emulator ------------------------------------

export type MetricsFault =
  /** Answer with this HTTP status and the API's error body (503 unavailable, 429 quota, 500). */
  | { kind: 'status'; status: number }
  /** The API's throttling error (Cloud Monitoring: 429 RESOURCE_EXHAUSTED; CloudWatch: 400 Throttling). */
  | { kind: 'throttle' }
  /** A successful answer whose values are NaN. */
  | { kind: 'nan' }
  /** A successful answer with no series at all (as if the metric pipeline lagged). */
  | { kind: 'empty' };

/** Faults to serve instead of real answers: the next n calls, or every call until cleared. */
export class FaultPlan {
  private readonly queue: { fault: MetricsFault; remaining: number }[] = [];

  /** Serve `fault` on the next `times` calls (Infinity: until clear()). */
  add(fault: MetricsFault, times = 1): this {
    this.queue.push({ fault, remaining: times });
    return this;
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The fault for this call, if any, consuming one use. */
  take(): MetricsFault | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queue.shift();
    return head.fault;
  }
}

export interface MetricsEmulatorHandler {
  (req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean>;
  faults: FaultPlan;
  /** Every call this handler answered (faults included), for "no call was made" assertions. */
  calls: { path: string; at: number }[];
  /** When samples become visible, and the callers' timeline. */
  ingestion: Ingestion;
}

/** The smallest alignment period / CloudWatch period the real APIs serve for these metrics. */
export const MIN_PERIOD_MS = 60_000;

/** An Ingestion from options, with `defaults` for the lags the source documents. */
export function ingestionOf(
  options: IngestionOptions | Ingestion | undefined,
  defaults: IngestionOptions,
): Ingestion {
  return options instanceof Ingestion ? options : new Ingestion({ ...defaults, ...options });
}

// ---- Cloud Monitoring -------------------------------------------------------------------------

export const REQUEST_COUNT = 'run.googleapis.com/request_count';
export const REQUEST_LATENCIES = 'run.googleapis.com/request_latencies';
/** Cloud Run's request_latencies buckets: exponential, growth 1.4 from 1 ms. */
export const LATENCY_BUCKETS = { numFiniteBuckets: 40, growthFactor: 1.4, scale: 1 };

const ALIGNERS = ['ALIGN_NONE', 'ALIGN_DELTA', 'ALIGN_RATE'];
const REDUCERS = ['REDUCE_NONE', 'REDUCE_MEAN', 'REDUCE_MIN', 'REDUCE_MAX', 'REDUCE_SUM'];
const METRIC_KIND = { DELTA: 2 };
const VALUE_TYPE = { INT64: 2, DISTRIBUTION: 5 };

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

interface Clause {
  key: string;
  values: string[];
}

/**
 * Parses the filter subset used for exact matching: AND-ed `key = "v"` clauses, where a clause may
 * be `key = one_of("a", "b")` or a parenthesised OR of equalities on one key.
 */
export function parseFilter(filter: string): Clause[] {
  const clauses: Clause[] = [];
  for (const raw of filter.split(/\s+AND\s+/)) {
    const group = raw.trim().match(/^\((.*)\)$/);
    if (group) {
      const alternatives = parseFilter((group[1] ?? '').split(/\s+OR\s+/).join(' AND '));
      const keys = new Set(alternatives.map((c) => c.key));
      const [key] = keys;
      if (keys.size !== 1 || key === undefined) {
        throw new ApiError(400, 'INVALID_ARGUMENT', `This emulator serves OR on one key only: ${raw}`);
      }
      clauses.push({ key, values: alternatives.flatMap((c) => c.values) });
      continue;
    }
    const part = raw;
    const match = part.trim().match(/^([a-z_.]+)\s*=\s*(.+)$/i);
    if (!match) throw new ApiError(400, 'INVALID_ARGUMENT', `Could not parse filter clause: ${part}`);
    const [, key, rhs] = match as [string, string, string];
    const oneOf = rhs.match(/^one_of\((.*)\)$/);
    const strings = [...(oneOf ? (oneOf[1] ?? '') : rhs).matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) =>
      (m[1] ?? '').replace(/\\(.)/g, '$1'),
    );
    if (strings.length === 0)
      throw new ApiError(400, 'INVALID_ARGUMENT', `Expected a quoted value in: ${part}`);
    clauses.push({ key, values: strings });
  }
  return clauses;
}

function enumName(raw: string | null, names: readonly string[], fallback: string): string {
  if (raw === null || raw === '') return fallback;
  if (/^\d+$/.test(raw)) return names[Number(raw)] ?? 'UNKNOWN';
  return raw;
}

function durationMs(raw: string | null): number | undefined {
  const match = raw?.match(/^(\d+(?:\.\d+)?)s$/);
  return match ? Number(match[1]) * 1000 : undefined;
}

const rfc3339 = (ms: number) => new Date(ms).toISOString();

interface SeriesKey {
  revision: string;
  cls?: string;
  code?: string;
}

/** Cloud Run: "Sampled every 60 seconds. After sampling, data is not visible for up to 180 seconds." */
export const CLOUD_RUN_INGESTION: IngestionOptions = { minDelayMs: 0, maxDelayMs: 180_000 };

export function cloudMonitoringHandler(
  log: TrafficLog,
  options: { location?: string; ingestion?: IngestionOptions | Ingestion } = {},
): MetricsEmulatorHandler {
  const location = options.location ?? 'us-central1';
  const ingestion = ingestionOf(options.ingestion, CLOUD_RUN_INGESTION);
  const faults = new FaultPlan();
  const calls: MetricsEmulatorHandler['calls'] = [];

  const handler = (async (req, res, _body) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = url.pathname.match(/^\/v3\/projects\/([^/]+)\/timeSeries$/);
    if (!match) return false;
    calls.push({ path: url.pathname, at: Date.now() });
    const send = (status: number, payload: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=UTF-8');
      res.end(JSON.stringify(payload));
    };
    const fail = (err: ApiError) =>
      send(err.code, { error: { code: err.code, message: err.message, status: err.status } });
    try {
      if (req.method !== 'GET') throw new ApiError(405, 'INVALID_ARGUMENT', 'timeSeries.list is a GET');
      const fault = faults.take();
      if (fault?.kind === 'status') {
        const status =
          fault.status === 429 ? 'RESOURCE_EXHAUSTED' : fault.status === 503 ? 'UNAVAILABLE' : 'INTERNAL';
        throw new ApiError(fault.status, status, `Injected fault: ${status}`);
      }
      if (fault?.kind === 'throttle') {
        throw new ApiError(
          429,
          'RESOURCE_EXHAUSTED',
          'Quota exceeded for quota metric time_series_read_requests',
        );
      }
      if (fault?.kind === 'empty') {
        send(200, {});
        return true;
      }
      const intEnums = (url.searchParams.get('$alt') ?? '').includes('enum-encoding=int');
      const series = listTimeSeries(
        log,
        ingestion,
        decodeURIComponent(match[1] ?? ''),
        location,
        url.searchParams,
      );
      const payload = series.map((s) => renderSeries(s, intEnums, fault?.kind === 'nan'));
      send(200, payload.length > 0 ? { timeSeries: payload, unit: '' } : {});
    } catch (err) {
      if (err instanceof ApiError) fail(err);
      else fail(new ApiError(500, 'INTERNAL', String(err)));
    }
    return true;
  }) as MetricsEmulatorHandler;
  handler.faults = faults;
  handler.calls = calls;
  handler.ingestion = ingestion;
  return handler;
}

interface BuiltSeries {
  metricType: string;
  project: string;
  location: string;
  service: string;
  key: SeriesKey;
  /** Newest first. */
  points: { start: number; end: number; samples: RequestSample[] }[];
}

function listTimeSeries(
  log: TrafficLog,
  ingestion: Ingestion,
  project: string,
  location: string,
  params: URLSearchParams,
): BuiltSeries[] {
  const clauses = parseFilter(params.get('filter') ?? '');
  const get = (key: string) => clauses.find((c) => c.key === key)?.values;
  const metricType = get('metric.type')?.[0];
  if (metricType !== REQUEST_COUNT && metricType !== REQUEST_LATENCIES) {
    throw new ApiError(
      400,
      'INVALID_ARGUMENT',
      `Unsupported metric.type in filter: ${metricType ?? '(none)'}`,
    );
  }
  for (const clause of clauses) {
    const known = [
      'metric.type',
      'resource.type',
      'resource.labels.service_name',
      'resource.labels.revision_name',
      'resource.labels.location',
      'resource.labels.project_id',
      'metric.labels.response_code_class',
    ];
    if (!known.includes(clause.key))
      throw new ApiError(400, 'INVALID_ARGUMENT', `Unsupported filter key ${clause.key}`);
  }
  const resourceType = get('resource.type');
  if (resourceType && !resourceType.includes('cloud_run_revision')) return [];
  const locations = get('resource.labels.location');
  if (locations && !locations.includes(location)) return [];
  const start = Date.parse(params.get('interval.startTime') ?? '');
  const end = Date.parse(params.get('interval.endTime') ?? '');
  if (!Number.isFinite(end)) throw new ApiError(400, 'INVALID_ARGUMENT', 'interval.endTime is required');
  const from = Number.isFinite(start) ? start : end;
  if (from > end) throw new ApiError(400, 'INVALID_ARGUMENT', 'interval.startTime is after interval.endTime');

  const aligner = enumName(params.get('aggregation.perSeriesAligner'), ALIGNERS, 'ALIGN_NONE');
  const reducer = enumName(params.get('aggregation.crossSeriesReducer'), REDUCERS, 'REDUCE_NONE');
  const periodMs = durationMs(params.get('aggregation.alignmentPeriod'));
  if (aligner !== 'ALIGN_DELTA' || periodMs === undefined || periodMs <= 0) {
    throw new ApiError(
      400,
      'INVALID_ARGUMENT',
      'This emulator serves ALIGN_DELTA with an alignmentPeriod only',
    );
  }
  if (periodMs < MIN_PERIOD_MS) {
    throw new ApiError(
      400,
      'INVALID_ARGUMENT',
      `Field aggregation.alignmentPeriod had an invalid value of "${params.get('aggregation.alignmentPeriod')}": The alignment period must be at least 60 seconds.`,
    );
  }
  if (reducer !== 'REDUCE_NONE' && reducer !== 'REDUCE_SUM') {
    throw new ApiError(400, 'INVALID_ARGUMENT', `Unsupported crossSeriesReducer ${reducer}`);
  }
  const groupBy = params.getAll('aggregation.groupByFields');
  const byRevisionOnly = reducer === 'REDUCE_SUM' && !groupBy.includes('metric.labels.response_code_class');
  const services = get('resource.labels.service_name');
  const revisions = get('resource.labels.revision_name');
  const classes = get('metric.labels.response_code_class');

  const samples = ingestion
    .visible(log, { from: end - Math.ceil((end - from) / periodMs) * periodMs, to: end })
    .filter(
      (s) => (!services || services.includes(s.group)) && (!revisions || revisions.includes(s.version)),
    );
  const grouped = new Map<string, BuiltSeries>();
  for (const sample of samples) {
    const cls = `${Math.min(5, Math.max(1, Math.floor(sample.status / 100)))}xx`;
    if (classes && !classes.includes(cls)) continue;
    const key: SeriesKey =
      metricType === REQUEST_LATENCIES || byRevisionOnly
        ? { revision: sample.version }
        : reducer === 'REDUCE_SUM'
          ? { revision: sample.version, cls }
          : { revision: sample.version, cls, code: String(sample.status) };
    const id = `${sample.group}|${key.revision}|${key.cls ?? ''}|${key.code ?? ''}`;
    const series = grouped.get(id) ?? {
      metricType,
      project,
      location,
      service: sample.group,
      key,
      points: [],
    };
    grouped.set(id, series);
    // Periods end at interval.endTime and every alignmentPeriod before it: (end - (k+1)P, end - kP].
    const k = Math.floor((end - sample.at) / periodMs - 1e-9);
    const pointEnd = end - k * periodMs;
    let point = series.points.find((p) => p.end === pointEnd);
    if (!point) {
      point = { start: pointEnd - periodMs, end: pointEnd, samples: [] };
      series.points.push(point);
    }
    point.samples.push(sample);
  }
  for (const series of grouped.values()) series.points.sort((a, b) => b.end - a.end);
  return [...grouped.values()];
}

function latencyDistribution(samples: readonly RequestSample[]) {
  const { numFiniteBuckets, growthFactor, scale } = LATENCY_BUCKETS;
  const counts = new Array<number>(numFiniteBuckets + 2).fill(0);
  for (const s of samples) {
    let index = 0;
    if (s.latencyMs >= scale)
      index = Math.min(
        numFiniteBuckets + 1,
        1 + Math.floor(Math.log(s.latencyMs / scale) / Math.log(growthFactor)),
      );
    counts[index] = (counts[index] ?? 0) + 1;
  }
  while (counts.length > 0 && counts.at(-1) === 0) counts.pop();
  const mean = samples.reduce((sum, s) => sum + s.latencyMs, 0) / samples.length;
  return {
    count: String(samples.length),
    mean,
    sumOfSquaredDeviation: samples.reduce((sum, s) => sum + (s.latencyMs - mean) ** 2, 0),
    bucketOptions: { exponentialBuckets: LATENCY_BUCKETS },
    bucketCounts: counts.map(String),
  };
}

function renderSeries(series: BuiltSeries, intEnums: boolean, nan: boolean) {
  const distribution = series.metricType === REQUEST_LATENCIES;
  const metricLabels: Record<string, string> = {};
  if (series.key.cls) metricLabels.response_code_class = series.key.cls;
  if (series.key.code) metricLabels.response_code = series.key.code;
  return {
    metric: { type: series.metricType, labels: metricLabels },
    resource: {
      type: 'cloud_run_revision',
      labels: {
        project_id: series.project,
        location: series.location,
        service_name: series.service,
        revision_name: series.key.revision,
        configuration_name: series.service,
      },
    },
    metricKind: intEnums ? METRIC_KIND.DELTA : 'DELTA',
    valueType: distribution
      ? intEnums
        ? VALUE_TYPE.DISTRIBUTION
        : 'DISTRIBUTION'
      : intEnums
        ? VALUE_TYPE.INT64
        : 'INT64',
    points: series.points.map((p) => ({
      interval: { startTime: rfc3339(p.start), endTime: rfc3339(p.end) },
      value: nan
        ? { doubleValue: 'NaN' }
        : distribution
          ? { distributionValue: latencyDistribution(p.samples) }
          : { int64Value: String(p.samples.length) },
    })),
    unit: distribution ? 'ms' : '1',
  };
}
