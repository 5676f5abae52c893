import { ErrorCode as WebApiErrorCode } from '@slack/web-api';
import { IncomingWebhook } from '@slack/webhook';
import { describe, expect, it } from 'vitest';
import {
  type DeliveryContext,
  MAX_ATTEMPTS,
  SlackDeliveryError,
  toDeliveryError,
  withRetries,
} from '../../../shared/slack/client';
import { fakeClock } from '../../helpers/fake-clock';
import { fakeCore } from '../../helpers/fake-core';

function context(deadlineInMs = 60_000) {
  const clock = fakeClock(1_000_000);
  const core = fakeCore();
  const ctx: DeliveryContext = {
    core,
    clock,
    signal: new AbortController().signal,
    deadline: clock.now() + deadlineInMs,
    secrets: [],
  };
  return { ctx, clock, core };
}

const rateLimited = (seconds: number) =>
  Object.assign(new Error('A rate-limit has been reached'), {
    code: WebApiErrorCode.RateLimitedError,
    retryAfter: seconds,
  });
const platform = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: WebApiErrorCode.PlatformError,
    data: { ok: false, error },
  });

describe('withRetries', () => {
  it('waits exactly what Retry-After asks before each new try', async () => {
    const { ctx, clock } = context();
    let calls = 0;
    const result = await withRetries(
      'chat.postMessage',
      async () => {
        calls += 1;
        if (calls <= 2) throw rateLimited(3);
        return 'posted';
      },
      ctx,
    );
    expect(result).toBe('posted');
    expect(calls).toBe(3);
    // Each Retry-After sleep of 3 s, then a jittered backoff of less than the 250 ms / 500 ms ceiling.
    expect(clock.sleeps.filter((ms) => ms === 3000)).toHaveLength(2);
    expect(clock.sleeps.filter((ms) => ms !== 3000).every((ms) => ms < 500)).toBe(true);
  });

  it('stops after MAX_ATTEMPTS tries', async () => {
    const { ctx } = context(3_600_000);
    let calls = 0;
    await expect(
      withRetries(
        'chat.update',
        async () => {
          calls += 1;
          throw rateLimited(1);
        },
        ctx,
      ),
    ).rejects.toThrow('rate limited by Slack (Retry-After 1 s)');
    expect(calls).toBe(MAX_ATTEMPTS);
  });

  it('gives up at once when Retry-After is beyond the deadline', async () => {
    const { ctx, clock } = context(10_000);
    let calls = 0;
    await expect(
      withRetries(
        'chat.update',
        async () => {
          calls += 1;
          throw rateLimited(30);
        },
        ctx,
      ),
    ).rejects.toThrow(
      'rate limited by Slack (Retry-After 30 s), longer than the 10 s left before the timeout',
    );
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry what another try cannot fix', async () => {
    const { ctx } = context();
    let calls = 0;
    const failure = await withRetries(
      'chat.postMessage',
      async () => {
        calls += 1;
        throw platform('channel_not_found');
      },
      ctx,
    ).catch((err: unknown) => err);
    expect(calls).toBe(1);
    expect(failure).toBeInstanceOf(SlackDeliveryError);
    expect((failure as SlackDeliveryError).code).toBe('channel_not_found');
    expect((failure as Error).message).toContain(
      'pass the channel ID from the first step\'s "channel" output',
    );
  });

  it('retries transient Slack errors', async () => {
    const { ctx } = context();
    let calls = 0;
    await withRetries(
      'chat.postMessage',
      async () => {
        calls += 1;
        if (calls === 1) throw platform('internal_error');
        return 'ok';
      },
      ctx,
    );
    expect(calls).toBe(2);
  });
});

describe('toDeliveryError', () => {
  it('keeps a webhook URL out of the message even when the client put it in its own', async () => {
    const url = 'http://hook:pw@127.0.0.1:9/services/T0/B0/SecretPart123';
    const webhook = new IncomingWebhook(url, { retryConfig: { retries: 0 } });
    const raw = await webhook.send('hello').catch((err: unknown) => err);
    expect(String((raw as Error).message)).toContain('SecretPart123'); // the client's text has it
    const failure = toDeliveryError(raw, []);
    expect(failure.message).toBe('could not reach Slack: the request failed before any answer');
    expect(failure.retryable).toBe(true);
  });

  it('names the network failure by its code only', async () => {
    const webhook = new IncomingWebhook('http://127.0.0.1:2/services/T0/B0/SecretPart123', {
      retryConfig: { retries: 0 },
    });
    const failure = toDeliveryError(await webhook.send('hello').catch((err: unknown) => err), []);
    expect(failure.message).toMatch(/^could not reach Slack: [A-Z_]+$/);
    expect(failure.message).not.toContain('SecretPart123');
  });

  it('shows a webhook error body only when it is a plain error code', () => {
    const withCode = Object.assign(new Error('x'), {
      code: 'slack_webhook_http_error',
      statusCode: 400,
      body: 'invalid_blocks',
    });
    expect(toDeliveryError(withCode, []).message).toBe(
      'Slack refused the blocks (invalid_blocks) (HTTP 400)',
    );
    const echo = Object.assign(new Error('x'), {
      code: 'slack_webhook_http_error',
      statusCode: 500,
      body: 'upstream said: POST /services/T0/B0/SecretPart123 failed',
    });
    const failure = toDeliveryError(echo, []);
    expect(failure.message).toBe('Slack refused the request (HTTP 500)');
    expect(failure.retryable).toBe(true);
  });

  it('redacts the secrets from anything unforeseen', () => {
    const failure = toDeliveryError(new Error('boom near xoxb-123-secret'), ['xoxb-123-secret']);
    expect(failure.message).toBe('unexpected error: boom near ***');
    expect(failure.retryable).toBe(false);
  });
});
