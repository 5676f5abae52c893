import { describe, expect, it } from 'vitest';
import { ActionError, errorMessage, InputError } from '../../../shared/errors';
import { derivedForms, maskSecret, redact, withoutUserinfo } from '../../../shared/mask';
import { runAction } from '../../../shared/run';
import {
  capSummary,
  cell,
  code,
  heading,
  lineChart,
  pieChart,
  SUMMARY_LIMIT_BYTES,
  table,
  text,
} from '../../../shared/summary';
import { fakeCore } from '../../helpers/fake-core';

describe('masking', () => {
  it('masks the secret and every encoded form the code may derive from it', () => {
    const secret = 'p@ss w/rd+é';
    const forms = derivedForms(secret);
    expect(forms).toContain(secret);
    expect(forms).toContain(encodeURIComponent(secret));
    expect(forms).toContain(Buffer.from(secret).toString('base64'));
    expect(forms).toContain(Buffer.from(secret).toString('base64url'));
  });

  it('masks the password and query of a URL', () => {
    const core = fakeCore();
    maskSecret(core, 'postgres://app:s3cr%40t@db:5432/shop');
    expect(core.secrets).toContain('s3cr%40t');
    expect(core.secrets).toContain('s3cr@t');
    const webhook = derivedForms('https://hooks.slack.com/services/T000/B000/XXXXSECRET');
    expect(webhook).toContain('/services/T000/B000/XXXXSECRET');
  });

  it.each([
    ['Bearer ghs_abcdefghijklmnop', ['ghs_abcdefghijklmnop']],
    ['bearer  ghs_abcdefghijklmnop ', ['ghs_abcdefghijklmnop']],
    ['token ghp_0123456789abcdef', ['ghp_0123456789abcdef']],
    ['Bot xoxb-1234-5678-abcdef', ['xoxb-1234-5678-abcdef']],
    [
      `Basic ${Buffer.from('deploy:hunter2-horse').toString('base64')}`,
      ['deploy:hunter2-horse', 'hunter2-horse'],
    ],
    [
      'Digest username="ops", realm="api", nonce="dcd98b7102dd2f0e", response="6629fae49393a05397450978507c4ef1"',
      ['dcd98b7102dd2f0e', '6629fae49393a05397450978507c4ef1'],
    ],
    [
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
      [
        '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
        'AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request',
      ],
    ],
  ])('masks the credential of an auth header value %s, and its encoded forms', (value, credentials) => {
    const forms = derivedForms(value);
    for (const credential of credentials) {
      expect(forms).toContain(credential);
      expect(forms).toContain(Buffer.from(credential).toString('base64'));
      expect(forms).toContain(encodeURIComponent(credential));
    }
    // Short parameters (realm="api", SignedHeaders=host) are not secrets worth hiding everywhere.
    expect(forms).not.toContain('api');
    expect(forms).not.toContain('host');
  });

  it('leaves header values without an auth scheme whole', () => {
    expect(derivedForms('application/json; charset=utf-8')).not.toContain('charset=utf-8');
  });

  it('redacts the bare token a server echoes, e.g. into a gate reason or a Slack field', () => {
    const token = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
    const reason = `metrics API said: invalid token ${token} (${Buffer.from(token).toString('base64')})`;
    expect(redact(reason, [`Bearer ${token}`])).toBe('metrics API said: invalid token *** (***)');
  });

  it('quotes a URL without whatever could be its credentials, even when it does not parse', () => {
    expect(withoutUserinfo('https://deploy:hunter2@exa mple.com/x')).toBe('https://***@exa mple.com/x');
    expect(withoutUserinfo('deploy:hunter2@example.com')).toBe('***@example.com');
    expect(withoutUserinfo('https://a:b/c@d:e@host:99999')).toBe('https://***@host:99999');
    expect(withoutUserinfo('https://example.com/path')).toBe('https://example.com/path');
  });

  it('redacts derived forms in text that the runner will not mask', () => {
    const text = `token=${encodeURIComponent('a b&c')} raw=a b&c`;
    expect(redact(text, ['a b&c'])).toBe('token=*** raw=***');
  });
});

describe('errors', () => {
  it('turns anything thrown into a message', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage({ code: 7 })).toBe('{"code":7}');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('fails the step with the action name as prefix, for Error and non-Error throws alike', async () => {
    for (const thrown of [
      new ActionError('no route'),
      'a string',
      { weird: true },
      new InputError('percent', 'is required', '10'),
    ]) {
      const core = fakeCore();
      await runAction('canary-shift', async () => Promise.reject(thrown), { core, handleSignals: false });
      expect(core.failures).toHaveLength(1);
      expect(core.failures[0]).toMatch(/^canary-shift: /);
    }
    process.exitCode = 0;
  });

  it('reports the last known state when interrupted', async () => {
    const core = fakeCore();
    await runAction(
      'rollback',
      async (ctx) => {
        ctx.onInterrupt(() => core.setOutput('observed-traffic', '{"a":100}'));
        throw new ActionError('timed out');
      },
      { core, handleSignals: false },
    );
    expect(core.outputs['observed-traffic']).toBe('{"a":100}');
    process.exitCode = 0;
  });
});

