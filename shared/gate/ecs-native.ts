/**
 * The gate's arms on an ECS-native service (error-rate-gate, and each step of rollout): ECS's
 * deployment names them, so they are read from the provider (the green target group is the
 * candidate, the blue one the baseline, both behind one load balancer), never given as inputs.
 */
import { loadBalancerDimension, targetGroupDimension } from '../metrics/cloudwatch';
import type { MetricsSettings } from '../metrics/settings';
import type { ActionContext } from '../run';
import { providerDeps } from '../traffic/rollout';
import type { EcsTarget, GateTargets, TrafficProvider } from '../traffic/types';
import type { GateSettings } from './inputs';

/** The summary's line saying who waited for what (ECS's bake vs our gate). */
export function whoWaitsLine(waits: string): string {
  return `> **Who waits for what (ECS-native):** ${waits}`;
}

/** The CloudWatch arms of the deployment in progress, logged as they were read. */
function armsFrom(metrics: MetricsSettings, found: GateTargets, service: string, ctx: ActionContext) {
  ctx.core.info(`ECS service ${service}: candidate ${found.candidate}, baseline ${found.baseline}`);
  ctx.core.info(`Who waits for what: ${found.waits}`);
  return {
    ...metrics,
    candidate: targetGroupDimension(found.candidate),
    baseline: targetGroupDimension(found.baseline),
    loadBalancer: loadBalancerDimension(found.loadBalancer),
  };
}

/**
 * Settings whose arms are the ECS-native deployment's target groups, read from `provider` (rollout:
 * the step's own), or from a provider built for `settings.ecsNative` (error-rate-gate; its SDK loads
 * only now). Settings that are not ECS-native come back unchanged.
 */
export async function withEcsNativeArms(
  settings: GateSettings,
  ctx: ActionContext,
  action: string,
  provider?: TrafficProvider,
): Promise<{ settings: GateSettings; found?: GateTargets }> {
  const service: EcsTarget | undefined = settings.ecsNative;
  if (service === undefined || settings.metrics.source !== 'cloudwatch') return { settings };
  // The ECS SDK loads only now (it is loaded already when a step's provider is passed).
  const ecs = await import('../providers/ecs/index');
  const found =
    provider === undefined
      ? await ecs.ecsNativeGateTargets(service, providerDeps(ctx, action))
      : await ecs.gateTargetsOf(provider, service);
  const metrics = armsFrom(settings.metrics, found, service.services[0] ?? '', ctx);
  return { settings: { ...settings, metrics }, found };
}
