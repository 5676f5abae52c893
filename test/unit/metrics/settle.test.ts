import { describe, expect, it } from 'vitest';
import { scaledClock, timelineEnv, timelineFromEnv, toVirtual, toWall } from '../../../shared/clock';
import { emulatorTimeline } from '../../../shared/metrics';
import { missingArm } from '../../../shared/metrics/grid';
import type {
  CloudMonitoringSettings,
  CloudWatchSettings,
  PrometheusSettings,
} from '../../../shared/metrics/settings';
import { settledIntervals } from '../../../shared/metrics/settle';
import type { IntervalCounts } from '../../../shared/metrics/types';

const T0 = Date.UTC(2026, 10, 22, 18, 0, 0);
const MINUTE = 60_000;
const full = (i: number): IntervalCounts => ({
  start: T0 + i * MINUTE,
  end: T0 + (i + 1) * MINUTE,
  candidate: { requests: 100, errors: 1 },
  baseline: { requests: 100, errors: 1 },
});
const candidateMissing = (i: number): IntervalCounts => ({ ...full(i), candidate: missingArm() });

describe('settled intervals (metrics arrive late)', () => {
  const delayMs = 180_000;

  it('hands over complete intervals in order', () => {
    const intervals = [full(0), full(1), full(2)];
    expect(settledIntervals(intervals, { now: T0 + 3 * MINUTE + delayMs, delayMs })).toEqual(intervals);
  });

  it('holds back a recent interval with a missing point, and every later one, never as zero', () => {
    const intervals = [full(0), candidateMissing(1), full(2)];
    // Interval 1 ended at +2 min; within delay + grace (180 s + 180 s) its point may still come.
    expect(settledIntervals(intervals, { now: T0 + 2 * MINUTE + delayMs, delayMs })).toEqual([full(0)]);
    expect(settledIntervals(intervals, { now: T0 + 2 * MINUTE + 2 * delayMs - 1, delayMs })).toEqual([
      full(0),
    ]);
  });

  it('gives a missing point up as missing (NaN) once the grace has passed', () => {
    const intervals = [full(0), candidateMissing(1), full(2)];
    const settled = settledIntervals(intervals, { now: T0 + 2 * MINUTE + 2 * delayMs, delayMs });
    expect(settled).toHaveLength(3);
    expect(Number.isNaN(settled[1]?.candidate.requests)).toBe(true);
  });

  it('waits at least one interval for a missing point even with no metrics-delay', () => {
    expect(settledIntervals([candidateMissing(0)], { now: T0 + MINUTE, delayMs: 0 })).toEqual([]);
    expect(settledIntervals([candidateMissing(0)], { now: T0 + 2 * MINUTE, delayMs: 0 })).toHaveLength(1);
  });
});

describe('accelerated timeline (test-only)', () => {
  const timeline = { origin: T0, scale: 60 };

  it('maps wall time to virtual time and back, agreeing across processes through the environment', () => {
    expect(toVirtual(timeline, T0 + 1000)).toBe(T0 + MINUTE);
    expect(toWall(timeline, T0 + MINUTE)).toBe(T0 + 1000);
    expect(timelineFromEnv(timelineEnv(timeline))).toEqual(timeline);
    expect(timelineFromEnv({})).toBeUndefined();
    expect(
      timelineFromEnv({ ROLLOUT_ACTIONS_TIME_SCALE: 'fast', ROLLOUT_ACTIONS_TIME_ORIGIN: '1' }),
    ).toBeUndefined();
  });

  it('sleeps a virtual minute in a real second', async () => {
    const clock = scaledClock({ origin: Date.now(), scale: 6000 });
    const before = clock.now();
    await clock.sleep(60_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(60_000);
  });

  it('is honoured only for Cloud Monitoring or CloudWatch emulators on loopback', () => {
    const env = timelineEnv(timeline);
    const common = {
      candidate: 'a',
      baseline: 'b',
      latency: false,
      slowThresholdsMs: [],
      userAgent: 'x',
      requestTimeoutMs: 1,
    };
    const monitoring: CloudMonitoringSettings = {
      ...common,
      source: 'cloud-monitoring',
      project: 'p',
      service: 's',
    };
    const cloudwatch: CloudWatchSettings = {
      ...common,
      source: 'cloudwatch',
      region: 'eu-west-1',
      loadBalancer: 'app/x/0',
    };
    const prometheus: PrometheusSettings = {
      ...common,
      source: 'prometheus',
      url: new URL('http://127.0.0.1:9090'),
      requestsQuery: '',
      errorsQuery: '',
      headers: {},
    };
    expect(emulatorTimeline({ ...monitoring, emulatorHost: '127.0.0.1:8085' }, env)).toEqual(timeline);
    expect(emulatorTimeline({ ...cloudwatch, endpoint: 'http://127.0.0.1:4566' }, env)).toEqual(timeline);
    expect(emulatorTimeline({ ...cloudwatch, endpoint: 'http://localhost:4566' }, env)).toEqual(timeline);
    expect(
      emulatorTimeline(cloudwatch, { ...env, ROLLOUT_ACTIONS_AWS_ENDPOINT: 'http://127.0.0.1:4566' }),
    ).toEqual(timeline);
    // Real APIs, a remote endpoint, or Prometheus (whose timestamps are real): real time.
    expect(emulatorTimeline(monitoring, env)).toBeUndefined();
    expect(emulatorTimeline(cloudwatch, env)).toBeUndefined();
    expect(
      emulatorTimeline({ ...cloudwatch, endpoint: 'https://monitoring.eu-west-1.amazonaws.com' }, env),
    ).toBeUndefined();
    expect(emulatorTimeline(prometheus, env)).toBeUndefined();
  });
});
