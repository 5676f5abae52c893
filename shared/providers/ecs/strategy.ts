/**
 * Pure reading of who drives an ECS service's deployments (the SDK model's
 * DeploymentController.type and DeploymentConfiguration.strategy), and which traffic mode of this
 * provider fits it: two ROLLING services behind a weighted listener, or one service whose own
 * CANARY, LINEAR or BLUE_GREEN strategy shifts the traffic (ECS-native mode).
 */
import { ActionError } from '../../errors';

export type NativeStrategy = 'CANARY' | 'LINEAR' | 'BLUE_GREEN';

/** The parts of an ECS `Service` read here; the SDK's type fits it. */
export interface StrategyView {
  deploymentController?: { type?: string | undefined } | undefined;
  deploymentConfiguration?: { strategy?: string | undefined } | undefined;
}

const FOREIGN_CONTROLLERS = new Set(['CODE_DEPLOY', 'EXTERNAL']);
const NATIVE_STRATEGIES = new Set<string>(['BLUE_GREEN', 'LINEAR', 'CANARY']);

/** The service's ECS-native strategy, or undefined for ROLLING (the default). */
export function nativeStrategyOf(service: StrategyView): NativeStrategy | undefined {
  const strategy = service.deploymentConfiguration?.strategy;
  return strategy !== undefined && NATIVE_STRATEGIES.has(strategy) ? (strategy as NativeStrategy) : undefined;
}

/**
 * Refuses, before any write, a service whose deployments something else drives: the CODE_DEPLOY
 * and EXTERNAL controllers reject a task-definition update. With two service names (the
 * two-service mode), a native strategy is refused too: ECS would write the listener itself and
 * this action would fight it over the weights.
 */
export function refuseForeignDeployments(name: string, service: StrategyView, namesGiven: number): void {
  const controller = service.deploymentController?.type ?? 'ECS';
  if (FOREIGN_CONTROLLERS.has(controller)) {
    throw new ActionError(
      `ECS service ${name} uses the ${controller} deployment controller, so its deployments and traffic are not ours to drive; use a service with the ECS controller: one service with the CANARY or LINEAR strategy, or two ROLLING services behind a weighted listener`,
    );
  }
  const strategy = nativeStrategyOf(service);
  if (strategy !== undefined && namesGiven === 2) {
    throw new ActionError(
      `ECS service ${name} uses the ECS-native ${strategy} deployment strategy: ECS shifts its listener itself, and this action would fight it over the weights. Give that one service alone in "services" (ECS-native mode), or use two ROLLING services behind a weighted listener`,
    );
  }
}

/** Why one ROLLING service can't run a canary: ECS would replace all its tasks at once. */
export function rollingOneNameReason(name: string): string {
  return `ECS service ${name} uses the ROLLING deployment strategy, which replaces its tasks without a traffic split, so a canary can't run on it alone. Give two ROLLING services (blue and green) with "listener-arn" or "listener-rule-arn", or set the service's deploymentConfiguration.strategy to CANARY or LINEAR so that ECS shifts its traffic (ECS-native mode)`;
}
