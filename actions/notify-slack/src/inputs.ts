import type { Core } from '../../../shared/core';
import { InputError } from '../../../shared/errors';
import { inputReader } from '../../../shared/inputs';
import { maskSecret } from '../../../shared/mask';
import { type Fields, type ParseYaml, parseFields } from './fields';
import { STATUSES, type Status } from './message';

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

/**
 * Test-only endpoint override for the Web API client (its documented `slackApiUrl` option), so
 * the suite can point the real client at the local emulator. Not an input: no workflow sets it.
 */
export const API_URL_VARIABLE = 'ROLLOUT_ACTIONS_SLACK_API_URL';

export type Destination =
  | { kind: 'bot'; token: string; channel: string; apiUrl?: string }
  | { kind: 'webhook'; url: string };

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
}

const TS_PATTERN = /^\d{9,11}\.\d{1,6}$/;

function readTs(value: string | undefined, input: string): string | undefined {
  if (value === undefined) return undefined;
  if (!TS_PATTERN.test(value)) {
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

export async function readSettings(
  core: Core,
  env: NodeJS.ProcessEnv = process.env,
): Promise<NotifySettings> {
  const read = inputReader(core);
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

  const status = read.choice(INPUTS.status, STATUSES);
  const text = read.optional(INPUTS.text);
  const rawPayload = read.optional(INPUTS.payload);
  const rawFields = read.optional(INPUTS.fields);
  // yaml is loaded only when an input needs it: a step that fails on a missing input starts faster.
  const parseYaml: ParseYaml =
    rawPayload !== undefined || rawFields !== undefined
      ? (await import('../../../shared/yaml')).parseYaml
      : () => undefined;
  const payload = readPayload(rawPayload, parseYaml);
  if (text !== undefined && payload !== undefined) {
    throw new InputError(
      INPUTS.payload,
      'give either text or payload, not both',
      'payload: {"text": "Deployed"}',
    );
  }
  const title = read.optional(INPUTS.title);
  const content: Content =
    payload !== undefined
      ? { kind: 'payload', payload }
      : text !== undefined
        ? { kind: 'text', text }
        : { kind: 'layout', ...(title === undefined ? {} : { title }) };

  const details = read.optional(INPUTS.details);
  const ts = readTs(read.optional(INPUTS.ts), INPUTS.ts);
  const threadTs = readTs(read.optional(INPUTS.threadTs), INPUTS.threadTs);
  return {
    destination,
    status,
    content,
    fields: parseFields(rawFields, INPUTS.fields, parseYaml),
    ...(details === undefined ? {} : { details }),
    ...(ts === undefined ? {} : { ts }),
    ...(threadTs === undefined ? {} : { threadTs }),
    failOnError: read.boolean(INPUTS.failOnError, false),
    timeoutMs: read.durationMs(INPUTS.timeout, '1m'),
    secrets,
  };
}
