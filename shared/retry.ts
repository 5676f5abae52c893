import { type Clock, systemClock } from './clock';
import { CancelledError, errorMessage } from './errors';

export interface RetryOptions {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** First backoff ceiling; each retry doubles it up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts, and no backoff sleeps, past this many ms after the first try began. */
  deadlineMs: number;
  isRetryable?: (err: unknown) => boolean;
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

/** Runs fn until it succeeds, a non-retryable error is thrown, tries run out or the deadline passes. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new CancelledError();
    try {
      return await fn(attempt);
    } catch (error) {
      if (error instanceof CancelledError || options.signal?.aborted) throw error;
      if (attempt >= options.maxAttempts || !isRetryable(error)) throw error;
      const remaining = options.deadlineMs - (clock.now() - started);
      const delayMs = backoffDelayMs(attempt, options, random);
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
