import type { Core } from '../../../shared/core';
import { InputError } from '../../../shared/errors';
import { inputReader } from '../../../shared/inputs';
import { maskSecret } from '../../../shared/mask';
import { type Destination, SLACK_API_URL_VARIABLE, SLACK_TS } from '../../../shared/slack/client';
import { type Fields, type ParseYaml, parseFields } from '../../../shared/slack/fields';
import { STATUSES, type Status } from '../../../shared/slack/message';

/** Input and output names, mirroring action.yml (a test checks they agree). */
export const INPUTS = {
  botToken: 'bot-token',
  channel: 'channel',
  webhookUrl: 'webhook-url',
  status: 'status',
  title: 'title',
  fields: 'fields',
  details: 'details',
  ts: 'ts',
  threadTs: 'thread-ts',
  text: 'text',
  payload: 'payload',
  failOnError: 'fail-on-error',
  timeout: 'timeout',
} as const;

export const OUTPUTS = {
  ts: 'ts',
  threadTs: 'thread-ts',
  channel: 'channel',
} as const;

/** Test-only endpoint override of the Web API client (shared/slack/client.ts). */
export const API_URL_VARIABLE = SLACK_API_URL_VARIABLE;

export type { Destination };

/** What the message is made of: the deployment layout, the author's text, or the author's payload. */
export type Content =
  | { kind: 'layout'; title?: string }
  | { kind: 'text'; text: string }
  | { kind: 'payload'; payload: Record<string, unknown> };

export interface NotifySettings {
  destination: Destination;
  status: Status;
  content: Content;
  fields: Fields;
  details?: string;
  /** The message to update (chat.update). */
  ts?: string;
  /** The thread to reply in. */
  threadTs?: string;
  failOnError: boolean;
  /** Longest the whole notification may take, retries and Retry-After waits included. */
  timeoutMs: number;
  /** The token or webhook URL and each form of it, for redacting text the runner's masking misses. */
  secrets: string[];
  /**
   * Problems with inputs the message can do without (fields, status, ts, payload, timeout…), each
   * replaced by its default because fail-on-error is false: the step warns instead of failing.
   */
  problems: string[];
}

function readTs(value: string | undefined, input: string): string | undefined {
  if (value === undefined) return undefined;
  if (!SLACK_TS.test(value)) {
    throw new InputError(input, `"${value}" is not a Slack message timestamp`, '1700000000.123456');
  }
  return value;
}

/** Reads the webhook URL without ever putting it in an error message: it is a secret as a whole. */
function readWebhookUrl(core: Core, raw: string): { url: string; secrets: string[] } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(
      INPUTS.webhookUrl,
      'is not an absolute URL (its value is not shown: it is a secret)',
      'https://hooks.slack.com/services/T000/B000/XXXX',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      INPUTS.webhookUrl,
      `scheme "${url.protocol}" is not https`,
      'https://hooks.slack.com/…',
    );
  }
  // The path alone (services/T…/B…/secret) is enough to post; the runner must hide it on its own
  // too, and the normalised form an HTTP client may print in an error.
  const secrets = [raw, url.href, url.pathname];
  for (const secret of secrets) maskSecret(core, secret);
  return { url: raw, secrets };
}

function readPayload(raw: string | undefined, parseYaml: ParseYaml): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch {
    throw new InputError(INPUTS.payload, 'is not valid JSON or YAML', '{"text": "Deployed", "blocks": […]}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(
      INPUTS.payload,
      'must be an object with text, blocks or attachments',
      '{"text": "Deployed"}',
    );
  }
  const payload = parsed as Record<string, unknown>;
  if (payload.text === undefined && payload.blocks === undefined && payload.attachments === undefined) {
    throw new InputError(INPUTS.payload, 'has none of text, blocks or attachments', '{"text": "Deployed"}');
  }
  return payload;
}

/**
 * fail-on-error, read first because it decides how every other input problem is handled; a value
 * that is not a boolean asks for nothing, so it is false.
 */
export function readFailOnError(core: Core): boolean {
  try {
    return inputReader(core).boolean(INPUTS.failOnError, false);
  } catch {
    return false;
  }
}

/**
 * Reads every input. Without a destination nothing can be sent: that throws an InputError, which
 * the caller turns into a warning unless fail-on-error. Any other bad input also throws with
 * fail-on-error; without it, it is recorded in `problems` and its default used, so the message
 * still goes out.
 */
