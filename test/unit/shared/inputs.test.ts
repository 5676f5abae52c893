import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { inputReader, MAX_DURATION_MS, parseDecimal, parseDurationMs } from '../../../shared/inputs';
import { fakeCore } from '../../helpers/fake-core';

function reader(inputs: Record<string, string>) {
  const core = fakeCore(inputs);
  return { core, read: inputReader(core) };
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('inputReader', () => {
  it('names the input, the problem and an accepted value', () => {
    const { read } = reader({ percent: '150' });
    const err = errorOf(() => read.integer('percent', { default: 0, min: 0, max: 100, example: '10' }));
    expect(err.message).toBe('input "percent": 150 is above the maximum 100 (for example: 10)');
    expect(err.input).toBe('percent');
  });

  it('rejects fractions and words where whole numbers are wanted', () => {
    const { read } = reader({ retries: '2.5', count: 'three' });
    expect(errorOf(() => read.integer('retries', { default: 1 })).message).toContain(
      '"2.5" is not a whole number',
    );
    expect(errorOf(() => read.integer('count', { default: 1 })).message).toContain(
      '"three" is not a whole number',
    );
  });

  it.each(['1e2', '0x0A', '0b11', '0o12', '1_0', ' 10 ', '10\n', '+10', '10.0', 'Infinity', '١٠'])(
    'refuses %j where a decimal whole number is wanted, naming the input',
    (raw) => {
      const { read } = reader({ percent: raw });
      const err = errorOf(() => read.integer('percent', { default: 0, min: 0, max: 100, example: '10' }));
      expect(err.input).toBe('percent');
      expect(err.message).toContain(`${JSON.stringify(raw)} is not a whole number in decimal digits`);
      expect(err.message).toContain('(for example: 10)');
    },
  );

  it('reads decimal digits, leading zeros and a minus sign as the number they write', () => {
    const { read } = reader({ a: '100', b: '007', c: '-3', d: '0.25', e: '1e-1' });
    expect(read.integer('a', { default: 0 })).toBe(100);
    expect(read.integer('b', { default: 0 })).toBe(7);
    expect(read.optionalInteger('c', {})).toBe(-3);
    expect(read.number('d', { default: 0 })).toBe(0.25);
    expect(errorOf(() => read.number('e', { default: 0 })).message).toContain('is not a decimal number');
  });

  it('bounds every duration below the longest wait a timer can take, with an accepted value', () => {
    const { read } = reader({ timeout: '597h', ok: '596h' });
    expect(errorOf(() => read.durationMs('timeout', '10m')).message).toBe(
      `input "timeout": "597h" is longer than the longest duration a timer can wait (${MAX_DURATION_MS} ms, about 24 days) (for example: 10m)`,
    );
    expect(read.durationMs('ok', '10m')).toBe(596 * 3_600_000);
    expect(parseDurationMs('2147483.648')).toBeUndefined();
    expect(parseDurationMs('2147483647ms')).toBe(MAX_DURATION_MS);
  });

  it('falls back to defaults for empty inputs', () => {
    const { read } = reader({ blank: '   ' });
    expect(read.integer('blank', { default: 7 })).toBe(7);
    expect(read.boolean('missing', true)).toBe(true);
    expect(read.optional('blank')).toBeUndefined();
    expect(read.durationMs('missing', '2m')).toBe(120_000);
  });

  it('parses booleans leniently and rejects the rest', () => {
    const { read } = reader({ a: 'TRUE', b: 'no', c: 'maybe' });
    expect(read.boolean('a', false)).toBe(true);
    expect(read.boolean('b', true)).toBe(false);
    expect(errorOf(() => read.boolean('c', true)).message).toBe(
      'input "c": "maybe" is not a boolean (for example: true)',
    );
  });

  it('accepts only listed choices', () => {
    const { read } = reader({ provider: 'Cloud-Run', other: 'k8s' });
    expect(read.choice('provider', ['cloud-run', 'ecs'])).toBe('cloud-run');
    expect(errorOf(() => read.choice('other', ['cloud-run', 'ecs'])).message).toBe(
      'input "other": "k8s" is not one of cloud-run, ecs (for example: cloud-run)',
    );
    expect(errorOf(() => read.choice('absent', ['cloud-run', 'ecs'])).message).toContain('is required');
  });

  it('requires a scheme on URLs', () => {
    const { read } = reader({ url: 'example.com/health', ftp: 'ftp://example.com' });
    expect(errorOf(() => read.url('url')).message).toContain('is not an absolute URL with a scheme');
    expect(errorOf(() => read.url('ftp')).message).toContain('scheme "ftp:" is not one of http, https');
  });

  it('masks secrets as soon as they are read, untrimmed and derived forms included', () => {
    const { core, read } = reader({ token: ' xoxb-123-secret ' });
    expect(read.secret('token')).toBe('xoxb-123-secret');
    expect(core.secrets).toContain('xoxb-123-secret');
    expect(core.secrets).toContain(' xoxb-123-secret ');
    expect(core.secrets).toContain(Buffer.from('xoxb-123-secret').toString('base64'));
  });

  it('splits lists on commas and newlines', () => {
    const { read } = reader({ steps: '10, 50\n100' });
    expect(read.list('steps')).toEqual(['10', '50', '100']);
  });
});

describe('parseDecimal', () => {
  it('takes decimal digits only', () => {
    expect(parseDecimal('42')).toBe(42);
    expect(parseDecimal('4.2')).toBeUndefined();
    expect(parseDecimal('4.2', { fraction: true })).toBe(4.2);
    expect(parseDecimal('99999999999999999999')).toBeUndefined();
    for (const text of ['1e2', '0x0A', '0b11', '1_0', ' 1', '']) expect(parseDecimal(text)).toBeUndefined();
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['30', 30_000],
    ['1.5', 1500],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', 'soon', '5 minutes', '-1s', '5x'])('%s is not a duration', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});
