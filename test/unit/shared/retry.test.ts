import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../shared/errors';
import {
  backoffDelayMs,
  isRetryableError,
  parseRetryAfter,
  retry,
  retryAfterOf,
} from '../../../shared/retry';
import { fakeClock } from '../../helpers/fake-clock';

const retryable = Object.assign(new Error('503'), { status: 503 });

describe('retry', () => {
  it('backs off with full jitter under an exponential ceiling', async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await retry(
      async () => {
        calls++;
        if (calls < 5) throw retryable;
        return 'ok';
      },
      { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 60_000, clock, random: () => 0.5 },
    );
    expect(value).toBe('ok');
    // ceilings 100, 200, 400, 800 → half of each with random() = 0.5
    expect(clock.sleeps).toEqual([50, 100, 200, 400]);
  });

  it('caps the ceiling at maxDelayMs and draws the whole range', () => {
    expect(backoffDelayMs(10, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 0)).toBe(0);
  });

  it('stops at the deadline and rethrows the last error', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw retryable;
        },
        {
          maxAttempts: 100,
          baseDelayMs: 1000,
          maxDelayMs: 1000,
          deadlineMs: 3500,
          clock,
          random: () => 0.99,
        },
      ),
    ).rejects.toBe(retryable);
    // 990 ms per sleep: three fit in 3.5 s, the fourth would pass the deadline.
    expect(calls).toBe(4);
    expect(clock.now()).toBeLessThanOrEqual(3500);
  });

  it('does not retry an error that is not retryable', async () => {
    let calls = 0;
    const fatal = Object.assign(new Error('bad request'), { status: 400 });
    await expect(
      retry(
        async () => {
          calls++;
          throw fatal;
        },
        { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1, deadlineMs: 1000, clock: fakeClock() },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new CancelledError());
    await expect(
      retry(async () => 'never', {
        maxAttempts: 3,
        baseDelayMs: 1,
        maxDelayMs: 1,
        deadlineMs: 100,
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('isRetryableError', () => {
  it.each([
    ['AWS throttling', Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })],
    ['AWS 5xx', Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } })],
    ['AWS marked retryable', Object.assign(new Error('x'), { $retryable: { throttling: true } })],
    ['Google UNAVAILABLE code', Object.assign(new Error('x'), { code: 14 })],
    ['Google RESOURCE_EXHAUSTED status', Object.assign(new Error('x'), { status: 'RESOURCE_EXHAUSTED' })],
    ['Google REST 429', Object.assign(new Error('x'), { code: 429 })],
    ['HTTP 502', Object.assign(new Error('x'), { status: 502 })],
    ['connection reset', Object.assign(new Error('x'), { code: 'ECONNRESET' })],
    [
      'fetch failure with a cause',
      new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    ],
  ])('%s is retryable', (_label, err) => {
    expect(isRetryableError(err)).toBe(true);
  });

  it.each([
    ['HTTP 400', Object.assign(new Error('x'), { status: 400 })],
    [
      'AWS validation',
      Object.assign(new Error('x'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }),
    ],
    ['Google NOT_FOUND', Object.assign(new Error('x'), { code: 5 })],
    ['Google FAILED_PRECONDITION', Object.assign(new Error('x'), { code: 9 })],
    ['a string', 'boom'],
  ])('%s is not retryable', (_label, err) => {
    expect(isRetryableError(err)).toBe(false);
  });
});

describe('retry bounded by its deadline, honouring Retry-After', () => {
  /** Tries of an always-failing call under `options`, and the clock it ran on. */
  async function triesOfAlwaysFailing(options: Partial<Parameters<typeof retry>[1]>) {
    const clock = fakeClock();
    let tries = 0;
    const failing = async () => {
      tries++;
      throw retryable;
    };
    const settings = { baseDelayMs: 100, maxDelayMs: 1000, clock, random: () => 0.5 };
    await expect(retry(failing, { ...settings, deadlineMs: 60_000, ...options })).rejects.toBe(retryable);
    return { tries, clock };
  }

  it('without maxAttempts keeps trying until the next wait would pass the deadline', async () => {
    const { tries, clock } = await triesOfAlwaysFailing({});
    expect(tries).toBeGreaterThan(100); // 60 s of 500 ms waits, not a fixed six tries
    expect(clock.now()).toBeLessThanOrEqual(60_000);
  });

  it('never waits less than the Retry-After the server sent', async () => {
    const clock = fakeClock();
    const throttled = Object.assign(new Error('429'), {
      $response: { statusCode: 429, headers: { 'retry-after': '3' } },
      $metadata: { httpStatusCode: 429 },
    });
    let calls = 0;
    await retry(
      async () => {
        if (++calls < 3) throw throttled;
        return 'ok';
      },
      { baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 60_000, clock, random: () => 0.5 },
    );
    expect(clock.sleeps).toEqual([3000, 3000]);
  });

  it('gives up at once when the Retry-After reaches past the deadline', async () => {
    const { tries } = await triesOfAlwaysFailing({ deadlineMs: 5000, retryAfterMs: () => 10_000 });
    expect(tries).toBe(1);
  });

  it('reads Retry-After as seconds or an HTTP date, from AWS and fetch-style errors', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(61_000).toUTCString(), 1000)).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(retryAfterOf({ response: { headers: new Headers({ 'retry-after': '2' }) } })).toBe(2000);
    expect(retryAfterOf({ $response: { headers: { 'retry-after': '1' } } })).toBe(1000);
    expect(retryAfterOf(new Error('plain'))).toBeUndefined();
  });
});
