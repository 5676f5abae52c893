/**
 * Talking to Slack: the official clients (@slack/web-api for a bot token, @slack/webhook for an
 * incoming webhook), imported only once inputs are valid, and one retry loop that honours 429
 * Retry-After within the step's deadline. Every failure becomes a SlackDeliveryError whose
 * message is written here, in our own words: client errors can carry the request URL (fetch puts
 * a webhook URL in some of its messages), so none of their text is passed on unredacted.
 */
import type { Logger, WebAPICallResult } from '@slack/web-api';
import type { IncomingWebhookSendArguments } from '@slack/webhook';
import type { Clock } from '../clock';
import type { Core } from '../core';
import { CancelledError } from '../errors';
import { redact } from '../mask';
import { retry } from '../retry';
import { userAgent } from '../user-agent';
import type { SlackMessage } from './message';

/** Where a message goes: a bot token and its channel, or an incoming webhook. */
export type Destination =
  | { kind: 'bot'; token: string; channel: string; apiUrl?: string }
  | { kind: 'webhook'; url: string };

/**
 * Test-only endpoint override for the Web API client (its documented `slackApiUrl` option), so
 * the suite can point the real client at the local emulator. Not an input: no workflow sets it.
 */
export const SLACK_API_URL_VARIABLE = 'ROLLOUT_ACTIONS_SLACK_API_URL';

/** A message timestamp as Slack gives it (chat.postMessage `ts`), e.g. 1700000000.123456. */
export const SLACK_TS = /^\d{9,11}\.\d{1,6}$/;

/** The action named in the user agent when the caller names none. */
const DEFAULT_ACTION = 'notify-slack';

/** Tries per Slack call, the first included. */
export const MAX_ATTEMPTS = 5;
/** Longest one HTTP request may take (less when less is left before the step's timeout). */
const REQUEST_TIMEOUT_MS = 10_000;

/** A request that got no answer within its time: REQUEST_TIMEOUT_MS, or what was left of the step's. */
class RequestTimeout extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly budgetMs: number) {
    super(`no answer within ${budgetMs} ms`);
  }
}

/** The subset of fetch both Slack clients call (their FetchFunction types). */
type SlackFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * fetch with each request bounded by the time left before the step's deadline, measured when the
 * request starts (a timeout fixed when the client is built would let the last try overrun it),
 * and by the run's cancellation. Every request carries our user agent.
 */
function deadlineFetch(ctx: DeliveryContext, onResponse?: (response: Response) => void): SlackFetch {
  return async (url, init) => {
    const budgetMs = Math.max(1, Math.min(REQUEST_TIMEOUT_MS, ctx.deadline - ctx.clock.now()));
    const timeout = AbortSignal.timeout(budgetMs);
    const signals = [timeout, ctx.signal, ...(init?.signal ? [init.signal] : [])];
    try {
      const response = await fetch(url, {
        ...init,
        headers: {
          ...(init?.headers as Record<string, string>),
          'User-Agent': userAgent(ctx.action ?? DEFAULT_ACTION),
        },
        signal: AbortSignal.any(signals),
      });
      onResponse?.(response);
      return response;
    } catch (err) {
      throw timeout.aborted && !ctx.signal.aborted ? new RequestTimeout(budgetMs) : err;
    }
  };
}

/** A failed delivery, explained without the token or the webhook URL. */
export class SlackDeliveryError extends Error {
  override readonly name = 'SlackDeliveryError';
  constructor(
    message: string,
    /** Slack's error code (invalid_auth, channel_not_found…) or the HTTP status, when known. */
    readonly code: string | undefined,
    readonly retryable: boolean,
    /** What a 429 asked us to wait, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Slack error codes worth another try (documented as transient). */
const TRANSIENT_CODES = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'rate_limited',
]);

/** What a person should do about the common refusals. */
const ADVICE: Record<string, string> = {
  invalid_auth: 'Slack refused the bot token; check the secret given as bot-token',
  not_authed: 'no bot token reached Slack',
  account_inactive: 'the bot token belongs to a deleted user or workspace',
  token_revoked: 'the bot token was revoked',
  missing_scope: 'the bot token lacks the chat:write scope',
  channel_not_found:
    'the channel does not exist or the bot cannot see it (to update a message, pass the channel ID from the first step\'s "channel" output)',
  not_in_channel: 'the bot is not a member of the channel; invite it with /invite',
  is_archived: 'the channel is archived',
  message_not_found: 'the message to update no longer exists',
  cant_update_message: 'this bot did not post the message it was asked to update',
  msg_too_long: 'the message text is too long',
  invalid_blocks: 'Slack refused the blocks',
  no_text: 'the message has no text, blocks or attachments',
  no_service: 'the webhook URL is not (or no longer) valid',
  invalid_payload: 'Slack could not read the payload',
};

