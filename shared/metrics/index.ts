/**
 * The one way to get a MetricsSource: each implementation, and its SDK, is imported only when
 * chosen, after the inputs were validated.
 */
import { endpointOverride } from '../aws/clients';
import { type Timeline, timelineFromEnv } from '../clock';
import type { MetricsSettings } from './settings';
import type { MetricsSource } from './types';

export async function createMetricsSource(settings: MetricsSettings): Promise<MetricsSource> {
  switch (settings.source) {
    case 'cloud-monitoring': {
      const { createCloudMonitoringSource } = await import('./cloud-monitoring');
      return createCloudMonitoringSource(settings);
    }
    case 'cloudwatch': {
      const { createCloudWatchSource } = await import('./cloudwatch');
      return createCloudWatchSource(settings);
    }
    case 'prometheus': {
      const { createPrometheusSource } = await import('./prometheus');
      return createPrometheusSource(settings);
    }
  }
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The accelerated timeline (shared/clock.ts) the gate runs on, honoured only when the metrics
 * source is an emulator on loopback: Cloud Monitoring or CloudWatch with an endpoint override to
 * 127.0.0.1. Against a real API, or Prometheus (whose timestamps are real), time is real.
 */
export function emulatorTimeline(settings: MetricsSettings, env: NodeJS.ProcessEnv): Timeline | undefined {
  const endpoint =
    settings.source === 'cloud-monitoring' && settings.emulatorHost
      ? `http://${settings.emulatorHost}`
      : settings.source === 'cloudwatch'
        ? (settings.endpoint ?? endpointOverride(env))
        : undefined;
  if (endpoint === undefined || !URL.canParse(endpoint)) return undefined;
  return LOOPBACK.includes(new URL(endpoint).hostname) ? timelineFromEnv(env) : undefined;
}

export { isMissing, missingArm } from './grid';
export type * from './settings';
export { settledIntervals } from './settle';
