/**
 * A local Slack: the Web API methods this suite uses (chat.postMessage, chat.update, auth.test)
 * and incoming webhooks, on loopback. It checks tokens and channels as Slack does, refuses
 * payloads beyond the documented limits with Slack's error codes, records every message with its
 * thread and edit history, answers 429 (with Retry-After) or 5xx on request, and renders a
 * channel as text for the demo.
 *
 * Wire format as the official clients send it: Web API calls are POSTs of form-encoded (or JSON)
 * arguments with the token in `Authorization: Bearer`, answered 200 with {ok, error?}; webhooks
 * are JSON POSTs answered with a plain-text body ("ok", or an error code with a 4xx status).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer, type TestServer } from '../../helpers/http-server';
import { checkMessage } from './limits';

export interface RecordedVersion {
  at: number;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

export interface RecordedMessage extends RecordedVersion {
  channel: string;
  ts: string;
  /** The thread root's ts, for a reply. */
  threadTs?: string;
  replyBroadcast: boolean;
  via: 'api' | 'webhook';
  /** Earlier versions, oldest first, each replaced by a chat.update. */
  history: RecordedVersion[];
}

export type Endpoint = 'chat.postMessage' | 'chat.update' | 'auth.test' | 'webhook';

export interface Fault {
  /** HTTP status to answer: 429 (rate limited) or a 5xx. */
  status: number;
  /** Hold the request this long before answering (a slow or hung Slack), in ms. */
  delayMs?: number;
  /** Seconds in the Retry-After header of a 429. */
  retryAfterSeconds?: number;
  /** How many requests get this answer (default 1). */
  times?: number;
  /** Only requests to this endpoint (default: any). */
  endpoint?: Endpoint;
}

export interface RequestRecord {
  at: number;
  endpoint: Endpoint | 'unknown';
  status: number;
  /** Slack's error code, when the answer was one. */
  error?: string;
  userAgent?: string;
}

export interface SlackEmulatorOptions {
  /** Bot tokens that authenticate (default: one, SlackEmulator.TOKEN). */
  tokens?: string[];
  /** Channels by ID → name (default C0DEPLOYS → deploys). */
  channels?: Record<string, string>;
}

const WEBHOOK_PATH = /^\/services\/(T[A-Z0-9]+)\/(B[A-Z0-9]+)\/([A-Za-z0-9]+)$/;
/** Sequences by which a message notifies people: what escaping must keep out. */
const MENTION = /<(!channel|!here|!everyone|@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+)(\|[^>]*)?>/g;

export class SlackEmulator {
  static readonly TOKEN = 'xoxb-0000000000-emulator-bot-token';
  readonly messages: RecordedMessage[] = [];
  readonly requests: RequestRecord[] = [];
  private readonly faults: (Fault & { left: number })[] = [];
  private readonly tokens: Set<string>;
  private readonly channels: Map<string, string>;
  private readonly webhooks = new Map<string, string>();
  private tsCounter = 0;
  private readonly tsSeconds = Math.floor(Date.now() / 1000);

  private constructor(
    private readonly server: TestServer,
    options: SlackEmulatorOptions,
  ) {
    this.tokens = new Set(options.tokens ?? [SlackEmulator.TOKEN]);
    this.channels = new Map(Object.entries(options.channels ?? { C0DEPLOYS: 'deploys' }));
  }

