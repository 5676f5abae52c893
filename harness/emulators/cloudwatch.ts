/**
 * CloudWatch GetMetricData (AWS JSON 1.0, `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`)
 * answered from real routed traffic: sample.group is the LoadBalancer dimension value
 * (`app/name/id`) and sample.version the TargetGroup dimension value (`targetgroup/name/id`).
 *
 * Serves the AWS/ApplicationELB metrics as the ALB documents them ("CloudWatch metrics for your
 * Application Load Balancer"):
 * - per LoadBalancer, or LoadBalancer + TargetGroup: RequestCount (only requests for which the ALB
 *   could choose a target), HTTPCode_Target_{2,3,4,5}XX_Count (responses the targets generated),
 *   TargetResponseTime in seconds (Average, Minimum, Maximum, SampleCount, pNN);
 * - per LoadBalancer + TargetGroup only: TargetConnectionErrorCount, HealthyHostCount and
 *   UnHealthyHostCount (Average, Minimum, Maximum);
 * - per LoadBalancer only: HTTPCode_ELB_{4,5}XX_Count and HTTPCode_ELB_{500,502,503,504}_Count,
 *   the answers the ALB generated itself, which exclude every target response. Asked with a
 *   TargetGroup dimension they have no data, as in CloudWatch (no such series exists).
 * Counts appear only for periods where they are non-zero. Periods start on multiples of Period,
 * which must be a multiple of 60 (ALB metrics have regular resolution; MetricStat.Period); values
 * come oldest first with ScanBy TimestampAscending. Samples show up after an ingestion lag (ALB
 * metrics are sent every 60 s), on the callers' timeline (see Ingestion in traffic-log.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toWall } from '../../shared/clock';
import { FaultPlan, ingestionOf, type MetricsEmulatorHandler, MIN_PERIOD_MS } from './cloud-monitoring';
import type { Ingestion, IngestionOptions, RequestSample, TrafficLog } from './traffic-log';

const TARGET = 'GraniteServiceVersion20100801.GetMetricData';
const MAX_PERIODS_PER_PAGE = 1000;

/** ALB metrics reach CloudWatch each minute, then lag: samples show up within two minutes. */
export const ALB_INGESTION: IngestionOptions = { minDelayMs: 0, maxDelayMs: 120_000 };

interface Query {
  Id?: string;
  ReturnData?: boolean;
  Label?: string;
  MetricStat?: {
    Metric?: { Namespace?: string; MetricName?: string; Dimensions?: { Name?: string; Value?: string }[] };
    Period?: number;
    Stat?: string;
  };
  Expression?: string;
}

class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const unserved = (stat: string, metric: string) =>
  new AwsError(400, 'InvalidParameterCombination', `Statistic ${stat} is not served for ${metric}`);

/** The samples a count metric counts, or undefined when the metric is not a count of requests. */
function countedBy(metric: string, hasTargetGroup: boolean): ((s: RequestSample) => boolean) | undefined {
  const byElb = (s: RequestSample) => s.answeredBy === 'load-balancer';
  if (metric === 'RequestCount') return (s) => !s.noTarget;
  const target = metric.match(/^HTTPCode_Target_(\d)XX_Count$/)?.[1];
  if (target) return (s) => !byElb(s) && Math.floor(s.status / 100) === Number(target);
  if (metric === 'TargetConnectionErrorCount')
    return hasTargetGroup ? (s) => s.connectionError === true : () => false;
  const elbClass = metric.match(/^HTTPCode_ELB_(\d)XX_Count$/)?.[1];
  const elbCode = metric.match(/^HTTPCode_ELB_(\d{3})_Count$/)?.[1];
  // Load-balancer dimension only: with a TargetGroup there is no such series.
  if (elbClass)
    return hasTargetGroup ? () => false : (s) => byElb(s) && Math.floor(s.status / 100) === Number(elbClass);
  if (elbCode) return hasTargetGroup ? () => false : (s) => byElb(s) && s.status === Number(elbCode);
  return undefined;
}

function statistic(
  stat: string,
  metric: string,
  hasTargetGroup: boolean,
  samples: readonly RequestSample[],
): number | undefined {
  const counted = countedBy(metric, hasTargetGroup);
  if (counted) {
    const count = samples.filter(counted).length;
    if (count === 0) return undefined; // ALB publishes these only when non-zero
    if (stat === 'Sum' || stat === 'SampleCount') return count;
    throw unserved(stat, metric);
  }
  if (metric === 'TargetResponseTime') {
    // The time until the target answered: requests the ALB answered itself have none.
    const answered = samples.filter((s) => s.answeredBy === undefined);
    if (answered.length === 0) return undefined;
    const seconds = answered.map((s) => s.latencyMs / 1000).sort((a, b) => a - b);
    const percentile = stat.match(/^p(\d+(?:\.\d+)?)$/);
    if (percentile) {
      const rank = Math.ceil((Number(percentile[1]) / 100) * seconds.length);
      return seconds[Math.min(seconds.length - 1, Math.max(0, rank - 1))];
    }
    switch (stat) {
      case 'Average':
        return seconds.reduce((a, b) => a + b, 0) / seconds.length;
      case 'Minimum':
        return seconds[0];
      case 'Maximum':
        return seconds.at(-1);
      case 'SampleCount':
        return seconds.length;
      default:
        throw unserved(stat, metric);
    }
  }
  return undefined; // an unknown metric has no data, as in CloudWatch
}

