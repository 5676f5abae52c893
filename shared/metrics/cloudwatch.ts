/**
 * ECS (behind an Application Load Balancer) request and error counts from CloudWatch
 * GetMetricData, one call for both arms: per TargetGroup + LoadBalancer, RequestCount,
 * HTTPCode_Target_{2,3,4,5}XX_Count, TargetConnectionErrorCount and TargetResponseTime; per
 * LoadBalancer, HTTPCode_ELB_5XX_Count.
 *
 * A crashing, resetting or hanging candidate shows up mostly in answers the ALB generated itself
 * (502, 503, 504), which HTTPCode_Target_5XX_Count leaves out. They are counted as the candidate's
 * errors this way (see attributeErrors):
 * - a request the ALB routed to a target group (RequestCount) that no target answered
 *   (HTTPCode_Target_*), or a failed connection to its targets, is an error of that group;
 * - the load balancer's 5xx that no group explains this way (e.g. a 503 because the group had no
 *   target to choose, which no RequestCount holds) carry no target group: they are charged to the
 *   candidate, never to the baseline. The baseline is charged only the ELB 5xx left after the
 *   candidate's, so errors that can't be placed never make the candidate look better.
 */
import { createCheckedAwsClient } from '../aws/clients';
import { armFromValues, assemble, type Range, toNumber } from './grid';
import type { CloudWatchSettings } from './settings';
import type { ArmCounts, IntervalCounts, MetricsSource } from './types';

export const NAMESPACE = 'AWS/ApplicationELB';

type Arm = 'candidate' | 'baseline';
const ARMS: readonly Arm[] = ['candidate', 'baseline'];
const ARM_KEY: Record<Arm, string> = { candidate: 'c', baseline: 'b' };

/** `arn:aws:elasticloadbalancing:…:targetgroup/name/id` → `targetgroup/name/id` (the dimension value). */
export function targetGroupDimension(value: string): string {
  const match = value.match(/(?:^|:)(targetgroup\/[^/]+\/[0-9a-f]+)$/);
  return match?.[1] ?? value;
}

/** `arn:aws:elasticloadbalancing:…:loadbalancer/app/name/id` → `app/name/id` (the dimension value). */
export function loadBalancerDimension(value: string): string {
  const match = value.match(/(?:^|:loadbalancer\/)(app\/[^/]+\/[0-9a-f]+)$/);
  return match?.[1] ?? value;
}

export interface MetricDataQueryShape {
  Id: string;
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
  ReturnData: boolean;
}

const TARGET_CLASSES = ['2', '3', '4', '5'] as const;

/**
 * The GetMetricData queries: per arm, requests, the targets' responses by class, connection errors
 * and (optionally) p95 latency; for the load balancer, the 5xx it generated itself.
 */
export function metricDataQueries(
  s: Pick<CloudWatchSettings, 'loadBalancer' | 'candidate' | 'baseline' | 'latency'>,
  stepMs: number,
): MetricDataQueryShape[] {
  const period = Math.max(1, Math.round(stepMs / 1000));
  const loadBalancer = { Name: 'LoadBalancer', Value: loadBalancerDimension(s.loadBalancer) };
  const stat = (
    Id: string,
    metric: string,
    statistic: string,
    Dimensions: MetricDataQueryShape['MetricStat']['Metric']['Dimensions'],
  ): MetricDataQueryShape => ({
    Id,
    MetricStat: {
      Metric: { Namespace: NAMESPACE, MetricName: metric, Dimensions },
      Period: period,
      Stat: statistic,
    },
    ReturnData: true,
  });
  const queries: MetricDataQueryShape[] = [];
  for (const arm of ARMS) {
    const dimensions = [loadBalancer, { Name: 'TargetGroup', Value: targetGroupDimension(s[arm]) }];
    const key = ARM_KEY[arm];
    queries.push(stat(`requests_${key}`, 'RequestCount', 'Sum', dimensions));
    for (const c of TARGET_CLASSES) {
      queries.push(stat(`t${c}xx_${key}`, `HTTPCode_Target_${c}XX_Count`, 'Sum', dimensions));
    }
    queries.push(stat(`conn_${key}`, 'TargetConnectionErrorCount', 'Sum', dimensions));
    if (s.latency) queries.push(stat(`latency_${key}`, 'TargetResponseTime', 'p95', dimensions));
  }
  queries.push(stat('elb5xx', 'HTTPCode_ELB_5XX_Count', 'Sum', [loadBalancer]));
  return queries;
}

export interface MetricDataResultShape {
  Id?: string | undefined;
  Timestamps?: Date[] | undefined;
  Values?: number[] | undefined;
}

/** One target group's counts in one period, as CloudWatch gives them (undefined: no point). */
export interface TargetGroupPeriod {
  requests: number | null | undefined;
  /** HTTPCode_Target_{2,3,4,5}XX_Count. */
  byClass: (number | null | undefined)[];
  connectionErrors: number | null | undefined;
}

const isFault = (v: number | null | undefined) => v === null || (v !== undefined && !(v >= 0));

/**
 * Requests and errors of both arms for one period, with the load balancer's own 5xx attributed
 * as described at the top of this file. Counts published only when non-zero are zero when absent;
 * an absent RequestCount is missing data, and so is any NaN.
 */