export async function readSettings(
  core: Core,
  env: NodeJS.ProcessEnv = process.env,
): Promise<NotifySettings> {
  const read = inputReader(core);
  const failOnError = readFailOnError(core);
  const problems: string[] = [];
  /** The value read, or with fail-on-error false, the fallback and a recorded problem. */
  function tolerate<T>(reader: () => T, fallback: T): T {
    try {
      return reader();
    } catch (err) {
      if (failOnError || !(err instanceof InputError)) throw err;
      problems.push(err.message);
      return fallback;
    }
  }
  // Secrets first, so that nothing read after them can print them unmasked.
  const token = read.secret(INPUTS.botToken);
  const rawWebhook = read.secret(INPUTS.webhookUrl);
  const secrets: string[] = [];

  let destination: Destination;
  if (token !== undefined && rawWebhook !== undefined) {
    throw new InputError(
      INPUTS.webhookUrl,
      'give either bot-token with channel, or webhook-url, not both',
      'webhook-url: ${{ secrets.SLACK_WEBHOOK_URL }}',
    );
  } else if (token !== undefined) {
    secrets.push(token);
    if (!/^xox[a-z]-/.test(token)) {
      throw new InputError(
        INPUTS.botToken,
        'does not look like a Slack token (its value is not shown; bot tokens start with xoxb-)',
        'bot-token: ${{ secrets.SLACK_BOT_TOKEN }}',
      );
    }
    const channel = read.optional(INPUTS.channel);
    if (channel === undefined) {
      throw new InputError(
        INPUTS.channel,
        'is required with bot-token',
        'C0123456789 (or #deploys for the first post)',
      );
    }
    const apiUrl = env[API_URL_VARIABLE]?.trim();
    destination = { kind: 'bot', token, channel, ...(apiUrl ? { apiUrl } : {}) };
  } else if (rawWebhook !== undefined) {
    const webhook = readWebhookUrl(core, rawWebhook);
    secrets.push(...webhook.secrets);
    destination = { kind: 'webhook', url: webhook.url };
  } else {
    throw new InputError(
      INPUTS.botToken,
      'is required (with channel), unless webhook-url is given',
      'bot-token: ${{ secrets.SLACK_BOT_TOKEN }}',
    );
  }

  // A fail-on-error that is not a boolean is false (read above); say so.
  tolerate(() => read.boolean(INPUTS.failOnError, false), false);
  const status = tolerate<Status>(() => read.choice(INPUTS.status, STATUSES), 'progress');
  const text = read.optional(INPUTS.text);
  const rawPayload = read.optional(INPUTS.payload);
  const rawFields = read.optional(INPUTS.fields);
  // yaml is loaded only when an input needs it: a step that fails on a missing input starts faster.
  const parseYaml: ParseYaml =
    rawPayload !== undefined || rawFields !== undefined
      ? (await import('../../../shared/yaml')).parseYaml
      : () => undefined;
  const payload = tolerate(() => {
    const parsed = readPayload(rawPayload, parseYaml);
    if (text !== undefined && parsed !== undefined) {
      throw new InputError(
        INPUTS.payload,
        'give either text or payload, not both',
        'payload: {"text": "Deployed"}',
      );
    }
    return parsed;
  }, undefined);
  const title = read.optional(INPUTS.title);
  const content: Content =
    payload !== undefined
      ? { kind: 'payload', payload }
      : text !== undefined
        ? { kind: 'text', text }
        : { kind: 'layout', ...(title === undefined ? {} : { title }) };

  const details = read.optional(INPUTS.details);
  const ts = tolerate(() => readTs(read.optional(INPUTS.ts), INPUTS.ts), undefined);
  const threadTs = tolerate(() => readTs(read.optional(INPUTS.threadTs), INPUTS.threadTs), undefined);
  // Fields that cannot be read are still worth showing: as one extra field, as given.
  const fields = tolerate(
    () => parseFields(rawFields, INPUTS.fields, parseYaml),
    new Map([['fields', rawFields ?? '']]),
  );
  return {
    destination,
    status,
    content,
    fields,
    ...(details === undefined ? {} : { details }),
    ...(ts === undefined ? {} : { ts }),
    ...(threadTs === undefined ? {} : { threadTs }),
    failOnError,
    timeoutMs: tolerate(() => read.durationMs(INPUTS.timeout, '1m'), 60_000),
    secrets,
    problems,
  };
}
