import { describe, expect, it } from 'vitest';
import { ActionError, errorMessage, InputError } from '../../../shared/errors';
import { derivedForms, maskSecret, redact } from '../../../shared/mask';
import { runAction } from '../../../shared/run';
import { cell, lineChart, pieChart, table } from '../../../shared/summary';
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
