/**
 * Builds the traffic provider for the validated settings. Each provider (and its SDK) is imported
 * only on the path that uses it, after the inputs were checked: a Cloud Run run never loads the
 * AWS SDK, and a bad input fails before either is loaded.
 */
import type { ProviderDeps, TrafficProvider, TrafficTarget } from '../traffic/types';

export async function createTrafficProvider(
  target: TrafficTarget,
  deps: ProviderDeps,
): Promise<TrafficProvider> {
  switch (target.provider) {
    case 'cloud-run': {
      const { createCloudRunTrafficProvider } = await import('./cloud-run/index');
      return createCloudRunTrafficProvider(target, deps);
    }
    case 'ecs': {
      const { createEcsTrafficProvider } = await import('./ecs/index');
      return createEcsTrafficProvider(target, deps);
    }
  }
}
