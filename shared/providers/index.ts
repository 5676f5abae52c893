/**
 * Builds the traffic provider for the validated settings. Each provider (and its SDK) is imported
 * only on the path that uses it, after the inputs were checked: a Cloud Run run never loads the
 * AWS SDK, and a bad input fails before either is loaded.
 */
import type { TrafficTarget } from '../traffic/settings';
import type { ProviderDeps, TrafficProvider } from './types';

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

/** The version the bundles report in their user agent (kept in step with package.json by release). */
export const SUITE_VERSION = '1.0.0';

/** "rollout-actions/canary-shift/1.0.0 (acme/shop run 4242/1)": names the action, version and run. */
export function userAgent(action: string, env: NodeJS.ProcessEnv): string {
  const run =
    env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? ` (${env.GITHUB_REPOSITORY} run ${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? '1'})`
      : '';
  return `rollout-actions/${action}/${SUITE_VERSION}${run}`;
}
