import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkMessage } from '../../../harness/emulators/slack/limits';
import { InputError } from '../../../shared/errors';
import {
  formatRate,
  formatTraffic,
  formatVerdict,
  parseFields,
  parseTraffic,
} from '../../../shared/slack/fields';
import { clip, escapeText, fitBlocks, SLACK_LIMITS, splitText } from '../../../shared/slack/limits';
import {
  buildRolloutMessage,
  buildTextMessage,
  buildThreadReply,
  fitPayload,
  runLinks,
  STATUSES,
} from '../../../shared/slack/message';

const AT = new Date('2026-11-22T18:00:00Z');
const LINKS = runLinks({
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '4242',
  GITHUB_SHA: '0123456789abcdef',
  GITHUB_WORKFLOW: 'canary',
});

describe('escapeText and clip', () => {
  it('escapes the three control characters and nothing else', () => {
    expect(escapeText('<!channel> & <@U1> *bold*')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; *bold*');
  });

  it('keeps short text, and cuts long text to the limit with a marker', () => {
    expect(clip('short', 10)).toBe('short');
    const cut = clip('x'.repeat(100), 40);
    expect(cut).toHaveLength(40);
    expect(cut.endsWith('… (truncated)')).toBe(true);
  });

  it('never leaves half an entity or half a surrogate pair at the cut', () => {
    const entities = escapeText('&'.repeat(100));
    for (let max = 20; max < 40; max++) {
      expect(clip(entities, max).replace('… (truncated)', '')).toMatch(/^(&amp;)*$/);
    }
    const emoji = '🚀'.repeat(50);
    for (let max = 20; max < 30; max++) {
      const kept = clip(emoji, max).replace('… (truncated)', '');
      expect(kept).toMatch(/^(🚀)*$/u);
    }
  });

  it('splits long text on line breaks into at most n pieces, the last one marked when cut', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const pieces = splitText(text, 100, 3);
    expect(pieces).toHaveLength(3);
    expect(pieces.every((p) => p.length <= 100)).toBe(true);
    expect(pieces[0]?.endsWith('\n')).toBe(true);
    expect(pieces[2]?.endsWith('… (truncated)')).toBe(true);
    expect(splitText('short', 100, 3)).toEqual(['short']);
  });
});

describe('fields', () => {
  it('reads a YAML/JSON map with normalised keys, keeping its order', () => {
    const fields = parseFields(
      '{Service: checkout, candidate_error_rate: 0.01, Traffic: 10, extra: {a: 1}}',
      'fields',
      parse,
    );
    expect([...fields]).toEqual([
      ['service', 'checkout'],
      ['candidate-error-rate', '0.01'],
      ['traffic', '10'],
      ['extra', '{"a":1}'],
    ]);
  });

  it('falls back to "key: value" lines when an interpolated value breaks YAML', () => {
    const fields = parseFields('service: checkout\nreason: "bad: quote\nverdict: fail', 'fields', parse);
    expect(fields.get('reason')).toBe('"bad: quote');
    expect(fields.get('verdict')).toBe('fail');
  });

  it('reads a multi-line value (a gate reason) until the next line that starts with a key', () => {
    const reason =
      'candidate 8.10 % vs baseline 0.31 %.\nTraffic restored to checkout-00041.\n  (sequential test)';
    const fields = parseFields(`service: checkout\nreason: ${reason}\nverdict: fail`, 'fields', parse);
    expect([...fields]).toEqual([
      ['service', 'checkout'],
      ['reason', reason],
      ['verdict', 'fail'],
    ]);
  });

  it('names the input for text that is neither', () => {
    expect(() => parseFields('[oops', 'fields', parse)).toThrow(InputError);
    expect(() => parseFields('[oops', 'fields', parse)).toThrow(
      /input "fields": line "\[oops" is not "key: value"/,
    );
  });

  it('formats rates, traffic and verdicts for a reader', () => {
    expect(formatRate('0.0042')).toBe('0.42 %');
    expect(formatRate('0')).toBe('0 %');
    expect(formatRate('0.00004')).toBe('0.004 %');
    expect(formatRate('3.5%')).toBe('3.5%');
    expect(formatTraffic('10')).toBe('▰▱▱▱▱▱▱▱▱▱ 10 % to the candidate');
    expect(formatTraffic('{"checkout-00041": 90, "checkout-00042": 10}')).toBe(
      'checkout-00041 90 % · checkout-00042 10 %',
    );
    expect(parseTraffic('[{"revision": "a", "percent": 75}, {"revision": "b", "percent": 25}]')).toEqual([
      { name: 'a', percent: 75 },
      { name: 'b', percent: 25 },
    ]);
    expect(formatTraffic('canary 5 %')).toBe('canary 5 %');
    // canary-shift's and rollback's observed-traffic, and canary-shift's rollback-target.
    expect(
      formatTraffic(
        '[{"target":"checkout-00041","percent":90},{"target":"checkout-00042","percent":10,"tag":"canary"}]',
      ),
    ).toBe('checkout-00041 90 % · checkout-00042 10 %');
    expect(
      formatTraffic(
        '{"v":1,"provider":"cloud-run","resource":{"service":"checkout"},"traffic":[{"target":"checkout-00041","percent":100}],"capturedAt":"2026-01-01T00:00:00.000Z"}',
      ),
    ).toBe('checkout-00041 100 %');
    expect(formatVerdict('pass')).toBe('✅ pass');
    expect(formatVerdict('inconclusive')).toBe('⚠️ inconclusive');
  });
});