  static async start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    let emulator: SlackEmulator | undefined;
    const server = await startServer((req, res, body) => emulator?.handle(req, res, body));
    emulator = new SlackEmulator(server, options);
    return emulator;
  }

  /** Base URL for WebClient's slackApiUrl option. */
  get apiUrl(): string {
    return `${this.server.url}/api/`;
  }

  /** Creates an incoming webhook that posts to a channel, and returns its URL (a secret). */
  createWebhook(channelId = 'C0DEPLOYS', secret = 'x9Kq2ZrT5vWb8LmN3pQs7YdE'): string {
    const path = `/services/T0EMULATOR/B0${String(this.webhooks.size + 1).padStart(8, '0')}/${secret}`;
    this.webhooks.set(path, channelId);
    return `${this.server.url}${path}`;
  }

  /** The next matching requests get this answer instead of being served. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  reset(): void {
    this.messages.length = 0;
    this.requests.length = 0;
    this.clearFaults();
  }

  /** The top-level messages of a channel (not thread replies, unless broadcast), oldest first. */
  channelMessages(channelId = 'C0DEPLOYS'): RecordedMessage[] {
    return this.messages.filter(
      (m) => m.channel === channelId && (m.threadTs === undefined || m.replyBroadcast),
    );
  }

  replies(channelId: string, threadTs: string): RecordedMessage[] {
    return this.messages.filter((m) => m.channel === channelId && m.threadTs === threadTs);
  }

  /** Every mention sequence that reached Slack in any text of any version of any message. */
  mentions(): string[] {
    const found: string[] = [];
    for (const message of this.messages) {
      for (const version of [...message.history, message]) {
        found.push(
          ...(JSON.stringify([version.text, version.blocks, version.attachments]).match(MENTION) ?? []),
        );
      }
    }
    return found;
  }

  async close(): Promise<void> {
    await this.server.close();
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${this.tsSeconds}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private takeFault(endpoint: Endpoint): Fault | undefined {
    const index = this.faults.findIndex(
      (f) => f.left > 0 && (f.endpoint === undefined || f.endpoint === endpoint),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left === 0) this.faults.splice(index, 1);
    return fault;
  }

  /** Serves one request. Returns nothing useful: each branch ends by answering. */
  private handle(req: IncomingMessage, res: ServerResponse, body: string): unknown {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const endpoint: Endpoint | 'unknown' = path.startsWith('/api/')
      ? ((['chat.postMessage', 'chat.update', 'auth.test'].find((m) => path === `/api/${m}`) as
          | Endpoint
          | undefined) ?? 'unknown')
      : WEBHOOK_PATH.test(path)
        ? 'webhook'
        : 'unknown';
    const record = (status: number, error?: string) =>
      this.requests.push({
        at: Date.now(),
        endpoint,
        status,
        ...(error ? { error } : {}),
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      });

    if (req.method !== 'POST') {
      record(405);
      res.statusCode = 405;
      return void res.end('method_not_allowed');
    }
    const fault = endpoint === 'unknown' ? undefined : this.takeFault(endpoint);
    if (fault?.delayMs) {
      const { delayMs, ...answerLater } = fault;
      return new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => {
        if (!res.destroyed) this.answerFault(endpoint, answerLater, res, record);
      });
    }
    if (fault) return this.answerFault(endpoint, fault, res, record);
    if (endpoint === 'webhook') return this.handleWebhook(path, body, res, record);

    const answer = (payload: Record<string, unknown>) => {
      record(200, payload.ok === false ? String(payload.error) : undefined);
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(payload));
    };
    if (endpoint === 'unknown') return answer({ ok: false, error: 'unknown_method' });
    const args = parseArguments(req, body);
    if (args === undefined) return answer({ ok: false, error: 'invalid_form_data' });
    const auth = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? (args.token as string | undefined);
    if (!auth) return answer({ ok: false, error: 'not_authed' });
    if (!this.tokens.has(auth)) return answer({ ok: false, error: 'invalid_auth' });
    if (endpoint === 'auth.test')
      return answer({
        ok: true,
        url: 'https://emulator.slack.test/',
        team: 'Emulator',
        user: 'rollout-bot',
        bot_id: 'B0BOT',
      });

    const message = decodeMessage(args);
    if (message === undefined) return answer({ ok: false, error: 'invalid_blocks_format' });
    const violation = checkMessage(message);
    if (violation)
      return answer({
        ok: false,
        error: violation.error,
        response_metadata: { messages: [violation.message] },
      });

    const channelArg = typeof args.channel === 'string' ? args.channel : '';
    if (endpoint === 'chat.postMessage') {
      // chat.postMessage takes an ID or a name (with or without #).
      const channel = this.resolveChannel(channelArg, true);
      if (!channel) return answer({ ok: false, error: 'channel_not_found' });
      const threadTs =
        typeof args.thread_ts === 'string' && args.thread_ts !== '' ? args.thread_ts : undefined;
      const posted: RecordedMessage = {
        ...versionOf(message),
        channel,
        ts: this.nextTs(),
        ...(threadTs ? { threadTs } : {}),
        replyBroadcast: threadTs !== undefined && truthy(args.reply_broadcast),
        via: 'api',
        history: [],
      };
      this.messages.push(posted);
      return answer({ ok: true, channel, ts: posted.ts, message: { text: posted.text, ts: posted.ts } });
    }
    // chat.update takes only a channel ID, and only the app's own messages.
    const channel = this.resolveChannel(channelArg, false);
    if (!channel) return answer({ ok: false, error: 'channel_not_found' });
    const target = this.messages.find((m) => m.channel === channel && m.ts === args.ts);
    if (!target) return answer({ ok: false, error: 'message_not_found' });
    if (target.via !== 'api') return answer({ ok: false, error: 'cant_update_message' });
    target.history.push(pickVersion(target));
    delete target.text;
    delete target.blocks;
    delete target.attachments;
    Object.assign(target, versionOf(message));
    return answer({ ok: true, channel, ts: target.ts, text: target.text ?? '' });
  }

  private answerFault(
    endpoint: Endpoint | 'unknown',
    fault: Fault,
    res: ServerResponse,
    record: (status: number, error?: string) => void,
  ): void {
    record(fault.status, fault.status === 429 ? 'ratelimited' : 'fault');
    res.statusCode = fault.status;
    if (fault.status === 429) res.setHeader('retry-after', String(fault.retryAfterSeconds ?? 1));
    if (endpoint === 'webhook') {
      res.end(fault.status === 429 ? 'rate_limited' : 'service_unavailable');
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: false, error: fault.status === 429 ? 'ratelimited' : 'fatal_error' }));
  }

  private handleWebhook(
    path: string,
    body: string,
    res: ServerResponse,
    record: (status: number, error?: string) => void,
  ): unknown {
    const fail = (status: number, error: string) => {
      record(status, error);
      res.statusCode = status;
      res.end(error);
    };
    const channel = this.webhooks.get(path);
    if (!channel) return fail(404, 'no_service');
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return fail(400, 'invalid_payload');
    }
    const violation = checkMessage(message);
    if (violation) return fail(400, violation.error);
    this.messages.push({
      ...versionOf(message),
      channel,
      ts: this.nextTs(),
      replyBroadcast: false,
      via: 'webhook',
      history: [],
    });
    record(200);
    res.statusCode = 200;
    res.end('ok');
  }

  private resolveChannel(value: string, byName: boolean): string | undefined {
    if (this.channels.has(value)) return value;
    if (!byName) return undefined;
    const name = value.replace(/^#/, '');
    return [...this.channels].find(([, n]) => n === name)?.[0];
  }

  /**
   * The channel as a person would read it: each top-level message in its latest version (with
   * the number of edits and its colour), then its thread. Links show as "label (url)" and
   * escaped text as the characters a reader sees.
   */
  renderConversation(channelId = 'C0DEPLOYS'): string {
    const lines: string[] = [`#${this.channels.get(channelId) ?? channelId}`];
    for (const message of this.messages.filter((m) => m.channel === channelId && m.threadTs === undefined)) {
      const edits = message.history.length;
      const colour = attachmentColour(message);
      lines.push('');
      lines.push(
        `● ${message.ts}${message.via === 'webhook' ? ' (webhook)' : ''}${edits > 0 ? ` (edited ${edits}×)` : ''}${colour ? ` [${colour}]` : ''}`,
      );
      for (const line of renderVersion(message)) lines.push(`│ ${line}`);
      const replies = this.replies(channelId, message.ts);
      if (replies.length > 0)
        lines.push(`└─ thread, ${replies.length} repl${replies.length === 1 ? 'y' : 'ies'}:`);
      for (const reply of replies) {
        const body = renderVersion(reply);
        lines.push(`   ↳ ${body[0] ?? ''}${reply.replyBroadcast ? '  (also sent to the channel)' : ''}`);
        for (const line of body.slice(1)) lines.push(`     ${line}`);
      }
    }
    return lines.join('\n');
  }
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

function parseArguments(req: IncomingMessage, body: string): Record<string, unknown> | undefined {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(body) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(body));
  return undefined;
}