describe('runAction', () => {
  it('on SIGTERM stops new work, reports the last known state and fails as cancelled', async () => {
    const core = fakeCore();
    let reported = false;
    const running = runAction(
      'canary-shift',
      async (ctx) => {
        ctx.onInterrupt(() => {
          reported = true;
        });
        await ctx.clock.sleep(60_000, ctx.signal);
        throw new Error('the sleep should have been cut short');
      },
      { core },
    );
    process.emit('SIGTERM', 'SIGTERM');
    await running;
    expect(reported).toBe(true);
    expect(core.failures).toEqual(['canary-shift: cancelled by SIGTERM']);
    expect(
      core.logs.some((l) => l.level === 'warning' && l.message.includes('no new changes will start')),
    ).toBe(true);
    expect(process.listenerCount('SIGTERM')).toBe(0);
    process.exitCode = 0;
  });

  it('prints a stack trace for unexpected errors only with debug logging on', async () => {
    for (const debug of [false, true]) {
      const core = fakeCore();
      core.isDebug = () => debug;
      await runAction('rollback', async () => Promise.reject(new TypeError('x is undefined')), {
        core,
        handleSignals: false,
      });
      expect(
        core.logs.some(
          (l) => l.level === 'debug' && l.message.includes('TypeError: x is undefined\n    at '),
        ),
      ).toBe(debug);
    }
    process.exitCode = 0;
  });
});

describe('summary', () => {
  it('escapes table cells', () => {
    expect(cell('a|b<script>\nc')).toBe('a\\|b&lt;script&gt;<br>c');
  });

  it('shows text that is not ours as typed: no link, image, HTML, emphasis, heading or fence', () => {
    expect(text('[x](https://evil) ![i](y) </details> *b* _i_ ~s~ `c` \\')).toBe(
      '\\[x\\](https://evil) \\!\\[i\\](y) &lt;/details&gt; \\*b\\* \\_i\\_ \\~s\\~ \\`c\\` \\\\',
    );
    expect(text('# title')).toBe('\\# title');
    expect(text('- item')).toBe('\\- item');
    expect(text('1. item')).toBe('1\\. item');
    expect(text('---')).toBe('\\---');
    expect(heading('✅ Backup of [shop](https://evil) verified\n# x')).toBe(
      '### ✅ Backup of \\[shop\\](https://evil) verified \\# x',
    );
    // Not at a line start that Markdown reads: left as typed.
    expect(text('1796091648.000006 -x 3.5')).toBe('1796091648.000006 -x 3.5');
    expect(text('a\n```\nb')).toBe('a<br>\\`\\`\\`<br>b');
    expect(code('sha`with``ticks|pipe')).toBe('```sha`with``ticks\\|pipe```');
    expect(code('`edge')).toBe('`` `edge ``');
  });

  it('caps a summary on a line, closing what the cut left open, and says where the rest is', () => {
    const big = `### Title\n<details><summary>more</summary>\n\n\`\`\`mermaid\n${'row\n'.repeat(50_000)}`;
    const capped = capSummary(big, 'See the report.', 10_000);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(10_000);
    expect(capped).toMatch(
      /row\n```\n<\/details>\n\n> ✂️ \*\*Summary cut\*\* to \d+ of 195 KiB.*See the report\.\n$/,
    );
    expect(capSummary('small', 'unused')).toBe('small');
  });

  it('caps every action’s summary across all its writes, through runAction', async () => {
    const core = fakeCore();
    await runAction(
      'demo',
      async (ctx) => {
        await ctx.core.summary.addRaw('x'.repeat(600_000), true).write();
        await ctx.core.summary.addRaw('y'.repeat(600_000), true).write();
        await ctx.core.summary.addRaw('z', true).write();
      },
      { core, handleSignals: false },
    );
    expect(Buffer.byteLength(core.summaryText)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(core.summaryText.startsWith('x'.repeat(600_000))).toBe(true);
    expect(core.summaryText).toContain('Summary cut');
    expect(core.summaryText).not.toContain('z');
    expect(table(['x', 'y'], [[1, 'two']])).toBe('| x | y |\n| --- | --- |\n| 1 | two |');
  });

  it('draws Mermaid line and pie charts', () => {
    const chart = lineChart({
      title: 'Error rate',
      xLabels: ['1m', '2m'],
      yLabel: '%',
      series: [
        { name: 'candidate', values: [0.5, 1.25] },
        { name: 'baseline', values: [0.5, 0.5] },
      ],
    });
    expect(chart).toContain('xychart-beta');
    expect(chart).toContain('line [0.5, 1.25]');
    expect(chart).toContain('title "Error rate (candidate vs baseline)"');
    const pie = pieChart('Traffic', [
      { label: 'stable', value: 90 },
      { label: 'canary', value: 10 },
      { label: 'none', value: 0 },
    ]);
    expect(pie).toContain('"canary" : 10');
    expect(pie).not.toContain('none');
  });
});
