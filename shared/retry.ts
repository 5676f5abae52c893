import { type Clock, systemClock } from './clock';
import { CancelledError, errorMessage } from './errors';

export interface RetryOptions {
  /**
   * Tries in all, the first included. Leave it out where the deadline is the bound (a rollback or a
   * canary step keeps trying every retryable error until its own `timeout`).
   */
  maxAttempts?: number;
  /** First backoff ceiling; each retry doubles it up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts, and no backoff sleeps, past this many ms after the first try began. */
  deadlineMs: number;
  isRetryable?: (err: unknown) => boolean;
  /**
   * How long the server asked us to wait (Retry-After), in ms, if it said: the sleep is never
   * shorter. Defaults to the header carried by an AWS SDK or fetch-style error.
   */
  retryAfterMs?: (err: unknown) => number | undefined;
  /** Called before each backoff sleep, e.g. to log. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  clock?: Clock;
  /** A source of uniform numbers in [0, 1): injectable for tests. */
  random?: () => number;
  signal?: AbortSignal;
}

/** Full jitter (AWS architecture blog): a uniform delay between 0 and the exponential ceiling. */
export function backoffDelayMs(
  attempt: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Runs fn until it succeeds, a non-retryable error is thrown, tries run out (if bounded) or the
 * next wait would end past the deadline. Each wait is full jitter, and never shorter than the
 * server's Retry-After.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const retryAfter = options.retryAfterMs ?? retryAfterOf;
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new CancelledError();
    try {
      return await fn(attempt);
    } catch (error) {
      if (error instanceof CancelledError || options.signal?.aborted) throw error;
      if (attempt >= (options.maxAttempts ?? Number.POSITIVE_INFINITY) || !isRetryable(error)) throw error;
      const remaining = options.deadlineMs - (clock.now() - started);
      const delayMs = Math.max(backoffDelayMs(attempt, options, random), retryAfter(error) ?? 0);
      if (delayMs >= remaining) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await clock.sleep(delayMs, options.signal);
    }
  }
}

const RETRYABLE_HTTP = new Set([408, 425, 429, 500, 502, 503, 504]);
// gRPC / google-gax status codes: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE.
const RETRYABLE_GOOGLE_CODES = new Set([4, 8, 10, 13, 14]);
const RETRYABLE_GOOGLE_STATUS = new Set([
  'DEADLINE_EXCEEDED',
  'RESOURCE_EXHAUSTED',
  'ABORTED',
  'INTERNAL',
  'UNAVAILABLE',
]);
const RETRYABLE_AWS_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalError',
  'ServerException',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** An HTTP status carried by an error from Google, AWS, Slack or a plain fetch, if any. */
export function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as Record<string, unknown>;
  const metadata = e.$metadata as { httpStatusCode?: number } | undefined;
  const response = e.response as { status?: number } | undefined;
  for (const candidate of [metadata?.httpStatusCode, e.statusCode, e.status, response?.status]) {
    if (typeof candidate === 'number') return candidate;
  }
  // google-gax REST errors carry the HTTP status in `code` when it is not a gRPC code.
  if (typeof e.code === 'number' && e.code >= 100) return e.code;
  return undefined;
}

/**
 * Whether an error is worth trying again: throttling, server-side faults, timeouts and
 * connection resets, as the Google, AWS and HTTP clients report them.
 */
export function isRetryableError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as Record<string, unknown>;
  if (e.name === 'AbortError' && !(e.cause instanceof CancelledError)) return true; // per-request timeout
  if (e.name === 'TimeoutError') return true;
  const aws = e.$retryable as { throttling?: boolean } | undefined;
  if (aws) return true;
  if (typeof e.name === 'string' && RETRYABLE_AWS_NAMES.has(e.name)) return true;
  if (typeof e.code === 'number' && e.code < 100 && RETRYABLE_GOOGLE_CODES.has(e.code)) return true;
  if (typeof e.status === 'string' && RETRYABLE_GOOGLE_STATUS.has(e.status)) return true;
  if (typeof e.code === 'string' && RETRYABLE_NETWORK_CODES.has(e.code)) return true;
  const status = httpStatusOf(err);
  if (status !== undefined) return RETRYABLE_HTTP.has(status);
  if (e.cause !== undefined && e.cause !== err) return isRetryableError(e.cause);
  return /socket hang up|network|ECONNRESET|fetch failed/i.test(errorMessage(err));
}

/** Longest Retry-After honoured: a server asking for more is treated as asking for this. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * A Retry-After value (RFC 9110 §10.2.3: delay-seconds or an HTTP date) in ms from `now`; undefined
 * when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** The Retry-After carried by an AWS SDK error ($response) or a fetch-style error (response). */
export function retryAfterOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as Record<string, unknown>;
  for (const response of [e.$response, e.response]) {
    const headers = (response as { headers?: unknown } | undefined)?.headers;
    if (headers instanceof Headers) return parseRetryAfter(headers.get('retry-after'));
    if (typeof headers === 'object' && headers !== null) {
      const value = (headers as Record<string, unknown>)['retry-after'];
      if (typeof value === 'string') return parseRetryAfter(value);
    }
  }
  return undefined;
}
