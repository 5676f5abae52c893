import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { inputReader, parseDurationMs } from '../../../shared/inputs';
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
