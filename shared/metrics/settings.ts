/** What it takes to build each metrics source; the action parses inputs into one of these. */
import type { MetricsSourceName } from './types';

export interface CommonMetricsSettings {
  /** The candidate's identity at the source: a revision name, a target group, a Prometheus label value. */
  candidate: string;
  baseline: string;
  /** Fetch latency too (only when a latency limit is set: it costs another query). */
  latency: boolean;
  /** Latency thresholds in ms for counts of slow requests, where the source has a histogram. */
  slowThresholdsMs: number[];
  /** Names the action, its version and the run, sent with every request. */
  userAgent: string;
  /** Longest wait for one request. */
  requestTimeoutMs: number;
}

export interface CloudMonitoringSettings extends CommonMetricsSettings {
  source: 'cloud-monitoring';
  project: string;
  service: string;
  /** Cloud Run region (resource label `location`); optional narrowing of the filter. */
  region?: string;
  /** host:port of a local emulator (loopback only): plain HTTP and no credentials. */
  emulatorHost?: string;
}

export interface CloudWatchSettings extends CommonMetricsSettings {
  source: 'cloudwatch';
  region: string;
  /** The LoadBalancer dimension value, `app/<name>/<id>`. */
  loadBalancer: string;
  /** Endpoint override, e.g. http://127.0.0.1:4566 for an emulator. */
  endpoint?: string;
}

export interface PrometheusSettings extends CommonMetricsSettings {
  source: 'prometheus';
  url: URL;
  /** PromQL templates; see shared/metrics/prometheus.ts for the placeholders. */
  requestsQuery: string;
  errorsQuery: string;
  latencyQuery?: string;
  /** Extra headers for the query API (e.g. Authorization); secrets, masked by the caller. */
  headers: Record<string, string>;
}

export type MetricsSettings = CloudMonitoringSettings | CloudWatchSettings | PrometheusSettings;

export type { MetricsSourceName };
