/** Latency figures from a bucketed histogram (a Cloud Monitoring distribution value). */

export interface Bucket {
  /** Inclusive lower bound; -Infinity for an underflow bucket. */
  lower: number;
  /** Exclusive upper bound; Infinity for an overflow bucket. */
  upper: number;
  count: number;
}

/**
 * The q-quantile (0–1), interpolating linearly inside the bucket that holds it, as Prometheus'
 * histogram_quantile does. An open-ended bucket answers with its finite bound. NaN when empty.
 */
export function quantile(buckets: readonly Bucket[], q: number): number {
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total <= 0) return Number.NaN;
  const rank = q * total;
  let seen = 0;
  for (const bucket of buckets) {
    if (bucket.count > 0 && seen + bucket.count >= rank) {
      if (!Number.isFinite(bucket.lower)) return bucket.upper;
      if (!Number.isFinite(bucket.upper)) return bucket.lower;
      return bucket.lower + ((bucket.upper - bucket.lower) * (rank - seen)) / bucket.count;
    }
    seen += bucket.count;
  }
  const last = buckets.at(-1);
  return last ? (Number.isFinite(last.upper) ? last.upper : last.lower) : Number.NaN;
}

/** Requests at or above a threshold, counting a straddling bucket in proportion (rounded). */
export function countAbove(buckets: readonly Bucket[], threshold: number): number {
  let above = 0;
  for (const b of buckets) {
    if (b.lower >= threshold) above += b.count;
    else if (b.upper > threshold && Number.isFinite(b.lower) && Number.isFinite(b.upper)) {
      above += (b.count * (b.upper - threshold)) / (b.upper - b.lower);
    } else if (b.upper > threshold) above += b.count;
  }
  return Math.round(above);
}

/** Cloud Monitoring BucketOptions (REST JSON shape), as the client library decodes it. */
export interface BucketOptions {
  linearBuckets?: { numFiniteBuckets?: unknown; width?: unknown; offset?: unknown } | null;
  exponentialBuckets?: { numFiniteBuckets?: unknown; growthFactor?: unknown; scale?: unknown } | null;
  explicitBuckets?: { bounds?: unknown[] | null } | null;
}

/**
 * The finite bucket boundaries of Cloud Monitoring's BucketOptions: N finite buckets give N+1
 * boundaries; bucket 0 is the underflow below the first and bucket N+1 the overflow above the last.
 */
export function boundaries(options: BucketOptions): number[] | undefined {
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? Number.NaN));
  if (options.exponentialBuckets) {
    const n = num(options.exponentialBuckets.numFiniteBuckets);
    const growth = num(options.exponentialBuckets.growthFactor);
    const scale = num(options.exponentialBuckets.scale);
    if (!(n >= 1 && growth > 1 && scale > 0)) return undefined;
    return Array.from({ length: n + 1 }, (_, i) => scale * growth ** i);
  }
  if (options.linearBuckets) {
    const n = num(options.linearBuckets.numFiniteBuckets);
    const width = num(options.linearBuckets.width);
    const offset = num(options.linearBuckets.offset);
    if (!(n >= 1 && width > 0 && Number.isFinite(offset))) return undefined;
    return Array.from({ length: n + 1 }, (_, i) => offset + width * i);
  }
  const bounds = options.explicitBuckets?.bounds?.map(num);
  if (bounds && bounds.length > 0 && bounds.every(Number.isFinite)) return bounds;
  return undefined;
}

/** Buckets from boundaries and counts (counts may be shorter: trailing zeros are omitted by the API). */
export function bucketsFrom(bounds: readonly number[], counts: readonly number[]): Bucket[] {
  const out: Bucket[] = [];
  for (let i = 0; i <= bounds.length; i++) {
    out.push({
      lower: i === 0 ? Number.NEGATIVE_INFINITY : (bounds[i - 1] as number),
      upper: i === bounds.length ? Number.POSITIVE_INFINITY : (bounds[i] as number),
      count: counts[i] ?? 0,
    });
  }
  return out;
}
