import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ERRORS_QUERY,
  PrometheusQueryError,
  PrometheusSource,
  parseQueryRange,
  promDuration,
  queryRangeUrl,
  renderQuery,
  unknownPlaceholders,
} from '../../../shared/metrics/prometheus';
import type { PrometheusSettings } from '../../../shared/metrics/settings';
import { isRetryableError } from '../../../shared/retry';

const T0 = Date.UTC(2026, 10, 22, 18, 0, 0);
const range = { start: T0, end: T0 + 3 * 60_000, stepMs: 60_000 };
const settings: PrometheusSettings = {
  source: 'prometheus',
  url: new URL('https://prom.example.com/prometheus/'),
  requestsQuery: 'sum(increase(http_requests_total{version="{{version}}"}[{{window}}]))',
  errorsQuery: DEFAULT_ERRORS_QUERY,
  headers: { authorization: 'Bearer t' },
  candidate: 'v2',
  baseline: 'v1',
  latency: false,
  slowThresholdsMs: [],
  userAgent: 'rollout-actions-error-rate-gate/1.0.0',
  requestTimeoutMs: 5000,
};

describe('Prometheus query templates', () => {
  it('fills every placeholder, escaping identities for a label matcher', () => {
    const template = 'x{v="{{version}}",arm="{{ arm }}",c="{{candidate}}",b="{{baseline}}"}[{{window}}]';
    expect(
      renderQuery(template, { arm: 'baseline', candidate: 'a"b', baseline: 'v\\1', stepMs: 60_000 }),
    ).toBe('x{v="v\\\\1",arm="baseline",c="a\\"b",b="v\\\\1"}[60s]');
  });

  it('finds unknown placeholders', () => {
    expect(unknownPlaceholders('{{version}} {{revision}} {{ window }}')).toEqual(['revision']);
    expect(unknownPlaceholders(DEFAULT_ERRORS_QUERY)).toEqual([]);
  });

  it('writes PromQL durations', () => {
    expect(promDuration(60_000)).toBe('60s');
    expect(promDuration(1500)).toBe('1500ms');
  });

  it('evaluates at each interval end, under the base path', () => {
    const url = queryRangeUrl(settings.url, 'up', { ...range, end: range.end + 1000 });
    expect(url.pathname).toBe('/prometheus/api/v1/query_range');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      query: 'up',
      start: String(T0 / 1000 + 60),
      end: String(T0 / 1000 + 180),
      step: '60',
    });
  });
});

describe('Prometheus responses', () => {
  const matrix = (result: unknown[]) => ({ status: 'success', data: { resultType: 'matrix', result } });

  it('maps evaluation times back to interval starts and sums series', () => {
    const values = parseQueryRange(
      matrix([
        {
          metric: { code: '200' },
          values: [
            [T0 / 1000 + 60, '10.4'],
            [T0 / 1000 + 120, '3'],
          ],
        },
        { metric: { code: '201' }, values: [[T0 / 1000 + 60, '2']] },
      ]),
      range,
    );
    expect(values.get(T0)).toBeCloseTo(12.4);
    expect(values.get(T0 + 60_000)).toBe(3);
    expect(values.has(T0 + 120_000)).toBe(false);
  });

  it('keeps NaN and Inf as faults', () => {
    const values = parseQueryRange(
      matrix([
        {
          values: [
            [T0 / 1000 + 60, 'NaN'],
            [T0 / 1000 + 120, '+Inf'],
          ],
        },
        { values: [[T0 / 1000 + 60, '5']] },
      ]),
      range,
    );
    expect(values.get(T0)).toBeNull();
    expect(values.get(T0 + 60_000)).toBeNull();
  });

  it('throws on an error status', () => {
    expect(() =>
      parseQueryRange({ status: 'error', errorType: 'bad_data', error: 'parse error' }, range),
    ).toThrow('Prometheus query failed: bad_data: parse error');
  });

  it('queries both arms and marks an absent series as missing', async () => {
    const urls: string[] = [];
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      urls.push(url.searchParams.get('query') ?? '');
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer t');
      const query = url.searchParams.get('query') ?? '';
      const result =
        query.includes('"v2"') && !query.includes('5..') ? [{ values: [[T0 / 1000 + 60, '100']] }] : [];
      return new Response(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
    }) as typeof fetch;
    const counts = await new PrometheusSource(settings, fakeFetch).counts(
      range,
      new AbortController().signal,
    );
    expect(counts[0]?.candidate).toEqual({ requests: 100, errors: 0 });
    expect(Number.isNaN(counts[0]?.baseline.requests)).toBe(true);
    expect(Number.isNaN(counts[1]?.candidate.requests)).toBe(true);
    expect(urls.sort()).toEqual([
      'sum(increase(http_requests_total{version="v1",code=~"5.."}[60s]))',
      'sum(increase(http_requests_total{version="v1"}[60s]))',
      'sum(increase(http_requests_total{version="v2",code=~"5.."}[60s]))',
      'sum(increase(http_requests_total{version="v2"}[60s]))',
    ]);
  });

  it('raises HTTP failures with their status, so 503 and 429 are retried and 400 is not', async () => {
    const answer = (status: number) =>
      (async () =>
        new Response(JSON.stringify({ status: 'error', error: 'busy' }), {
          status,
        })) as unknown as typeof fetch;
    const failure = (status: number) =>
      new PrometheusSource(settings, answer(status))
        .counts(range, new AbortController().signal)
        .catch((e: unknown) => e);
    const unavailable = await failure(503);
    expect(unavailable).toBeInstanceOf(PrometheusQueryError);
    expect((unavailable as Error).message).toBe('Prometheus answered HTTP 503: busy');
    expect(isRetryableError(unavailable)).toBe(true);
    expect(isRetryableError(await failure(429))).toBe(true);
    expect(isRetryableError(await failure(400))).toBe(false);
  });
});
