import { describe, expect, it } from 'vitest';
import { API_URL_VARIABLE, INPUTS, OUTPUTS, readSettings } from '../../../actions/notify-slack/src/inputs';
import { InputError } from '../../../shared/errors';
import { fakeCore } from '../../helpers/fake-core';
import { declaredNames } from '../../helpers/metadata';

const TOKEN = 'xoxb-1234-5678-abcdefSECRET';

describe('notify-slack inputs', () => {
  it('names the same inputs and outputs as action.yml', () => {
    const declared = declaredNames('notify-slack');
    expect(Object.values(INPUTS).sort()).toEqual(declared.inputs);
    expect(Object.values(OUTPUTS).sort()).toEqual(declared.outputs);
  });

  it('reads a bot-token step with its defaults, masking the token', async () => {
    const core = fakeCore({
      'bot-token': TOKEN,
      channel: '#deploys',
      status: 'Progress',
      ts: '1700000000.123456',
    });
    const settings = await readSettings(core, { [API_URL_VARIABLE]: 'http://127.0.0.1:1234/api/' });
    expect(settings).toMatchObject({
      destination: { kind: 'bot', token: TOKEN, channel: '#deploys', apiUrl: 'http://127.0.0.1:1234/api/' },
      status: 'progress',
      content: { kind: 'layout' },
      ts: '1700000000.123456',
      failOnError: false,
      timeoutMs: 60_000,
    });
    expect(core.secrets).toContain(TOKEN);
  });

  it('masks the webhook URL, its normalised form and its path', async () => {
    const url = 'HTTPS://Hooks.Slack.com/services/T000/B000/XXXXsecret';
    const core = fakeCore({ 'webhook-url': url, status: 'started' });
    const settings = await readSettings(core, {});
    expect(settings.destination).toEqual({ kind: 'webhook', url });
    for (const form of [
      url,
      'https://hooks.slack.com/services/T000/B000/XXXXsecret',
      '/services/T000/B000/XXXXsecret',
    ]) {
      expect(core.secrets).toContain(form);
    }
  });

  it.each([
    [{ status: 'started' }, 'input "bot-token": is required (with channel), unless webhook-url is given'],
    [
      { 'bot-token': TOKEN, 'webhook-url': 'https://hooks.slack.com/x', status: 'started' },
      'input "webhook-url": give either',
    ],
    [{ 'bot-token': TOKEN, status: 'started' }, 'input "channel": is required with bot-token'],
    [
      { 'webhook-url': 'ftp://hooks.example/x', status: 'started' },
      'input "webhook-url": scheme "ftp:" is not https',
    ],
  ])('rejects %o: without a destination nothing can be sent', async (inputs, message) => {
    const error = await readSettings(fakeCore(inputs), {}).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(message);
  });

  it.each([
    [{ status: 'done' }, 'input "status": "done" is not one of', { status: 'progress' }],
    [{ 'thread-ts': '12' }, 'input "thread-ts": "12" is not a Slack message timestamp', {}],
    [{ payload: '[1, 2]' }, 'input "payload": must be an object', { content: { kind: 'layout' } }],
    [
      { payload: '{username: x}' },
      'input "payload": has none of text, blocks or attachments',
      { content: { kind: 'layout' } },
    ],
    [{ timeout: 'soon' }, 'input "timeout": "soon" is not a duration', { timeoutMs: 60_000 }],
    [{ fields: '[oops' }, 'input "fields": line "[oops" is not "key: value"', {}],
  ])('%o: fails with fail-on-error, else warns and uses the default', async (bad, message, fallback) => {
    const base = { 'bot-token': TOKEN, channel: 'C1', status: 'started' };
    const strict = await readSettings(fakeCore({ ...base, ...bad, 'fail-on-error': 'true' }), {}).catch(
      (err: unknown) => err,
    );
    expect(strict).toBeInstanceOf(InputError);
    expect((strict as Error).message).toContain(message);
    const lenient = await readSettings(fakeCore({ ...base, ...bad }), {});
    expect(lenient.problems).toHaveLength(1);
    expect(lenient.problems[0]).toContain(message);
    expect(lenient).toMatchObject(fallback);
  });

  it('reads a fail-on-error that is not a boolean as false, and says so', async () => {
    const settings = await readSettings(
      fakeCore({ 'bot-token': TOKEN, channel: 'C1', status: 'started', 'fail-on-error': 'maybe' }),
      {},
    );
    expect(settings.failOnError).toBe(false);
    expect(settings.problems).toEqual([
      expect.stringContaining('input "fail-on-error": "maybe" is not a boolean'),
    ]);
  });

  it('reads fields and payload as YAML or JSON', async () => {
    const base = { 'bot-token': TOKEN, channel: 'C1', status: 'started' };
    const settings = await readSettings(fakeCore({ ...base, fields: 'service: checkout\ntraffic: 10' }), {});
    expect([...settings.fields]).toEqual([
      ['service', 'checkout'],
      ['traffic', '10'],
    ]);
    const custom = await readSettings(fakeCore({ ...base, payload: '{"text": "hi"}' }), {});
    expect(custom.content).toEqual({ kind: 'payload', payload: { text: 'hi' } });
  });

  it('never puts the token or the webhook URL in an input error', async () => {
    const cases: Record<string, string>[] = [
      { 'bot-token': 'not-a-slack-SECRET', channel: 'C1', status: 'started' },
      { 'webhook-url': 'hooks.slack.com/services/T0/B0/SECRET', status: 'started' },
    ];
    for (const inputs of cases) {
      const error = await readSettings(fakeCore(inputs), {}).then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error?.message).not.toContain('SECRET');
    }
  });
});
