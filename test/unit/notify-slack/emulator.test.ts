/**
 * The Slack emulator is the oracle the action is tested against, so it is tested too: through the
 * official clients, it must answer as Slack documents (error codes, limits, channel rules).
 */
import { WebClient } from '@slack/web-api';
import { IncomingWebhook } from '@slack/webhook';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readable, SlackEmulator } from '../../../harness/emulators/slack/index';

let slack: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  slack = await SlackEmulator.start();
  client = new WebClient(SlackEmulator.TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => slack.close());
beforeEach(() => slack.reset());

/** Slack's error code of a failed call, or "ok". */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (err) {
    const data = (err as { data?: { error?: string } }).data;
    return data?.error ?? (err as Error).message;
  }
}

const section = (length: number) => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(length) } });

describe('Slack emulator, Web API', () => {
  it.each([
    ['text of 40,000 characters', { text: 'x'.repeat(40_000) }, 'ok'],
    ['text of 40,001 characters', { text: 'x'.repeat(40_001) }, 'msg_too_long'],
    ['section text of 3000', { text: 't', blocks: [section(3000)] }, 'ok'],
    ['section text of 3001', { text: 't', blocks: [section(3001)] }, 'invalid_blocks'],
    [
      'header of 151',
      { text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] },
      'invalid_blocks',
    ],
    [
      'mrkdwn header',
      { text: 't', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] },
      'invalid_blocks',
    ],
    [
      '51 blocks',
      { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
      'invalid_blocks',
    ],
    [
      '11 fields',
      {
        text: 't',
        blocks: [
          { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        ],
      },
      'invalid_blocks',
    ],
    [
      'a field of 2001',
      { text: 't', blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }] },
      'invalid_blocks',
    ],
    [
      'blocks inside an attachment',
      { text: 't', attachments: [{ color: '#000000', blocks: [section(3001)] }] },
      'invalid_blocks',
    ],
    [
      '101 attachments',
      { text: 't', attachments: Array.from({ length: 101 }, () => ({ text: 'a' })) },
      'too_many_attachments',
    ],
    ['nothing to show', {}, 'no_text'],
  ])('chat.postMessage with %s → %s', async (_what, message, expected) => {
    expect(await outcome(client.apiCall('chat.postMessage', { channel: '#deploys', ...message }))).toBe(
      expected,
    );
  });

  it('points at the offending element of invalid blocks', async () => {
    const error = await client
      .apiCall('chat.postMessage', { channel: '#deploys', text: 't', blocks: [section(1), section(3001)] })
      .catch((err: { data: { response_metadata: { messages: string[] } } }) => err.data);
    expect(error).toMatchObject({
      response_metadata: {
        messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]'],
      },
    });
  });

  it('checks the token and the channel', async () => {
    const stranger = new WebClient('xoxb-not-known', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
    });
    expect(await outcome(stranger.apiCall('chat.postMessage', { channel: '#deploys', text: 'x' }))).toBe(
      'invalid_auth',
    );
    const anonymous = new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    expect(await outcome(anonymous.apiCall('chat.postMessage', { channel: '#deploys', text: 'x' }))).toBe(
      'not_authed',
    );
    expect(await outcome(client.apiCall('chat.postMessage', { channel: '#nowhere', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(slack.messages).toEqual([]);
  });

  it('posts by name or ID, updates by ID only, and keeps the edit history and threads', async () => {
    const posted = await client.chat.postMessage({ channel: 'deploys', text: 'v1' });
    const ts = posted.ts ?? '';
    expect(posted.channel).toBe('C0DEPLOYS');
    expect(await outcome(client.apiCall('chat.update', { channel: '#deploys', ts, text: 'v2' }))).toBe(
      'channel_not_found',
    );
    expect(
      await outcome(client.apiCall('chat.update', { channel: 'C0DEPLOYS', ts: '1.000001', text: 'v2' })),
    ).toBe('message_not_found');
    await client.apiCall('chat.update', { channel: 'C0DEPLOYS', ts, text: 'v2' });
    await client.apiCall('chat.postMessage', { channel: 'C0DEPLOYS', thread_ts: ts, text: 'a reply' });
    const [message] = slack.channelMessages();
    expect(message?.text).toBe('v2');
    expect(message?.history.map((v) => v.text)).toEqual(['v1']);
    expect(slack.replies('C0DEPLOYS', ts).map((m) => m.text)).toEqual(['a reply']);
    expect(slack.renderConversation()).toBe(
      ['#deploys', '', `● ${ts} (edited 1×)`, '│ v2', '└─ thread, 1 reply:', '   ↳ a reply'].join('\n'),
    );
  });

  it('answers injected faults, with Retry-After on a 429', async () => {
    slack.inject({ status: 429, retryAfterSeconds: 7, endpoint: 'chat.postMessage' });
    slack.inject({ status: 503, times: 2 });
    const limited = new WebClient(SlackEmulator.TOKEN, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const rateLimited = await limited
      .apiCall('chat.postMessage', { channel: '#deploys', text: 'x' })
      .catch((e: unknown) => e);
    expect(rateLimited).toMatchObject({ retryAfter: 7 });
    const unavailable = await limited
      .apiCall('chat.update', { channel: 'C0DEPLOYS', ts: '1.1', text: 'x' })
      .catch((e: unknown) => e);
    expect(unavailable).toMatchObject({ statusCode: 503 });
    expect(slack.requests.map((r) => r.status)).toEqual([429, 503]);
  });

  it('records the mentions that would notify people', async () => {
    await client.apiCall('chat.postMessage', {
      channel: '#deploys',
      text: 'hey <!channel> and &lt;!here&gt;',
    });
    expect(slack.mentions()).toEqual(['<!channel>']);
  });

  it('renders links, dates and entities as a reader sees them', () => {
    expect(
      readable('<https://x.test/a|run #1> · <!date^1700000000^{time}|12:00> · a &lt;b&gt; &amp; c'),
    ).toBe('run #1 (https://x.test/a) · 12:00 · a <b> & c');
  });
});

describe('Slack emulator, incoming webhooks', () => {
  it('posts to the webhook channel and answers errors as plain text', async () => {
    const url = slack.createWebhook();
    await new IncomingWebhook(url).send({ text: 'from a webhook' });
    expect(slack.messages.map((m) => [m.channel, m.via, m.text])).toEqual([
      ['C0DEPLOYS', 'webhook', 'from a webhook'],
    ]);
    const failure = (send: Promise<unknown>) =>
      send.then(
        () => 'ok',
        (err: { statusCode?: number; body?: string }) => `${err.statusCode} ${err.body}`,
      );
    expect(await failure(new IncomingWebhook(`${url}x`).send('x'))).toBe('404 no_service');
    expect(await failure(new IncomingWebhook(url).send({ blocks: [section(3001)] } as never))).toBe(
      '400 invalid_blocks',
    );
    expect(await failure(new IncomingWebhook(url).send({}))).toBe('400 no_text');
    const bot = await outcome(
      client.apiCall('chat.update', { channel: 'C0DEPLOYS', ts: slack.messages[0]?.ts, text: 'x' }),
    );
    expect(bot).toBe('cant_update_message');
  });
});
