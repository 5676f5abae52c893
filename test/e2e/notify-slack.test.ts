import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../harness/emulators/slack/index';
import { type BundleResult, everythingVisible, runBundle } from '../../harness/helpers/runner';

const TOKEN = SlackEmulator.TOKEN;
/** The part of the token that identifies it: it must appear nowhere a person or a step can read. */
const TOKEN_CORE = 'emulator-bot-token';

let slack: SlackEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  slack = await SlackEmulator.start();
  env = { ROLLOUT_ACTIONS_SLACK_API_URL: slack.apiUrl };
});
afterAll(async () => slack.close());
beforeEach(() => slack.reset());

const SERVICE = { service: 'checkout', environment: 'production', revision: 'checkout-00042-abc' };
const asFields = (fields: Record<string, string | number>) => JSON.stringify(fields);

function notify(inputs: Record<string, string | number | undefined>): Promise<BundleResult> {
  return runBundle('notify-slack', { 'bot-token': TOKEN, ...inputs }, { env });
}

function expectNoSecret(result: BundleResult, secrets: string[]): void {
  const visible = everythingVisible(result);
  for (const secret of secrets) expect(visible).not.toContain(secret);
}

describe('notify-slack bundle, bot token', () => {
  it('posts a multi-line gate reason in fields, and canary-shift’s observed traffic as a split', async () => {
    const reason =
      'the prometheus API failed 3 polls in a row (HTTP 503:\nupstream connect error):\nno verdict';
    const observed =
      '[{"target":"checkout-00041","percent":90},{"target":"checkout-00042","percent":10,"tag":"canary"}]';
    const result = await notify({
      channel: '#deploys',
      status: 'progress',
      // As GitHub substitutes the outputs into the README's block of fields.
      fields: `service: checkout\ntraffic: ${observed}\nreason: ${reason}\nverdict: inconclusive\n`,
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([]);
    const conversation = slack.renderConversation();
    expect(conversation).toContain('Traffic: checkout-00041 90 % · checkout-00042 10 %');
    expect(conversation).toContain('upstream connect error');
    expect(conversation).toContain('no verdict');
    expect(conversation).toContain('Gate verdict: ⚠️ inconclusive');
  });

  it.each([
    [{ ts: 'not-a-ts' }, 'input "ts": "not-a-ts" is not a Slack message timestamp'],
    [{ status: 'exploded' }, 'input "status": "exploded" is not one of'],
    [
      { fields: 'just a sentence, no key' },
      'input "fields": line "just a sentence, no key" is not "key: value"',
    ],
    [{ timeout: 'soon' }, 'input "timeout": "soon" is not a duration'],
  ])('warns about %o and still posts; fails on it only with fail-on-error', async (bad, message) => {
    const inputs = { channel: '#deploys', status: 'started', fields: asFields(SERVICE), ...bad };
    const lenient = await notify(inputs);
    expect(lenient.exitCode).toBe(0);
    expect(lenient.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^notify-slack: ${escapeRegex(message)}.*its default is used \\(fail-on-error is false, so the step succeeds\\)$`,
        ),
      ),
    ]);
    expect(slack.messages).toHaveLength(1);
    const strict = await notify({ ...inputs, 'fail-on-error': 'true' });
    expect(strict.exitCode).toBe(1);
    expect(strict.errors[0]).toContain(`notify-slack: ${message}`);
    expect(slack.messages).toHaveLength(1);
  });

  it('without a destination warns that nothing was sent, passes its outputs through, and succeeds', async () => {
    const result = await runBundle(
      'notify-slack',
      { 'bot-token': '', channel: 'C0DEPLOYS', ts: '1795370813.000001', status: 'rolled-back' },
      { env },
    );
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      'notify-slack: input "bot-token": is required (with channel), unless webhook-url is given (for example: bot-token: ${{ secrets.SLACK_BOT_TOKEN }}); nothing was sent (fail-on-error is false, so the step succeeds)',
    ]);
    expect(result.outputs).toEqual({
      ts: '1795370813.000001',
      'thread-ts': '1795370813.000001',
      channel: 'C0DEPLOYS',
    });
    expect(slack.requests).toEqual([]);
  });

  it('bounds each request by the time left: a try started late gets only what remains of timeout', async () => {
    // The first answer (a 503) comes after 2.5 s of a 4 s timeout; the second try never gets one.
    slack.inject({ status: 503, delayMs: 2500, times: 1 });
    slack.inject({ status: 504, delayMs: 20_000, times: 5 });
    const result = await notify({ channel: '#deploys', status: 'started', timeout: '4s' });
    expect(result.exitCode).toBe(0);
    const budget = result.warnings[0]?.match(
      /no answer within (\d+\.\d) s, all that was left of the step's timeout/,
    );
    expect(budget, result.warnings.join('\n')).not.toBeNull();
    // What the code gave the second request, not a measured time: at most the 1.5 s left.
    expect(Number(budget?.[1])).toBeLessThanOrEqual(1.5);
  });

  it('keeps one message for a whole rollout: start → progress → rolled back, with a thread', async () => {
    const started = await notify({
      channel: '#deploys',
      status: 'started',
      fields: asFields({ ...SERVICE, traffic: 0 }),
    });
    expect(started.exitCode).toBe(0);
    expect(started.warnings).toEqual([]);
    const { ts, channel } = started.outputs;
    expect(ts).toMatch(/^\d+\.\d{6}$/);
    expect(started.outputs).toEqual({ ts, 'thread-ts': ts, channel: 'C0DEPLOYS' });

    for (const [traffic, verdict] of [
      [10, 'pass'],
      [50, 'fail'],
    ] as const) {
      const step = await notify({
        channel,
        ts,
        'thread-ts': started.outputs['thread-ts'],
        status: 'progress',
        fields: asFields({
          ...SERVICE,
          traffic,
          verdict,
          'candidate-error-rate': verdict === 'pass' ? 0.0042 : 0.081,
          'baseline-error-rate': 0.0031,
        }),
      });
      expect(step.exitCode).toBe(0);
      expect(step.outputs).toEqual({ ts, 'thread-ts': ts, channel: 'C0DEPLOYS' });
    }
    const rolledBack = await notify({
      channel,
      ts,
      status: 'rolled-back',
      fields: asFields({ ...SERVICE, traffic: 0, verdict: 'fail' }),
      details: 'Gate: candidate error rate 8.1 % against baseline 0.31 % after 1,200 requests.',
    });
    expect(rolledBack.exitCode).toBe(0);

    // One top-level message, edited three times, ending orange; four replies in its thread.
    const top = slack.channelMessages().filter((m) => m.threadTs === undefined);
    expect(top).toHaveLength(1);
    const message = top[0];
    expect(message?.ts).toBe(ts);
    expect(message?.history).toHaveLength(3);
    expect(message?.attachments?.[0]).toMatchObject({ color: '#E8912D' });
    const replies = slack.replies('C0DEPLOYS', ts ?? '');
    expect(replies).toHaveLength(3);
    expect(replies.at(-1)?.replyBroadcast).toBe(true); // the outcome is shown in the channel too

    const conversation = slack.renderConversation();
    expect(conversation).toContain('(edited 3×) [#E8912D]');
    expect(conversation).toContain('**⏪ Rolled back: checkout → production**');
    expect(conversation).toContain('Revision: `checkout-00042-abc`');
    expect(conversation).toContain('canary run #4242 (https://github.com/acme/shop/actions/runs/4242)');
    expect(conversation).toContain(
      'acme/shop@0123456 (https://github.com/acme/shop/commit/0123456789abcdef0123456789abcdef01234567)',
    );
    expect(conversation).toContain('└─ thread, 3 replies:');
    expect(conversation).toContain('verdict ✅ pass · errors 0.42 % vs 0.31 %');
    expect(conversation).toContain(
      'traffic ▰▰▰▰▰▱▱▱▱▱ 50 % to the candidate · verdict ❌ fail · errors 8.10 % vs 0.31 %',
    );
    expect(conversation).toContain('Gate: candidate error rate 8.1 % against baseline 0.31 %');
    expect(rolledBack.summary).toContain('### ⏪ Slack notification: Rolled back');
    expect(rolledBack.summary).toContain(
      `| bot token | C0DEPLOYS | ${ts} | ${ts} | updated the message (rolled-back), replied in the thread |`,
    );
    for (const result of [started, rolledBack]) expectNoSecret(result, [TOKEN, TOKEN_CORE]);
    // Each request named the action in its user agent.
    expect(slack.requests.every((r) => r.userAgent?.startsWith('rollout-actions/notify-slack'))).toBe(true);
  });

  it('waits out a 429 storm as Retry-After asks, then posts exactly once', async () => {
    slack.inject({ status: 429, retryAfterSeconds: 1, times: 2, endpoint: 'chat.postMessage' });
    const result = await notify({ channel: '#deploys', status: 'started', fields: asFields(SERVICE) });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([]);
    const tries = slack.requests.filter((r) => r.endpoint === 'chat.postMessage');
    expect(tries.map((r) => r.status)).toEqual([429, 429, 200]);
    // Each try came no sooner than the Retry-After second after the one before.
    for (let i = 1; i < tries.length; i++) {
      expect((tries[i]?.at ?? 0) - (tries[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(990);
    }
    expect(slack.channelMessages()).toHaveLength(1);
    expect(result.stdout).toContain('rate limited by Slack (Retry-After 1 s); waiting as asked before try 2');
  });

  it('gives up on an endless 429 storm within its tries and timeout, with a warning and exit 0', async () => {
    slack.inject({ status: 429, retryAfterSeconds: 1, times: 1000 });
    const result = await notify({
      channel: 'C0DEPLOYS',
      ts: '1700000000.000100',
      'thread-ts': '1700000000.000100',
      status: 'progress',
      timeout: '2500ms',
    });
    expect(result.exitCode).toBe(0);
    const tries = slack.requests.filter((r) => r.endpoint === 'chat.update');
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(tries.length).toBeLessThanOrEqual(3);
    expect(result.durationMs).toBeLessThan(6000);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^notify-slack: the Slack notification was not sent: rate limited by Slack \(Retry-After 1 s\).* \(fail-on-error is false, so the step succeeds\)$/,
    );
    // The outputs stay as they came in, so the next step can still update the message.
    expect(result.outputs).toEqual({
      ts: '1700000000.000100',
      'thread-ts': '1700000000.000100',
      channel: 'C0DEPLOYS',
    });
  });

  it('does not wait at all when Retry-After is beyond the timeout', async () => {
    slack.inject({ status: 429, retryAfterSeconds: 120, times: 5 });
    const result = await notify({ channel: '#deploys', status: 'started' });
    expect(result.exitCode).toBe(0);
    expect(slack.requests).toHaveLength(1);
    expect(result.durationMs).toBeLessThan(5000);
    expect(result.warnings[0]).toContain('Retry-After 120 s');
  });

  it('gives up on a Slack that does not answer within the timeout', async () => {
    slack.inject({ status: 504, delayMs: 20_000, times: 5 });
    const result = await notify({ channel: '#deploys', status: 'started', timeout: '1500ms' });
    expect(result.exitCode).toBe(0);
    expect(result.durationMs).toBeLessThan(6000);
    expect(result.warnings[0]).toMatch(
      /^notify-slack: the Slack notification was not sent: could not reach Slack: timeout/,
    );
  });

  it('stops waiting out a Retry-After at once when the run is cancelled', async () => {
    slack.inject({ status: 429, retryAfterSeconds: 30, times: 5 });
    const result = await runBundle(
      'notify-slack',
      { 'bot-token': TOKEN, channel: '#deploys', status: 'started' },
      { env, onStart: (child) => setTimeout(() => child.kill('SIGTERM'), 1500) },
    );
    expect(result.durationMs).toBeLessThan(10_000);
    expect(result.errors.at(-1)).toBe('notify-slack: cancelled by SIGTERM');
    expect(slack.requests).toHaveLength(1);
    expect(slack.messages).toEqual([]);
  });

  it('retries 5xx answers with backoff', async () => {
    slack.inject({ status: 503, times: 2, endpoint: 'chat.postMessage' });
    const result = await notify({ channel: '#deploys', status: 'started' });
    expect(result.exitCode).toBe(0);
    expect(slack.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(result.stdout).toMatch(
      /chat.postMessage: try 1 failed \(Slack refused the request \(HTTP 503\)\); retrying/,
    );
  });

  it('warns clearly about an invalid token and exits 0', async () => {
    const wrong = 'xoxb-1111111111-revoked-token-value';
    const result = await runBundle(
      'notify-slack',
      { 'bot-token': wrong, channel: '#deploys', status: 'started', fields: asFields(SERVICE) },
      { env },
    );
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      'notify-slack: the Slack notification was not sent: Slack refused the bot token; check the secret given as bot-token (invalid_auth) (fail-on-error is false, so the step succeeds)',
    ]);
    expect(slack.requests.map((r) => r.error)).toEqual(['invalid_auth']); // not retried
    expect(result.masks).toContain(wrong);
    expectNoSecret(result, [wrong, 'revoked-token-value']);
  });

  it('fails the step on an invalid token when fail-on-error is true', async () => {
    const result = await runBundle(
      'notify-slack',
      {
        'bot-token': 'xoxb-1111111111-revoked-token-value',
        channel: '#deploys',
        status: 'failed',
        'fail-on-error': true,
      },
      { env },
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      'notify-slack: the Slack notification was not sent: Slack refused the bot token; check the secret given as bot-token (invalid_auth)',
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expectNoSecret(result, ['revoked-token-value']);
  });

  it('escapes every user-controlled field so no mention can be injected', async () => {
    const attack = '<!channel> <!here|here> <@U024BE7LH> <!subteam^S012345> & <https://evil.example|click>';
    const started = await notify({
      channel: '#deploys',
      status: 'started',
      title: `deploy ${attack}`,
      fields: asFields({
        ...SERVICE,
        revision: `r1 ${attack}`,
        traffic: attack,
        verdict: attack,
        'owner <!everyone>': attack,
      }),
      details: attack,
    });
    expect(started.exitCode).toBe(0);
    const text = await notify({ channel: '#deploys', status: 'succeeded', text: `done ${attack}` });
    expect(text.exitCode).toBe(0);
    expect(slack.messages).toHaveLength(3);
    expect(slack.mentions()).toEqual([]);
    // A reader sees the characters as typed, not a mention or a link.
    const conversation = slack.renderConversation();
    expect(conversation).toContain('**🚀 Rollout started: deploy <!channel> <!here|here>');
    expect(conversation).toContain('Owner <!everyone>: <!channel>');
    expect(conversation).toContain(
      'done <!channel> <!here|here> <@U024BE7LH> <!subteam^S012345> & <https://evil.example|click>',
    );
    expect(conversation).not.toContain('click (https://evil.example)');
  });

  it('never fails on length: long values are cut with a marker within every limit', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 35 }, (_, i) => [`extra-${i}`, `value ${i} ${'y'.repeat(3000)}`]),
    );
    const result = await notify({
      channel: '#deploys',
      status: 'failed',
      title: 'T'.repeat(500),
      fields: asFields({ ...SERVICE, ...many }),
      // Escaped, each & takes five characters: more than 49 sections of 3000 can hold.
      details: `${'a long log line\n'.repeat(3000)}${'&'.repeat(25_000)}`,
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([]);
    expect(slack.requests.map((r) => r.status)).toEqual([200, 200]);
    const [message, reply] = slack.messages;
    const header = JSON.stringify(message?.attachments);
    expect(header).toContain('… (truncated)');
    expect(JSON.stringify(reply?.blocks)).toContain('… (truncated)');
    expect((reply?.blocks ?? []).length).toBe(50);
    // No piece ends in half an entity, which Slack would show as garbage.
    for (const block of (reply?.blocks ?? []) as { text: { text: string } }[]) {
      expect(block.text.text.replace(/… \(truncated\)$/, '')).not.toMatch(/&[a-z]{0,3}$/);
    }
  });

  it('still succeeds when the runner offers no job summary', async () => {
    const result = await runBundle(
      'notify-slack',
      { 'bot-token': TOKEN, channel: '#deploys', status: 'succeeded' },
      { env: { ...env, GITHUB_STEP_SUMMARY: undefined } },
    );
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^notify-slack: could not write the job summary/);
    expect(slack.messages).toHaveLength(1);
    expect(result.outputs.ts).toBe(slack.messages[0]?.ts);
  });

  it('posts a new message when the one to update is gone', async () => {
    const result = await notify({ channel: 'C0DEPLOYS', ts: '1700000000.999999', status: 'succeeded' });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      'notify-slack: the message 1700000000.999999 no longer exists; posting a new one',
    ]);
    expect(result.outputs.ts).toMatch(/^\d+\.\d{6}$/);
    expect(result.outputs.ts).not.toBe('1700000000.999999');
    expect(slack.channelMessages()).toHaveLength(1);
  });

  it('sends a custom payload as given, within the limits', async () => {
    const payload = {
      text: 'Deployed <https://example.com|checkout>',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*Deployed* ${'z'.repeat(4000)}` } }],
    };
    const result = await notify({
      channel: '#deploys',
      status: 'succeeded',
      payload: JSON.stringify(payload),
    });
    expect(result.exitCode).toBe(0);
    const [message] = slack.messages;
    expect(message?.text).toBe(payload.text);
    const [block] = (message?.blocks ?? []) as { text: { text: string } }[];
    const text = block?.text.text ?? '';
    expect(text.length).toBe(3000);
    expect(text.endsWith('… (truncated)')).toBe(true);
  });

  it.each([
    [{}, 'input "bot-token": is required (with channel), unless webhook-url is given'],
    [{ 'bot-token': TOKEN, status: 'started' }, 'input "channel": is required with bot-token'],
    [
      { 'bot-token': TOKEN, channel: '#deploys', status: 'shipped' },
      'input "status": "shipped" is not one of started, progress, succeeded, failed, rolled-back',
    ],
    [
      { 'bot-token': TOKEN, channel: '#deploys', status: 'progress', ts: 'yesterday' },
      'input "ts": "yesterday" is not a Slack message timestamp',
    ],
    [
      { 'bot-token': TOKEN, channel: '#deploys', status: 'started', text: 'a', payload: '{text: b}' },
      'input "payload": give either text or payload, not both',
    ],
    [
      { 'bot-token': 'not-a-token-secret', channel: '#deploys', status: 'started' },
      'input "bot-token": does not look like a Slack token',
    ],
  ])('with fail-on-error, rejects bad input %o before any call to Slack', async (inputs, message) => {
    const result = await runBundle('notify-slack', { ...inputs, 'fail-on-error': 'true' }, { env });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.startsWith(`notify-slack: ${message}`)).toBe(true);
    expect(result.errors[0]).toContain('for example');
    expect(result.stderr).toBe('');
    expect(slack.requests).toEqual([]);
    expectNoSecret(result, ['not-a-token-secret', TOKEN_CORE]);
  });
});

