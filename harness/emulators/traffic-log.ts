/**
 * What the emulated load balancers saw: one sample per routed request. The metrics APIs of the
 * emulators (Cloud Monitoring timeSeries.list, CloudWatch GetMetricData) answer from this log, so
 * the gate in tests judges the same real traffic that the router split, through an Ingestion:
 * each sample shows up in the API only after an ingestion lag, on the callers' (possibly
 * accelerated) timeline.
 */
import { Rng } from '../../bench/judge/rng';
import { type Timeline, timelineEnv, toVirtual, toWall } from '../../shared/clock';

export interface RequestSample {
  /** Epoch milliseconds when the response finished. */
  at: number;
  /** The routed resource: a Cloud Run service name, or an ECS load balancer / listener. */
  group: string;
  /** What served it: a Cloud Run revision name, or an ECS target group ARN. */
  version: string;
  status: number;
  latencyMs: number;
  /**
   * Set when the load balancer answered itself (ALB 502/503/504: the target crashed, reset the
   * connection or hung) rather than passing on a target's response.
   */
  answeredBy?: 'load-balancer';
  /** The ALB could not pick a target (none registered): the request is in no target group's RequestCount. */
  noTarget?: boolean;
  /** The ALB could not connect to the chosen target (TargetConnectionErrorCount). */
  connectionError?: boolean;
}

/** Registered targets of one target group by health, from `at` on (HealthyHostCount, UnHealthyHostCount). */
export interface HostHealth {
  at: number;
  group: string;
  version: string;
  healthy: number;
  unhealthy: number;
}

export interface Bucket {
  /** Start of the bucket, epoch ms. */
  start: number;
  count: number;
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
  latenciesMs: number[];
}

export class TrafficLog {
  private readonly log: RequestSample[] = [];
  private readonly health: HostHealth[] = [];

  record(sample: RequestSample): void {
    this.log.push(sample);
  }

  recordHealth(health: HostHealth): void {
    this.health.push(health);
  }

  /** The host counts of a target group in effect at `at`, if any were recorded by then. */
  healthAt(group: string, version: string, at: number): HostHealth | undefined {
    return this.health.filter((h) => h.group === group && h.version === version && h.at <= at).at(-1);
  }

  samples(filter: { group?: string; version?: string; from?: number; to?: number } = {}): RequestSample[] {
    return this.log.filter(
      (s) =>
        (filter.group === undefined || s.group === filter.group) &&
        (filter.version === undefined || s.version === filter.version) &&
        (filter.from === undefined || s.at >= filter.from) &&
        (filter.to === undefined || s.at < filter.to),
    );
  }

  /** Aligned buckets [from, to) of periodMs each, empty buckets included, oldest first. */
  buckets(filter: {
    group?: string;
    version?: string;
    from: number;
    to: number;
    periodMs: number;
  }): Bucket[] {
    const first = Math.floor(filter.from / filter.periodMs) * filter.periodMs;
    const out: Bucket[] = [];
    for (let start = first; start < filter.to; start += filter.periodMs) {
      out.push({ start, count: 0, byClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, latenciesMs: [] });
    }
    for (const s of this.samples({ ...filter, from: first })) {
      const bucket = out[Math.floor((s.at - first) / filter.periodMs)];
      if (!bucket) continue;
      bucket.count++;
      const cls = `${Math.min(5, Math.max(2, Math.floor(s.status / 100)))}xx` as keyof Bucket['byClass'];
      bucket.byClass[cls]++;
      bucket.latenciesMs.push(s.latencyMs);
    }
    return out;
  }

  clear(): void {
    this.log.length = 0;
  }
}

export interface IngestionOptions {
  /** The callers' timeline (shared/clock.ts); real time when absent. */
  timeline?: Timeline;
  /** Shortest and longest lag of a sample before the API shows it, ms of (virtual) time. */
  minDelayMs?: number;
  maxDelayMs?: number;
  seed?: number;
}

/**
 * How a metrics API sees the log: each sample becomes visible a seeded lag in [minDelayMs,
 * maxDelayMs] after it happened, so a recent period's point first lacks, then gains, requests,
 * and its error and success series fill in independently. The lags are mutable so a test can
 * model a backlog beyond the usual delay. Times in and out are on the callers' timeline.
 */
export class Ingestion {
  minDelayMs: number;
  maxDelayMs: number;
  readonly timeline: Timeline | undefined;
  private readonly lags = new WeakMap<RequestSample, number>();
  private readonly random: Rng;

  constructor(options: IngestionOptions = {}) {
    this.timeline = options.timeline;
    this.minDelayMs = options.minDelayMs ?? 0;
    this.maxDelayMs = options.maxDelayMs ?? 0;
    this.random = new Rng(options.seed ?? 14);
  }

  /** Now on the callers' timeline. */
  now(): number {
    return this.timeline ? toVirtual(this.timeline, Date.now()) : Date.now();
  }

  /** The samples in [from, to) (callers' time) visible now, with `at` on the callers' timeline. */
  visible(
    log: TrafficLog,
    filter: { group?: string; version?: string; from: number; to: number },
  ): RequestSample[] {
    const t = this.timeline;
    const now = this.now();
    const wall = t
      ? { from: Math.floor(toWall(t, filter.from)), to: Math.ceil(toWall(t, filter.to)) + 1 }
      : { from: filter.from, to: filter.to };
    const out: RequestSample[] = [];
    for (const sample of log.samples({ ...filter, ...wall })) {
      const at = t ? toVirtual(t, sample.at) : sample.at;
      if (at < filter.from || at >= filter.to) continue;
      let lag = this.lags.get(sample);
      if (lag === undefined) {
        lag = this.random.uniform();
        this.lags.set(sample, lag);
      }
      if (at + this.minDelayMs + lag * (this.maxDelayMs - this.minDelayMs) > now) continue;
      out.push(t ? { ...sample, at } : sample);
    }
    return out;
  }
}

/** How much faster than real time the metrics emulators run in tests: a 60 s period takes a second. */
export const TIME_SCALE = 60;

/**
 * An accelerated timeline (shared/clock.ts) starting now: the metrics emulators answer on it
 * (`ingestion: {timeline}`) and a bundle given `env` runs on it, so periods keep the real APIs'
 * 60 s rules.
 */
export function acceleratedTime(scale = TIME_SCALE) {
  const timeline: Timeline = { origin: Date.now(), scale };
  return {
    timeline,
    env: timelineEnv(timeline),
    /** Now on the timeline, as an ISO string (what a caller passes as start-time). */
    nowIso: () => new Date(toVirtual(timeline, Date.now())).toISOString(),
  };
}