/** HealthyHostCount / UnHealthyHostCount of a target group over one period (one value: the state then). */
function hostCount(
  log: TrafficLog,
  ingestion: Ingestion,
  namespace: string | undefined,
  metric: string,
  stat: string,
  dims: Record<string, string | undefined>,
  periodEnd: number,
): number | undefined {
  if (metric !== 'HealthyHostCount' && metric !== 'UnHealthyHostCount') return undefined;
  if (namespace !== 'AWS/ApplicationELB' || !dims.LoadBalancer || !dims.TargetGroup) return undefined;
  if (!['Average', 'Minimum', 'Maximum'].includes(stat)) throw unserved(stat, metric);
  const t = ingestion.timeline;
  const health = log.healthAt(dims.LoadBalancer, dims.TargetGroup, t ? toWall(t, periodEnd) : periodEnd);
  if (!health) return undefined; // reported only while targets are registered
  return metric === 'HealthyHostCount' ? health.healthy : health.unhealthy;
}

function toEpochMs(value: unknown): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') return Date.parse(value);
  return Number.NaN;
}

export function cloudWatchHandler(
  log: TrafficLog,
  options: { ingestion?: IngestionOptions | Ingestion } = {},
): MetricsEmulatorHandler {
  const ingestion = ingestionOf(options.ingestion, ALB_INGESTION);
  const faults = new FaultPlan();
  const calls: MetricsEmulatorHandler['calls'] = [];

  const handler = (async (req: IncomingMessage, res: ServerResponse, body: string) => {
    if (req.headers['x-amz-target'] !== TARGET) return false;
    calls.push({ path: TARGET, at: Date.now() });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      res.setHeader('x-amzn-requestid', `req-${calls.length}`);
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.end(JSON.stringify(payload));
    };
    try {
      const fault = faults.take();
      if (fault?.kind === 'throttle') throw new AwsError(400, 'Throttling', 'Rate exceeded');
      if (fault?.kind === 'status') {
        throw new AwsError(
          fault.status,
          fault.status === 503
            ? 'ServiceUnavailable'
            : fault.status === 429
              ? 'Throttling'
              : 'InternalFailure',
          `Injected fault ${fault.status}`,
        );
      }
      const input = JSON.parse(body || '{}') as {
        MetricDataQueries?: Query[];
        StartTime?: unknown;
        EndTime?: unknown;
        ScanBy?: string;
        NextToken?: string;
      };
      const queries = input.MetricDataQueries ?? [];
      if (queries.length === 0 || queries.length > 500) {
        throw new AwsError(400, 'ValidationError', 'MetricDataQueries must hold 1 to 500 queries');
      }
      const start = toEpochMs(input.StartTime);
      const end = toEpochMs(input.EndTime);
      if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
        throw new AwsError(
          400,
          'ValidationError',
          'The parameter StartTime must be less than the parameter EndTime.',
        );
      }
      const now = ingestion.now();
      const results = queries.map((query, index) => {
        const stat = query.MetricStat;
        if (!query.Id || !/^[a-z][a-zA-Z0-9_]*$/.test(query.Id)) {
          throw new AwsError(400, 'ValidationError', `Invalid Id: ${query.Id ?? '(none)'}`);
        }
        if (!stat?.Metric?.MetricName || !stat.Period || !stat.Stat) {
          throw new AwsError(
            400,
            'ValidationError',
            `Query ${query.Id}: this emulator serves MetricStat queries only`,
          );
        }
        const periodMs = stat.Period * 1000;
        if (stat.Metric.Namespace === 'AWS/ApplicationELB' && periodMs % MIN_PERIOD_MS !== 0) {
          throw new AwsError(
            400,
            'InvalidParameterValue',
            `The parameter MetricDataQueries.member.${index + 1}.MetricStat.Period must be a multiple of 60 for metrics with regular resolution.`,
          );
        }
        const dims = Object.fromEntries((stat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value]));
        const first = Math.floor(start / periodMs) * periodMs;
        const samples =
          stat.Metric.Namespace === 'AWS/ApplicationELB'
            ? ingestion.visible(log, {
                ...(dims.LoadBalancer ? { group: dims.LoadBalancer } : {}),
                ...(dims.TargetGroup ? { version: dims.TargetGroup } : {}),
                from: first,
                to: end,
              })
            : [];
        const timestamps: number[] = [];
        const values: (number | string)[] = [];
        for (let p = first; p < end; p += periodMs) {
          const inPeriod = samples.filter((s) => s.at >= p && s.at < p + periodMs);
          const name = stat.Metric.MetricName;
          const value =
            (p + periodMs <= now
              ? hostCount(log, ingestion, stat.Metric.Namespace, name, stat.Stat, dims, p + periodMs)
              : undefined) ?? statistic(stat.Stat, name, dims.TargetGroup !== undefined, inPeriod);
          if (value === undefined) continue;
          timestamps.push(p / 1000);
          // The JSON protocol writes a non-finite double as a string: "NaN".
          values.push(fault?.kind === 'nan' ? 'NaN' : value);
        }
        if (input.ScanBy !== 'TimestampAscending') {
          timestamps.reverse();
          values.reverse();
        }
        return {
          Id: query.Id,
          Label: query.Label ?? stat.Metric.MetricName,
          Timestamps: fault?.kind === 'empty' ? [] : timestamps.slice(0, MAX_PERIODS_PER_PAGE),
          Values: fault?.kind === 'empty' ? [] : values.slice(0, MAX_PERIODS_PER_PAGE),
          StatusCode: 'Complete',
        };
      });
      send(200, {
        MetricDataResults: results.filter((_, i) => queries[i]?.ReturnData !== false),
        Messages: [],
      });
    } catch (err) {
      const e = err instanceof AwsError ? err : new AwsError(500, 'InternalFailure', String(err));
      send(e.status, { __type: e.type, message: e.message }, { 'x-amzn-query-error': `${e.type};Sender` });
    }
    return true;
  }) as MetricsEmulatorHandler;
  handler.faults = faults;
  handler.calls = calls;
  handler.ingestion = ingestion;
  return handler;
}
