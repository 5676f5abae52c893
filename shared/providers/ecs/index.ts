/**
 * The ECS traffic provider, in the mode the service calls for: two ROLLING services behind a
 * weighted listener (./two-services.ts), or one service whose ECS-native CANARY, LINEAR or
 * BLUE_GREEN strategy shifts the traffic itself (./native.ts). Both are built on the same parts:
 * the calls (./api.ts), the services (./services.ts), the listener (./listener.ts) and one poll
 * loop (./poll.ts).
 */
import { regionFrom } from '../../aws/clients';
import { ActionError, InputError } from '../../errors';
import type { EcsTarget, GateTargets, ProviderDeps, TrafficProvider } from '../../traffic/types';
import { EcsApi } from './api';
import { EcsServices } from './services';
import { nativeStrategyOf, refuseForeignDeployments, rollingOneNameReason } from './strategy';
import { TwoServiceProvider } from './two-services';

export { isRetryableAwsError } from './api';

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export async function createEcsTrafficProvider(
  target: EcsTarget,
  deps: ProviderDeps,
): Promise<TrafficProvider> {
  // Checked before the SDK loads: a malformed region would only fail later as an unreachable host.
  if (target.region !== undefined && !AWS_REGION.test(target.region)) {
    throw new InputError('region', `"${target.region}" is not an AWS region`, 'eu-west-1');
  }
  const region = regionFrom(target.region, deps.env);
  if (region === undefined) {
    throw new ActionError(
      'no AWS region: give input "region" or set AWS_REGION (aws-actions/configure-aws-credentials does)',
    );
  }
  const hasListener = target.listenerArn !== undefined || target.listenerRuleArn !== undefined;
  const oneName = target.services.length === 1;
  // The SDKs load only now, after the inputs were validated; ELBv2 only when a listener is involved
  // (the one-name form may be ECS-native, whose production listener rule the service names).
  const [ecsSdk, elbSdk] = await Promise.all([
    import('@aws-sdk/client-ecs'),
    hasListener || oneName ? import('@aws-sdk/client-elastic-load-balancing-v2') : Promise.resolve(undefined),
  ]);
  const api = new EcsApi(deps, region, ecsSdk, elbSdk);
  await api.requireCredentials();
  if (!oneName) return new TwoServiceProvider(target, api);

  // One name: what the service is decides the mode (read-only, before any write).
  const [name] = target.services;
  const service = (await new EcsServices(api, target.cluster).describe([name])).get(name);
  if (service === undefined) throw new ActionError(`ECS service ${name} not found`);
  refuseForeignDeployments(name, service, 1);
  const strategy = nativeStrategyOf(service);
  if (strategy === undefined) {
    return new TwoServiceProvider(target, api, rollingOneNameReason(name));
  }
  const { NativeProvider } = await import('./native');
  return NativeProvider.create(target, api, service, strategy);
}

/**
 * The gate's CloudWatch targets of an ECS-native service (source cloudwatch without target groups
 * given): the green and blue target groups of its deployment, and their load balancer.
 */
export async function ecsNativeGateTargets(target: EcsTarget, deps: ProviderDeps): Promise<GateTargets> {
  return gateTargetsOf(await createEcsTrafficProvider(target, deps), target);
}

/** The gate's targets from a provider already built for `target` (rollout's step), or a refusal. */
export function gateTargetsOf(provider: TrafficProvider, target: EcsTarget): Promise<GateTargets> {
  if (provider.gateTargets === undefined) {
    throw new ActionError(
      `ECS service ${target.services.join(', ')} does not use an ECS-native strategy, so its candidate and baseline target groups can't be read from it; give "candidate-target-group" and "baseline-target-group"`,
    );
  }
  return provider.gateTargets();
}
