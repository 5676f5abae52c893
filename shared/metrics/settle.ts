/**
 * Which intervals a gate may judge as final. Metrics arrive late (Cloud Run's up to 180 s, ALB's
 * a minute or two) and a lagging point fills in or changes a recent interval. An interval is read
 * only once it closed at least `delayMs` ago (the caller's metrics-delay); this decides what to do
 * with an interval whose point for an arm is still missing then: that is no zero and no final
 * "missing" yet, because an ingestion backlog can outlast the usual delay. It is held back, with
 * every later interval (the judge takes intervals in order), and read again on the next poll,
 * until `graceMs` more have passed: only then does it count as missing.
 */

import { isMissing } from './grid';
import type { IntervalCounts } from './types';

export interface SettleOptions {
  /** Now, on the clock the intervals are on (epoch ms). */
  now: number;
  /** How long after its end an interval is complete as a rule (the metrics-delay input). */
  delayMs: number;
  /** How much longer a missing point may still arrive; defaults to max(delayMs, one interval). */
  graceMs?: number;
}

/**
 * The leading run of `intervals` (in order) that is final now: each has both arms, or is so old
 * that a missing arm will not arrive any more. The rest are to be read again.
 */
export function settledIntervals(
  intervals: readonly IntervalCounts[],
  options: SettleOptions,
): IntervalCounts[] {
  const settled: IntervalCounts[] = [];
  for (const interval of intervals) {
    const complete = !isMissing(interval.candidate) && !isMissing(interval.baseline);
    const graceMs = options.graceMs ?? Math.max(options.delayMs, interval.end - interval.start);
    if (!complete && options.now < interval.end + options.delayMs + graceMs) break;
    settled.push(interval);
  }
  return settled;
}