export function attributeErrors(
  candidate: TargetGroupPeriod,
  baseline: TargetGroupPeriod,
  elb5xx: number | null | undefined,
): Record<Arm, { requests: number | null | undefined; errors: number | null | undefined }> {
  const split = (g: TargetGroupPeriod) => {
    if (isFault(g.requests) || g.byClass.some(isFault) || isFault(g.connectionErrors)) return undefined;
    const requests = g.requests ?? 0;
    const answered = g.byClass.reduce<number>((sum, v) => sum + (v ?? 0), 0);
    // Routed to this group but answered by no target (reset, hang, crash): the ALB answered.
    const unanswered = Math.max(0, requests - answered, g.connectionErrors ?? 0);
    return { targetErrors: g.byClass[3] ?? 0, unanswered };
  };
  const c = split(candidate);
  const b = split(baseline);
  const elb = isFault(elb5xx) ? undefined : (elb5xx ?? 0);
  const candidateElb = c?.unanswered ?? 0;
  // The baseline is charged only ELB 5xx the candidate's don't already explain.
  const baselineElb = b && elb !== undefined ? Math.min(b.unanswered, Math.max(0, elb - candidateElb)) : 0;
  const unattributed = elb === undefined ? undefined : Math.max(0, elb - candidateElb - baselineElb);
  const candidateCounts =
    c === undefined || unattributed === undefined
      ? { requests: null, errors: null }
      : candidate.requests === undefined && unattributed === 0
        ? { requests: undefined, errors: undefined }
        : {
            requests: (candidate.requests ?? 0) + unattributed,
            errors: c.targetErrors + c.unanswered + unattributed,
          };
  const baselineCounts =
    b === undefined || baseline.requests === undefined
      ? { requests: b === undefined ? null : undefined, errors: undefined }
      : { requests: baseline.requests, errors: b.targetErrors + baselineElb };
  return { candidate: candidateCounts, baseline: baselineCounts };
}

/**
 * Arm counts per interval. CloudWatch labels each value with its period's start and omits periods
 * without data; a value that is not a finite number is kept as a fault (null), never a zero.
 */
export function parseMetricData(
  results: readonly MetricDataResultShape[],
  range: Range,
): (arm: Arm, start: number) => ArmCounts {
  const values = new Map<string, Map<number, number | null>>();
  for (const result of results) {
    if (!result.Id) continue;
    const byStart = values.get(result.Id) ?? new Map<number, number | null>();
    const timestamps = result.Timestamps ?? [];
    timestamps.forEach((ts, i) => {
      const at = ts instanceof Date ? ts.getTime() : new Date(ts).getTime();
      if ((at - range.start) % range.stepMs !== 0) return;
      byStart.set(at, toNumber(result.Values?.[i]) ?? null);
    });
    values.set(result.Id, byStart);
  }
  const get = (id: string, start: number) => values.get(id)?.get(start);
  const group = (arm: Arm, start: number): TargetGroupPeriod => {
    const key = ARM_KEY[arm];
    return {
      requests: get(`requests_${key}`, start),
      byClass: TARGET_CLASSES.map((c) => get(`t${c}xx_${key}`, start)),
      connectionErrors: get(`conn_${key}`, start),
    };
  };
  return (arm, start) => {
    const counts = attributeErrors(group('candidate', start), group('baseline', start), get('elb5xx', start))[
      arm
    ];
    const latencySeconds = get(`latency_${ARM_KEY[arm]}`, start);
    return armFromValues(
      counts.requests,
      counts.errors,
      typeof latencySeconds === 'number' ? { p95LatencyMs: latencySeconds * 1000 } : {},
    );
  };
}

/** The part of CloudWatchClient this source uses. */
export interface MetricDataReader {
  getMetricData(
    input: {
      MetricDataQueries: MetricDataQueryShape[];
      StartTime: Date;
      EndTime: Date;
      ScanBy: 'TimestampAscending';
      NextToken?: string;
    },
    signal: AbortSignal,
  ): Promise<{ MetricDataResults?: MetricDataResultShape[]; NextToken?: string | undefined }>;
}

export class CloudWatchSource implements MetricsSource {
  readonly name = 'cloudwatch' as const;

  constructor(
    private readonly settings: CloudWatchSettings,
    private readonly reader: MetricDataReader,
  ) {}

  async counts(range: Range, signal: AbortSignal): Promise<IntervalCounts[]> {
    const queries = metricDataQueries(this.settings, range.stepMs);
    const steps = Math.floor((range.end - range.start) / range.stepMs);
    const merged = new Map<string, { Id: string; Timestamps: Date[]; Values: number[] }>();
    let nextToken: string | undefined;
    // Pages split long ranges; each Id's values continue on the next page.
    do {
      const page = await this.reader.getMetricData(
        {
          MetricDataQueries: queries,
          StartTime: new Date(range.start),
          EndTime: new Date(range.start + steps * range.stepMs),
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {}),
        },
        signal,
      );
      for (const result of page.MetricDataResults ?? []) {
        if (!result.Id) continue;
        const into = merged.get(result.Id) ?? { Id: result.Id, Timestamps: [], Values: [] };
        into.Timestamps.push(...(result.Timestamps ?? []));
        into.Values.push(...(result.Values ?? []));
        merged.set(result.Id, into);
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return assemble(range, parseMetricData([...merged.values()], range));
  }
}

/** Builds the CloudWatch client (lazily imported) the way every AWS client is built (shared/aws/clients). */
export async function createCloudWatchSource(settings: CloudWatchSettings): Promise<MetricsSource> {
  const { CloudWatchClient, GetMetricDataCommand } = await import('@aws-sdk/client-cloudwatch');
  const client = await createCheckedAwsClient(CloudWatchClient, {
    region: settings.region,
    userAgent: settings.userAgent,
    maxAttempts: 3,
    requestTimeoutMs: settings.requestTimeoutMs,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  });
  return new CloudWatchSource(settings, {
    getMetricData: (input, signal) => client.send(new GetMetricDataCommand(input), { abortSignal: signal }),
  });
}
