import { describe, expect, it } from 'vitest';
import { type GateSettings, readSettings } from '../../../actions/error-rate-gate/src/inputs';
import { InputError } from '../../../shared/errors';
import { observationWindow } from '../../../shared/gate/run';
import { fakeCore } from '../../helpers/fake-core';

function settings(inputs: Record<string, string>): GateSettings {
  return readSettings(
    fakeCore({
      source: 'prometheus',
      'prometheus-url': 'http://127.0.0.1:9090',
      candidate: 'v2',
      baseline: 'v1',
      ...inputs,
    }),
    {},
  );
}

describe('observation window', () => {
  const now = Date.UTC(2026, 10, 22, 18, 0, 42);

  it('starts on the first whole interval after the shift, so earlier data never counts', () => {
    const window = observationWindow(
      settings({ 'start-time': '2026-11-22T18:00:42Z', interval: '1m', duration: '10m' }),
      now,
    );
    expect(new Date(window.start).toISOString()).toBe('2026-11-22T18:01:00.000Z');
    expect(new Date(window.bakeEnd).toISOString()).toBe('2026-11-22T18:11:00.000Z');
    // The bake may extend to max-duration (default 4 × 10 minutes).
    expect(new Date(window.end).toISOString()).toBe('2026-11-22T18:41:00.000Z');
    expect(window.shiftedAt).toBe(now);
  });

  it('keeps a shift that falls on the grid, and defaults to now', () => {
    expect(
      observationWindow(
        settings({ 'start-time': '1795370400', interval: '30s', duration: '95s', 'max-duration': '95s' }),
        now,
      ),
    ).toMatchObject({
      start: 1_795_370_400_000,
      bakeEnd: 1_795_370_400_000 + 90_000,
      end: 1_795_370_400_000 + 90_000,
      stepMs: 30_000,
    });
    expect(observationWindow(settings({ interval: '2s' }), now).start).toBe(now);
  });

  it('refuses a start-time far in the future before any call', () => {
    expect(() => observationWindow(settings({ 'start-time': '2026-11-22T19:00:00Z' }), now)).toThrow(
      InputError,
    );
  });
});