describe('the rollout layout', () => {
  const fields = parseFields(
    '{service: checkout, environment: production, revision: checkout-00042-abc, traffic: 10, verdict: pass, candidate-error-rate: 0.0042, baseline-error-rate: 0.0031, region: europe-west1}',
    'fields',
    parse,
  );

  it.each(STATUSES)('builds a %s message that Slack accepts', (status) => {
    const message = buildRolloutMessage({ status, fields, links: LINKS, at: AT });
    expect(checkMessage(message)).toBeUndefined();
    expect(message.attachments).toHaveLength(1);
  });

  it('shows each fact, the run and the commit', () => {
    const message = buildRolloutMessage({ status: 'progress', fields, links: LINKS, at: AT });
    const json = JSON.stringify(message);
    for (const part of [
      '🔄 Rollout in progress: checkout → production',
      '*Revision*\\n`checkout-00042-abc`',
      '*Traffic*\\n▰▱▱▱▱▱▱▱▱▱ 10 % to the candidate',
      '*Gate verdict*\\n✅ pass',
      '*Error rate*\\ncandidate 0.42 % · baseline 0.31 %',
      '*Region*\\neurope-west1',
      '<https://github.com/acme/shop/actions/runs/4242|canary run #4242>',
      '<https://github.com/acme/shop/commit/0123456789abcdef|acme/shop@0123456>',
      '<!date^1795370400^',
    ]) {
      expect(json).toContain(part);
    }
    expect(message.text).toBe(
      '🔄 Rollout in progress: checkout → production (traffic ▰▱▱▱▱▱▱▱▱▱ 10 % to the candidate · verdict ✅ pass · errors 0.42 % vs 0.31 %)',
    );
  });

  it('keeps to every limit whatever the input, with a marker where it cut', () => {
    const huge = new Map<string, string>([['service', '<'.repeat(5000)]]);
    for (let i = 0; i < 40; i++) huge.set(`extra-${i}`, 'v'.repeat(3000));
    const message = buildRolloutMessage({
      status: 'failed',
      title: '&'.repeat(1000),
      fields: huge,
      links: LINKS,
      at: AT,
      details: 'd'.repeat(50_000),
    });
    expect(checkMessage(message)).toBeUndefined();
    expect(JSON.stringify(message)).toContain('… (truncated)');
    const reply = buildThreadReply({ status: 'failed', fields: huge, details: '<>'.repeat(100_000), at: AT });
    expect(checkMessage(reply)).toBeUndefined();
    expect(reply.blocks).toHaveLength(SLACK_LIMITS.blocksPerMessage);
    expect(checkMessage(buildTextMessage('x'.repeat(50_000)))).toBeUndefined();
  });

  it('escapes the links too, so a crafted repository name cannot open a mention', () => {
    const links = runLinks({ GITHUB_REPOSITORY: 'acme/<!channel>|x', GITHUB_RUN_ID: '1', GITHUB_SHA: 'abc' });
    const json = JSON.stringify(buildRolloutMessage({ status: 'started', fields: new Map(), links, at: AT }));
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt;');
  });

  it('fits a custom payload without touching what is within the limits', () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'fine <!here>' } },
      ...Array.from({ length: 60 }, () => ({ type: 'divider' })),
    ];
    const fitted = fitPayload({ text: 'custom', blocks, username: 'deploy-bot' });
    expect(fitted.username).toBe('deploy-bot');
    expect(fitted.blocks?.[0]).toEqual(blocks[0]);
    expect(fitted.blocks).toHaveLength(50);
    expect(JSON.stringify(fitted.blocks?.at(-1))).toContain('12 more block(s) not shown (truncated)');
    expect(checkMessage(fitted)).toBeUndefined();
  });

  it('caps fields and context elements of unknown origin', () => {
    const [section, context] = fitBlocks([
      {
        type: 'section',
        fields: Array.from({ length: 15 }, () => ({ type: 'mrkdwn', text: 'f'.repeat(2500) })),
      },
      { type: 'context', elements: Array.from({ length: 12 }, () => ({ type: 'mrkdwn', text: 'c' })) },
    ]);
    expect(section?.fields).toHaveLength(10);
    expect(context?.elements).toHaveLength(10);
    expect(checkMessage({ blocks: [section, context] })).toBeUndefined();
  });
});
