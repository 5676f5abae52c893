/**
 * The one way to get a MetricsSource: each implementation, and its SDK, is imported only when
 * chosen, after the inputs were validated.
 */
import type { MetricsSource } from '../providers/types';
import type { MetricsSettings } from './settings';

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

export { isMissing, missingArm } from './grid';
export type * from './settings';