describe('notify-slack bundle, incoming webhook', () => {
  it('posts the layout with the details in the message, and no ts', async () => {
    const url = slack.createWebhook();
    const result = await runBundle(
      'notify-slack',
      {
        'webhook-url': url,
        status: 'succeeded',
        fields: asFields({ ...SERVICE, traffic: 100 }),
        details: 'Promoted.',
      },
      { env },
    );
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({ ts: '', 'thread-ts': '', channel: '' });
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]?.via).toBe('webhook');
    const conversation = slack.renderConversation();
    expect(conversation).toContain('(webhook) [#2EB886]');
    expect(conversation).toContain('Promoted.');
    expect(result.masks).toContain(url);
    expectNoSecret(result, [url, new URL(url).pathname]);
  });

  it('honours Retry-After on a webhook 429', async () => {
    const url = slack.createWebhook();
    slack.inject({ status: 429, retryAfterSeconds: 1, times: 1, endpoint: 'webhook' });
    const result = await runBundle('notify-slack', { 'webhook-url': url, status: 'started' }, { env });
    expect(result.exitCode).toBe(0);
    expect(slack.requests.map((r) => r.status)).toEqual([429, 200]);
    expect((slack.requests[1]?.at ?? 0) - (slack.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('keeps the webhook URL out of errors, even when the HTTP client puts it in its own message', async () => {
    // fetch refuses a URL with credentials and names the whole URL in its error message.
    const url = slack
      .createWebhook('C0DEPLOYS', 'Cr3dSecretPath9')
      .replace('http://', 'http://hook:pw9secret@');
    const direct = await fetch(url, { method: 'POST' }).catch((err: Error) => err.message);
    expect(direct).toContain(url); // the client's own message carries the secret…
    const result = await runBundle('notify-slack', { 'webhook-url': url, status: 'failed' }, { env });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^notify-slack: the Slack notification was not sent: could not reach Slack/,
    );
    expectNoSecret(result, [url, 'Cr3dSecretPath9', 'pw9secret']); // …ours does not
  });

  it('explains an unknown webhook without showing it', async () => {
    const url = `${slack.createWebhook()}Gone`;
    const result = await runBundle('notify-slack', { 'webhook-url': url, status: 'started' }, { env });
    expect(result.exitCode).toBe(0);
    expect(result.warnings[0]).toContain(
      'the webhook URL is not (or no longer) valid (no_service) (HTTP 404)',
    );
    expectNoSecret(result, [url, new URL(url).pathname]);
  });

  it('warns that a webhook cannot update, and posts', async () => {
    const url = slack.createWebhook();
    const result = await runBundle(
      'notify-slack',
      { 'webhook-url': url, status: 'progress', ts: '1700000000.000001' },
      { env },
    );
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      'notify-slack: an incoming webhook cannot update message 1700000000.000001 or reply in its thread; posting a new message',
    ]);
    expect(slack.messages).toHaveLength(1);
  });

  it('never shows a malformed webhook URL in its input error', async () => {
    const result = await runBundle('notify-slack', {
      'webhook-url': 'hooks.slack.com/services/T0/B0/s3cretPart',
      status: 'started',
      'fail-on-error': 'true',
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toMatch(
      /^notify-slack: input "webhook-url": is not an absolute URL \(its value is not shown/,
    );
    expectNoSecret(result, ['s3cretPart']);
  });
});

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