function describeCode(code: string): string {
  return ADVICE[code] ? `${ADVICE[code]} (${code})` : `Slack answered ${code}`;
}

/** A short, safe name for a network failure: its system code, never its message. */
function networkCode(err: unknown): string {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { code?: unknown; name?: unknown; cause?: unknown; original?: unknown };
    if (current instanceof RequestTimeout) {
      return `timeout: no answer within ${(current.budgetMs / 1000).toFixed(1)} s${current.budgetMs < REQUEST_TIMEOUT_MS ? ", all that was left of the step's timeout" : ''}`;
    }
    if (typeof e.code === 'string' && /^[A-Z_]+$/.test(e.code)) return e.code;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
    current = e.original ?? e.cause;
  }
  return 'the request failed before any answer';
}

const SAFE_BODY = /^[a-z_]{1,60}$/;

/** Turns anything a Slack client throws into a SlackDeliveryError with a safe message. */
export function toDeliveryError(
  err: unknown,
  secrets: readonly string[],
  retryAfterHeader?: string | null,
): SlackDeliveryError {
  if (err instanceof SlackDeliveryError) return err;
  if (err instanceof CancelledError) throw err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const data = (e.data ?? {}) as { error?: unknown; response_metadata?: { messages?: unknown } };
      const code = typeof data.error === 'string' ? data.error : 'unknown_error';
      const messages = Array.isArray(data.response_metadata?.messages) ? data.response_metadata.messages : [];
      const detail = messages.length > 0 ? `: ${redact(String(messages[0]), secrets).slice(0, 300)}` : '';
      return new SlackDeliveryError(`${describeCode(code)}${detail}`, code, TRANSIENT_CODES.has(code));
    }
    case 'slack_webapi_rate_limited_error': {
      const seconds = Number(e.retryAfter);
      const ms = Number.isFinite(seconds) ? Math.max(0, seconds) * 1000 : 1000;
      return new SlackDeliveryError(`rate limited by Slack (Retry-After ${ms / 1000} s)`, '429', true, ms);
    }
    case 'slack_webapi_http_error':
    case 'slack_webhook_http_error': {
      const status = Number(e.statusCode);
      const body = typeof e.body === 'string' ? e.body.trim() : '';
      if (status === 429) {
        const seconds = Number.parseInt(retryAfterHeader ?? '', 10);
        const ms = Number.isFinite(seconds) ? Math.max(0, seconds) * 1000 : 1000;
        return new SlackDeliveryError(`rate limited by Slack (Retry-After ${ms / 1000} s)`, '429', true, ms);
      }
      const code = SAFE_BODY.test(body) ? body : undefined;
      const what = code ? describeCode(code) : 'Slack refused the request';
      return new SlackDeliveryError(
        `${what} (HTTP ${status})`,
        code ?? String(status),
        status >= 500 || status === 408,
      );
    }
    case 'slack_webapi_request_error':
    case 'slack_webhook_request_error':
      return new SlackDeliveryError(`could not reach Slack: ${networkCode(err)}`, undefined, true);
    default:
      // Not a Slack client error: a bug or something unforeseen. Its text is ours or the
      // runtime's; redact it all the same.
      return new SlackDeliveryError(
        `unexpected error: ${redact(err instanceof Error ? err.message : String(err), secrets)}`,
        undefined,
        false,
      );
  }
}

export interface PostOptions {
  threadTs?: string;
  /** Show a thread reply in the channel too. */
  broadcast?: boolean;
}

export interface Posted {
  ts?: string;
  channel?: string;
}

/** The two things this action does with Slack. A webhook can only post. */
export interface SlackTransport {
  readonly kind: Destination['kind'];
  post(message: SlackMessage, options?: PostOptions): Promise<Posted>;
  update(channel: string, ts: string, message: SlackMessage): Promise<Posted>;
}

export interface DeliveryContext {
  core: Core;
  clock: Clock;
  signal: AbortSignal;
  /** Epoch ms after which no try and no wait starts. */
  deadline: number;
  secrets: readonly string[];
  /** The action that sends, for the user agent (default notify-slack). */
  action?: string;
}

/**
 * Runs one Slack call with bounded tries: a 429 waits exactly what Retry-After asks (when that
 * fits before the deadline) and then the usual jittered backoff; 5xx and network failures back
 * off; anything else fails at once.
 */
