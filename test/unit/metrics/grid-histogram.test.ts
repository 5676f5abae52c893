import { describe, expect, it } from 'vitest';
import { armFromValues, assemble, intervalStarts, isMissing, toNumber } from '../../../shared/metrics/grid';
import { boundaries, bucketsFrom, countAbove, quantile } from '../../../shared/metrics/histogram';

describe('interval grid', () => {
  it('lists whole intervals only', () => {
    expect(intervalStarts({ start: 1000, end: 4500, stepMs: 1000 })).toEqual([1000, 2000, 3000]);
    expect(intervalStarts({ start: 0, end: 999, stepMs: 1000 })).toEqual([]);
    expect(() => intervalStarts({ start: 0, end: 10, stepMs: 0 })).toThrow(/positive/);
  });

  it('assembles both arms per interval', () => {
    const counts = assemble({ start: 0, end: 2000, stepMs: 1000 }, (arm, start) =>
      armFromValues(arm === 'candidate' ? start / 100 : 5, 0),
    );
    expect(counts).toEqual([
      { start: 0, end: 1000, candidate: { requests: 0, errors: 0 }, baseline: { requests: 5, errors: 0 } },
      {
        start: 1000,
        end: 2000,
        candidate: { requests: 10, errors: 0 },
        baseline: { requests: 5, errors: 0 },
      },
    ]);
  });
});

describe('armFromValues: missing data is never a zero', () => {
  it('marks an absent or NaN request count as missing', () => {
    expect(isMissing(armFromValues(undefined, 3))).toBe(true);
    expect(isMissing(armFromValues(null, 0))).toBe(true);
    expect(isMissing(armFromValues(Number.NaN, 0))).toBe(true);
    expect(isMissing(armFromValues(-1, 0))).toBe(true);
  });

  it('reads an absent error series next to requests as zero errors', () => {
    expect(armFromValues(120, undefined)).toEqual({ requests: 120, errors: 0 });
  });

  it('marks a NaN error count as missing', () => {
    expect(isMissing(armFromValues(120, null))).toBe(true);
    expect(isMissing(armFromValues(120, Number.POSITIVE_INFINITY))).toBe(true);
  });

  it('rounds extrapolated counts and caps errors at requests', () => {
    expect(armFromValues(99.6, 3.4)).toEqual({ requests: 100, errors: 3 });
    expect(armFromValues(10, 12)).toEqual({ requests: 10, errors: 10 });
  });

  it('keeps finite latency figures only', () => {
    expect(armFromValues(10, 0, { p95LatencyMs: 250 }).p95LatencyMs).toBe(250);
    expect(armFromValues(10, 0, { p95LatencyMs: Number.NaN }).p95LatencyMs).toBeUndefined();
  });
});

describe('toNumber', () => {
  it('reads the shapes APIs use', () => {
    expect(toNumber('12')).toBe(12);
    expect(toNumber(3.5)).toBe(3.5);
    expect(toNumber({ toNumber: () => 7 })).toBe(7);
    expect(toNumber(undefined)).toBeUndefined();
    expect(toNumber(null)).toBeNull();
    expect(toNumber('NaN')).toBeNull();
    expect(toNumber('')).toBeNull();
    expect(toNumber(Number.NaN)).toBeNull();
  });
});

describe('histogram', () => {
  it('derives Cloud Monitoring bucket boundaries', () => {
    expect(boundaries({ exponentialBuckets: { numFiniteBuckets: 3, growthFactor: 2, scale: 1 } })).toEqual([
      1, 2, 4, 8,
    ]);
    expect(boundaries({ linearBuckets: { numFiniteBuckets: 2, width: 10, offset: 5 } })).toEqual([5, 15, 25]);
    expect(boundaries({ explicitBuckets: { bounds: [1, '10', 100] } })).toEqual([1, 10, 100]);
    expect(
      boundaries({ exponentialBuckets: { numFiniteBuckets: 0, growthFactor: 2, scale: 1 } }),
    ).toBeUndefined();
  });

  it('interpolates a quantile inside its bucket', () => {
    // 100 requests evenly in [100, 200): p95 at 195.
    const buckets = bucketsFrom([100, 200, 400], [0, 100]);
    expect(quantile(buckets, 0.95)).toBeCloseTo(195);
    expect(quantile(bucketsFrom([100], [0, 0]), 0.95)).toBeNaN();
    // All in the overflow bucket: answers with its finite lower bound.
    expect(quantile(bucketsFrom([100], [0, 5]), 0.5)).toBe(100);
  });

  it('counts requests above a threshold, splitting the straddling bucket', () => {
    const buckets = bucketsFrom([0, 100, 200], [0, 50, 50, 10]);
    expect(countAbove(buckets, 200)).toBe(10);
    expect(countAbove(buckets, 150)).toBe(35);
    expect(countAbove(buckets, 0)).toBe(110);
  });
});
