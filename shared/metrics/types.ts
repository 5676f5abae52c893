/**
 * The metrics contract the gate codes against: request and error counts per arm and interval.
 * Cloud Monitoring, CloudWatch and Prometheus implement it in this folder.
 */

export type MetricsSourceName = 'cloud-monitoring' | 'cloudwatch' | 'prometheus';

/** Counts for one arm over one interval. NaN or missing counts are data faults, never zeros. */
export interface ArmCounts {
  requests: number;
  errors: number;
  /** Requests slower than each latency threshold, in the order the thresholds were given. */
  slow?: number[];
  /** p95 latency in ms over the interval, where the source has it. */
  p95LatencyMs?: number;
}

export interface IntervalCounts {
  /** Interval start and end, epoch ms. */
  start: number;
  end: number;
  candidate: ArmCounts;
  baseline: ArmCounts;
}

export interface MetricsSource {
  readonly name: MetricsSourceName;
  /** Counts per `stepMs` interval over [start, end), oldest first. */
  counts(
    range: { start: number; end: number; stepMs: number },
    signal: AbortSignal,
  ): Promise<IntervalCounts[]>;
}
