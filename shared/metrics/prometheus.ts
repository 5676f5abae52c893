/**
 * Request and error counts from a Prometheus-compatible HTTP query API (`/api/v1/query_range`),
 * with PromQL templates the user gives. There is no official JavaScript client for this API, so
 * this is a plain fetch.
 *
 * Placeholders in a template, replaced before each query:
 * - `{{version}}`   the arm being measured: the candidate's identity, then the baseline's
 * - `{{arm}}`       `candidate` or `baseline`
 * - `{{candidate}}` / `{{baseline}}`  both identities, whichever arm is measured
 * - `{{window}}`    the interval as a PromQL duration, e.g. `60s` (use it as the range of increase())
 *
 * Each query is evaluated at the end of every interval, so `increase(x[{{window}}])` counts exactly
 * that interval. Identities are escaped for use inside a double-quoted label matcher.
 */

import { armFromValues, assemble, type Range, toNumber } from './grid';
import type { PrometheusSettings } from './settings';
import type { ArmCounts, IntervalCounts, MetricsSource } from './types';

export const DEFAULT_REQUESTS_QUERY = 'sum(increase(http_requests_total{version="{{version}}"}[{{window}}]))';
export const DEFAULT_ERRORS_QUERY =
  'sum(increase(http_requests_total{version="{{version}}",code=~"5.."}[{{window}}]))';

export const PLACEHOLDERS = ['version', 'arm', 'candidate', 'baseline', 'window'] as const;

type Arm = 'candidate' | 'baseline';

/** A PromQL duration for a step: whole seconds as `Ns`, anything finer as `Nms`. */
export function promDuration(stepMs: number): string {
  return stepMs % 1000 === 0 ? `${stepMs / 1000}s` : `${stepMs}ms`;
}

/** Escapes a value for a PromQL double-quoted string. */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Placeholders in a template that are not one of PLACEHOLDERS (for input validation). */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? '');
  return names.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

export function renderQuery(
  template: string,
  values: { arm: Arm; candidate: string; baseline: string; stepMs: number },
): string {
  const replacements: Record<string, string> = {
    version: escapeLabelValue(values[values.arm]),
    arm: values.arm,
    candidate: escapeLabelValue(values.candidate),
    baseline: escapeLabelValue(values.baseline),
    window: promDuration(values.stepMs),
  };
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name: string) => replacements[name] ?? whole);
}

/** The query_range URL evaluating at each interval's end. */
export function queryRangeUrl(base: URL, query: string, range: Range): URL {
  const url = new URL(`${base.pathname.replace(/\/$/, '')}/api/v1/query_range`, base);
  const steps = Math.floor((range.end - range.start) / range.stepMs);
  url.searchParams.set('query', query);
  url.searchParams.set('start', String((range.start + range.stepMs) / 1000));
  url.searchParams.set('end', String((range.start + steps * range.stepMs) / 1000));
  url.searchParams.set('step', String(range.stepMs / 1000));
  return url;
}

export class PrometheusQueryError extends Error {
  override readonly name = 'PrometheusQueryError';
  constructor(
    message: string,
    /** HTTP status, read by shared/retry.ts to decide whether to try again. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Values per interval start from a query_range response: series are summed (a template that
 * forgot sum() still counts every series); "NaN" and "±Inf" are faults (null), never zeros.
 */
export function parseQueryRange(body: unknown, range: Range): Map<number, number | null> {
  const response = body as {
    status?: string;
    error?: string;
    errorType?: string;
    data?: { resultType?: string; result?: { values?: [unknown, unknown][]; value?: [unknown, unknown] }[] };
  };
  if (response?.status !== 'success') {
    throw new PrometheusQueryError(
      `Prometheus query failed: ${response?.errorType ?? 'error'}: ${response?.error ?? 'no status in response'}`,
    );
  }
  const out = new Map<number, number | null>();
  for (const series of response.data?.result ?? []) {
    const points = series.values ?? (series.value ? [series.value] : []);
    for (const [ts, raw] of points) {
      const evaluatedAt = Math.round((toNumber(ts) ?? Number.NaN) * 1000);
      const start = evaluatedAt - range.stepMs;
      if (!Number.isFinite(start) || (start - range.start) % range.stepMs !== 0) continue;
      const value = toNumber(raw);
      const previous = out.get(start);
      out.set(
        start,
        value === null || value === undefined || previous === null ? null : (previous ?? 0) + value,
      );
    }
  }
  return out;
}

export class PrometheusSource implements MetricsSource {
  readonly name = 'prometheus' as const;

  constructor(
    private readonly settings: PrometheusSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async query(template: string, arm: Arm, range: Range, signal: AbortSignal) {
    const s = this.settings;
    const query = renderQuery(template, {
      arm,
      candidate: s.candidate,
      baseline: s.baseline,
      stepMs: range.stepMs,
    });
    const url = queryRangeUrl(s.url, query, range);
    const response = await this.fetchImpl(url, {
      headers: { accept: 'application/json', 'user-agent': s.userAgent, ...s.headers },
      signal: AbortSignal.any([signal, AbortSignal.timeout(s.requestTimeoutMs)]),
      redirect: 'error',
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 200);
      try {
        detail = (JSON.parse(text) as { error?: string }).error ?? detail;
      } catch {
        // not JSON: keep the text
      }
      throw new PrometheusQueryError(
        `Prometheus answered HTTP ${response.status}: ${detail}`,
        response.status,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new PrometheusQueryError(`Prometheus answered with non-JSON: ${text.slice(0, 100)}`);
    }
    return parseQueryRange(body, range);
  }

  async counts(range: Range, signal: AbortSignal): Promise<IntervalCounts[]> {
    const s = this.settings;
    const arms: Arm[] = ['candidate', 'baseline'];
    const results = await Promise.all(
      arms.map(async (arm) => {
        const [requests, errors, latency] = await Promise.all([
          this.query(s.requestsQuery, arm, range, signal),
          this.query(s.errorsQuery, arm, range, signal),
          s.latency && s.latencyQuery ? this.query(s.latencyQuery, arm, range, signal) : undefined,
        ]);
        return { requests, errors, latency };
      }),
    );
    const byArm = { candidate: results[0], baseline: results[1] };
    return assemble(range, (arm, start): ArmCounts => {
      const r = byArm[arm];
      const p95 = r?.latency?.get(start);
      return armFromValues(
        r?.requests.get(start),
        r?.errors.get(start),
        typeof p95 === 'number' ? { p95LatencyMs: p95 } : {},
      );
    });
  }
}

export async function createPrometheusSource(settings: PrometheusSettings): Promise<MetricsSource> {
  return new PrometheusSource(settings);
}