export async function withRetries<T>(what: string, call: () => Promise<T>, ctx: DeliveryContext): Promise<T> {
  return retry(
    async (attempt) => {
      try {
        return await call();
      } catch (err) {
        if (ctx.signal.aborted) throw new CancelledError();
        const failure = toDeliveryError(err, ctx.secrets);
        if (failure.retryAfterMs !== undefined && attempt < MAX_ATTEMPTS) {
          const remaining = ctx.deadline - ctx.clock.now();
          if (failure.retryAfterMs >= remaining) {
            throw new SlackDeliveryError(
              `${failure.message}, longer than the ${Math.max(0, Math.round(remaining / 1000))} s left before the timeout`,
              failure.code,
              false,
            );
          }
          ctx.core.info(`${what}: ${failure.message}; waiting as asked before try ${attempt + 1}`);
          await ctx.clock.sleep(failure.retryAfterMs, ctx.signal);
        }
        throw failure;
      }
    },
    {
      maxAttempts: MAX_ATTEMPTS,
      baseDelayMs: 250,
      maxDelayMs: 4000,
      deadlineMs: Math.max(0, ctx.deadline - ctx.clock.now()),
      isRetryable: (err) => err instanceof SlackDeliveryError && err.retryable,
      clock: ctx.clock,
      signal: ctx.signal,
      onRetry: ({ attempt, delayMs, error }) => {
        if (error instanceof SlackDeliveryError && error.retryAfterMs !== undefined) return;
        ctx.core.info(
          `${what}: try ${attempt} failed (${(error as Error).message}); retrying in ${delayMs} ms`,
        );
      },
    },
  );
}

/**
 * Routes the Web API client's own log lines to debug output, redacted: our messages say what
 * failed; the client's request-by-request trace is there only when step debugging is on.
 */
function clientLogger(core: Core, secrets: readonly string[]): Logger {
  const write = (...parts: unknown[]) =>
    core.debug(`slack client: ${redact(parts.map(String).join(' '), secrets)}`);
  const trace = (...parts: unknown[]) => {
    if (core.isDebug()) write(...parts);
  };
  let level = 'info';
  return {
    debug: trace,
    info: trace,
    warn: write,
    error: write,
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level as ReturnType<Logger['getLevel']>,
    setName: () => undefined,
  };
}

/** A bot-token transport over @slack/web-api's WebClient. */
export async function botTransport(
  destination: Extract<Destination, { kind: 'bot' }>,
  ctx: DeliveryContext,
): Promise<SlackTransport> {
  const { WebClient } = await import('@slack/web-api');
  const client = new WebClient(destination.token, {
    ...(destination.apiUrl ? { slackApiUrl: destination.apiUrl } : {}),
    // Our loop owns retries: it honours Retry-After within the step's deadline, which the
    // client's own policy (up to 10 tries over 30 minutes by default) does not.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // No client-wide timeout: deadlineFetch bounds each request by the time left.
    fetch: deadlineFetch(ctx),
    headers: { 'User-Agent': userAgent(ctx.action ?? DEFAULT_ACTION) },
    allowAbsoluteUrls: false,
    logger: clientLogger(ctx.core, ctx.secrets),
  });
  const common = { unfurl_links: false, unfurl_media: false };
  // chat.postMessage and chat.update both answer with the message's ts and the channel's ID.
  const result = (response: WebAPICallResult): Posted => {
    const { ts, channel } = response as { ts?: unknown; channel?: unknown };
    return {
      ...(typeof ts === 'string' ? { ts } : {}),
      ...(typeof channel === 'string' ? { channel } : {}),
    };
  };
  return {
    kind: 'bot',
    post: async (message, options = {}) =>
      result(
        await withRetries(
          'chat.postMessage',
          () =>
            client.apiCall('chat.postMessage', {
              ...common,
              ...message,
              channel: destination.channel,
              ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
              ...(options.threadTs && options.broadcast ? { reply_broadcast: true } : {}),
            }),
          ctx,
        ),
      ),
    update: async (channel, ts, message) =>
      result(
        await withRetries(
          'chat.update',
          () => client.apiCall('chat.update', { ...message, channel, ts }),
          ctx,
        ),
      ),
  };
}

/** An incoming-webhook transport over @slack/webhook: post only, no ts comes back. */
export async function webhookTransport(
  destination: Extract<Destination, { kind: 'webhook' }>,
  ctx: DeliveryContext,
): Promise<SlackTransport> {
  const { IncomingWebhook } = await import('@slack/webhook');
  // The client's errors carry the status but not the headers; keep the last Retry-After here.
  let retryAfter: string | null = null;
  const webhook = new IncomingWebhook(destination.url, {
    retryConfig: { retries: 0 },
    fetch: deadlineFetch(ctx, (response) => {
      retryAfter = response.headers.get('retry-after');
    }),
  });
  return {
    kind: 'webhook',
    post: async (message) => {
      await withRetries(
        'incoming webhook',
        async () => {
          retryAfter = null;
          try {
            // Our blocks are plain objects shaped by message.ts; the client's Block Kit types are a closed union.
            return await webhook.send(message as unknown as IncomingWebhookSendArguments);
          } catch (err) {
            throw toDeliveryError(err, ctx.secrets, retryAfter);
          }
        },
        ctx,
      );
      return {};
    },
    update: async () => {
      throw new SlackDeliveryError('an incoming webhook cannot update a message', undefined, false);
    },
  };
}
