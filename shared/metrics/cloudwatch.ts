/**
 * ECS (behind an Application Load Balancer) request and error counts from CloudWatch
 * GetMetricData: AWS/ApplicationELB RequestCount, HTTPCode_Target_5XX_Count and TargetResponseTime
 * per TargetGroup + LoadBalancer, one call for both arms.
 */
import { createCheckedAwsClient } from '../aws/clients';
import type { ArmCounts, IntervalCounts, MetricsSource } from '../providers/types';
import { armFromValues, assemble, type Range, toNumber } from './grid';
import type { CloudWatchSettings } from './settings';

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

/** The GetMetricData queries: requests, 5xx and (optionally) p95 latency for each arm. */
export function metricDataQueries(
  s: Pick<CloudWatchSettings, 'loadBalancer' | 'candidate' | 'baseline' | 'latency'>,
  stepMs: number,
): MetricDataQueryShape[] {
  const period = Math.max(1, Math.round(stepMs / 1000));
  const queries: MetricDataQueryShape[] = [];
  for (const arm of ARMS) {
    const dimensions = [
      { Name: 'LoadBalancer', Value: loadBalancerDimension(s.loadBalancer) },
      { Name: 'TargetGroup', Value: targetGroupDimension(s[arm]) },
    ];
    const stat = (id: string, metric: string, statistic: string): MetricDataQueryShape => ({
      Id: `${id}_${ARM_KEY[arm]}`,
      MetricStat: {
        Metric: { Namespace: NAMESPACE, MetricName: metric, Dimensions: dimensions },
        Period: period,
        Stat: statistic,
      },
      ReturnData: true,
    });
    queries.push(stat('requests', 'RequestCount', 'Sum'), stat('errors', 'HTTPCode_Target_5XX_Count', 'Sum'));
    if (s.latency) queries.push(stat('latency', 'TargetResponseTime', 'p95'));
  }
  return queries;
}

export interface MetricDataResultShape {
  Id?: string | undefined;
  Timestamps?: Date[] | undefined;
  Values?: number[] | undefined;
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
  return (arm, start) => {
    const key = ARM_KEY[arm];
    const latencySeconds = get(`latency_${key}`, start);
    return armFromValues(
      get(`requests_${key}`, start),
      get(`errors_${key}`, start),
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