/** blocks and attachments arrive JSON-encoded in form data; undefined when they do not parse. */
function decodeMessage(args: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { ...args };
  for (const key of ['blocks', 'attachments']) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    try {
      out[key] = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return out;
}

function versionOf(message: Record<string, unknown>): RecordedVersion {
  return {
    at: Date.now(),
    ...(typeof message.text === 'string' ? { text: message.text } : {}),
    ...(Array.isArray(message.blocks) ? { blocks: message.blocks } : {}),
    ...(Array.isArray(message.attachments) ? { attachments: message.attachments } : {}),
  };
}

function pickVersion(version: RecordedVersion): RecordedVersion {
  return {
    at: version.at,
    ...(version.text === undefined ? {} : { text: version.text }),
    ...(version.blocks === undefined ? {} : { blocks: version.blocks }),
    ...(version.attachments === undefined ? {} : { attachments: version.attachments }),
  };
}

function attachmentColour(message: RecordedVersion): string | undefined {
  const first = message.attachments?.[0] as { color?: unknown } | undefined;
  return typeof first?.color === 'string' ? first.color : undefined;
}

/** Slack mrkdwn as a reader sees it: links as "label (url)", dates as their fallback, entities decoded. */
export function readable(mrkdwn: string): string {
  return mrkdwn
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(https?:[^|>]*)\|([^>]*)>/g, '$2 ($1)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function renderBlocks(blocks: unknown[]): string[] {
  const lines: string[] = [];
  for (const block of blocks as Record<string, unknown>[]) {
    const text = (block.text as { text?: string } | undefined)?.text;
    switch (block.type) {
      case 'header':
        lines.push(`**${readable(text ?? '')}**`);
        break;
      case 'section': {
        if (text) lines.push(...readable(text).split('\n'));
        const fields = (block.fields as { text?: string }[] | undefined) ?? [];
        for (const field of fields) lines.push(readable(field.text ?? '').replace(/^\*([^*]+)\*\n/, '$1: '));
        break;
      }
      case 'context':
        lines.push(
          `(${((block.elements as { text?: string }[] | undefined) ?? []).map((e) => readable(e.text ?? '')).join(' ')})`,
        );
        break;
      case 'divider':
        lines.push('───');
        break;
      default:
        lines.push(`[${String(block.type)} block]`);
    }
  }
  return lines;
}

function renderVersion(version: RecordedVersion): string[] {
  const attachmentBlocks = (version.attachments ?? []).flatMap(
    (a) => ((a as { blocks?: unknown[] }).blocks ?? []) as unknown[],
  );
  const blocks = [...(version.blocks ?? []), ...attachmentBlocks];
  if (blocks.length > 0) return renderBlocks(blocks);
  return readable(version.text ?? '').split('\n');
}
