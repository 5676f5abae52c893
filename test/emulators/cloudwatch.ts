/**
 * CloudWatch GetMetricData (AWS JSON 1.0, `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`)
 * answered from real routed traffic: sample.group is the LoadBalancer dimension value
 * (`app/name/id`) and sample.version the TargetGroup dimension value (`targetgroup/name/id`).
 *
 * Serves the AWS/ApplicationELB metrics per TargetGroup + LoadBalancer as an ALB publishes them:
 * RequestCount, HTTPCode_Target_{2,3,4,5}XX_Count (a period appears only when its count is
 * non-zero) and TargetResponseTime in seconds (Average, Minimum, Maximum, SampleCount, pNN).
 * Periods start on multiples of Period; values come oldest first with ScanBy TimestampAscending.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultPlan, type MetricsEmulatorHandler } from './cloud-monitoring';
import type { RequestSample, TrafficLog } from './traffic-log';

const TARGET = 'GraniteServiceVersion20100801.GetMetricData';
const MAX_PERIODS_PER_PAGE = 1000;

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

function statistic(stat: string, metric: string, samples: readonly RequestSample[]): number | undefined {
  const codeClass = metric.match(/^HTTPCode_Target_(\d)XX_Count$/)?.[1];
  if (metric === 'RequestCount' || codeClass) {
    const count = codeClass
      ? samples.filter((s) => Math.floor(s.status / 100) === Number(codeClass)).length
      : samples.length;
    if (count === 0) return undefined; // ALB publishes these only when non-zero
    if (stat === 'Sum' || stat === 'SampleCount') return count;
    throw new AwsError(400, 'InvalidParameterCombination', `Statistic ${stat} is not served for ${metric}`);
  }
  if (metric === 'TargetResponseTime') {
    if (samples.length === 0) return undefined;
    const seconds = samples.map((s) => s.latencyMs / 1000).sort((a, b) => a - b);
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
        throw new AwsError(
          400,
          'InvalidParameterCombination',
          `Statistic ${stat} is not served for ${metric}`,
        );
    }
  }
  return undefined; // an unknown metric has no data, as in CloudWatch
}

function toEpochMs(value: unknown): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') return Date.parse(value);
  return Number.NaN;
}

export function cloudWatchHandler(log: TrafficLog): MetricsEmulatorHandler {
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
      const results = queries.map((query) => {
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
        const dims = Object.fromEntries((stat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value]));
        const samples =
          stat.Metric.Namespace === 'AWS/ApplicationELB'
            ? log.samples({
                ...(dims.LoadBalancer ? { group: dims.LoadBalancer } : {}),
                ...(dims.TargetGroup ? { version: dims.TargetGroup } : {}),
                from: Math.floor(start / periodMs) * periodMs,
                to: end,
              })
            : [];
        const timestamps: number[] = [];
        const values: (number | string)[] = [];
        for (let p = Math.floor(start / periodMs) * periodMs; p < end; p += periodMs) {
          const inPeriod = samples.filter((s) => s.at >= p && s.at < p + periodMs);
          const value = statistic(stat.Stat, stat.Metric.MetricName, inPeriod);
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
  return handler;
}
