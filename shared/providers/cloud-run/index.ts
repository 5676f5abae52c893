import { ActionError } from '../../errors';
import type { CloudRunTarget } from '../../traffic/settings';
import type { ProviderDeps, TrafficProvider } from '../types';

export async function createCloudRunTrafficProvider(
  _target: CloudRunTarget,
  _deps: ProviderDeps,
): Promise<TrafficProvider> {
  throw new ActionError('cloud-run provider not built yet');
}
