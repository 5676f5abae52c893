/**
 * What the emulated load balancers saw: one sample per routed request. The metrics APIs of the
 * emulators (Cloud Monitoring timeSeries.list, CloudWatch GetMetricData) answer from this log, so
 * the gate in tests judges the same real traffic that the router split.
 */
export interface RequestSample {
  /** Epoch milliseconds when the response finished. */
  at: number;
  /** The routed resource: a Cloud Run service name, or an ECS load balancer / listener. */
  group: string;
  /** What served it: a Cloud Run revision name, or an ECS target group ARN. */
  version: string;
  status: number;
  latencyMs: number;
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

  record(sample: RequestSample): void {
    this.log.push(sample);
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
