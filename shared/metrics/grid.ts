/**
 * The interval grid every metrics source answers on, and the one rule for missing data: a missing
 * or NaN request count is a data fault (NaN), never a zero, so the gate can't pass on it.
 */
import type { ArmCounts, IntervalCounts } from './types';

export interface Range {
  /** Epoch ms of the first interval's start. */
  start: number;
  /** Epoch ms; intervals that would end after it are not included. */
  end: number;
  stepMs: number;
}

/** Starts of the whole intervals [start + k·step, start + (k+1)·step) that end by range.end. */
export function intervalStarts(range: Range): number[] {
  if (!(range.stepMs > 0)) throw new Error(`interval step must be positive, got ${range.stepMs}`);
  const starts: number[] = [];
  for (let start = range.start; start + range.stepMs <= range.end; start += range.stepMs) starts.push(start);
  return starts;
}

/** An arm with no usable data for an interval. */
export function missingArm(): ArmCounts {
  return { requests: Number.NaN, errors: Number.NaN };
}

export function isMissing(arm: ArmCounts): boolean {
  return !Number.isFinite(arm.requests) || !Number.isFinite(arm.errors);
}

/**
 * One arm's counts from the raw values a source returned for an interval. `undefined` means the
 * source returned no point; `null` or NaN means it returned a point without a number.
 *
 * - No request point, or a NaN one: missing (NaN), whatever the errors say.
 * - Requests present but no error point: zero errors. Every source publishes an error series only
 *   while errors happen (Cloud Run's 5xx response_code_class, ALB's HTTPCode_Target_5XX_Count,
 *   a Prometheus counter labelled code="500"), so its absence next to a request count is a zero.
 * - An error point that is NaN: missing. Errors above requests (sources count them separately and
 *   may round): capped at requests.
 */
export function armFromValues(
  requests: number | null | undefined,
  errors: number | null | undefined,
  extra: Pick<ArmCounts, 'p95LatencyMs' | 'slow'> = {},
): ArmCounts {
  if (requests === undefined || requests === null || !Number.isFinite(requests) || requests < 0) {
    return missingArm();
  }
  if (errors === null || (errors !== undefined && (!Number.isFinite(errors) || errors < 0)))
    return missingArm();
  const total = Math.round(requests);
  const failed = Math.min(total, Math.round(errors ?? 0));
  const arm: ArmCounts = { requests: total, errors: failed };
  if (extra.p95LatencyMs !== undefined && Number.isFinite(extra.p95LatencyMs))
    arm.p95LatencyMs = extra.p95LatencyMs;
  if (extra.slow?.every(Number.isFinite)) arm.slow = extra.slow;
  return arm;
}

/** A finite number from the many shapes APIs use for one (number, numeric string, Long-like). */
export function toNumber(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    if (value.trim() === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === 'object' && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    return toNumber((value as { toNumber(): number }).toNumber());
  }
  return null;
}

/** Builds the IntervalCounts of a grid from a lookup of each arm's counts by interval start. */
export function assemble(
  range: Range,
  arm: (which: 'candidate' | 'baseline', start: number) => ArmCounts,
): IntervalCounts[] {
  return intervalStarts(range).map((start) => ({
    start,
    end: start + range.stepMs,
    candidate: arm('candidate', start),
    baseline: arm('baseline', start),
  }));
}
