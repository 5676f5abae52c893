/**
 * Pure reading of who drives an ECS service's deployments (the SDK model's
 * DeploymentController.type and DeploymentConfiguration.strategy), and which traffic mode of this
 * provider fits it: two ROLLING services behind a weighted listener, or one service whose own
 * CANARY, LINEAR or BLUE_GREEN strategy shifts the traffic (ECS-native mode).
 */
import { ActionError, InputError } from '../../errors';

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

/** canary-shift's (and rollout's) input naming the rollout's steps. */
export const STEPS_INPUT = 'steps';

/** The parts of a DeploymentConfiguration that set a native strategy's traffic steps. */
export interface StepConfigurationView {
  canaryConfiguration?: { canaryPercent?: number | undefined } | undefined;
  linearConfiguration?: { stepPercent?: number | undefined } | undefined;
}

/** ECS's defaults when the configuration leaves them out (SDK model: CanaryConfiguration, LinearConfiguration). */
const DEFAULT_CANARY_PERCENT = 5;
const DEFAULT_STEP_PERCENT = 10;
/** LinearConfiguration.stepPercent: "Valid values are multiples of 0.1 from 3.0 to 100.0". */
const MIN_STEP_PERCENT = 3;

/**
 * The candidate's production shares ECS moves through, in order, ending at 100: CANARY
 * canaryPercent then 100; LINEAR stepPercent, 2 × stepPercent, … then 100; BLUE_GREEN 100 at once.
 */
export function nativeSequence(strategy: NativeStrategy, configuration: StepConfigurationView): number[] {
  if (strategy === 'BLUE_GREEN') return [100];
  if (strategy === 'CANARY') {
    const canary = configuration.canaryConfiguration?.canaryPercent ?? DEFAULT_CANARY_PERCENT;
    return canary >= 100 ? [100] : [canary, 100];
  }
  const step = configuration.linearConfiguration?.stepPercent ?? DEFAULT_STEP_PERCENT;
  const sequence: number[] = [];
  for (let share = step; share < 100; share += step) sequence.push(Math.round(share * 10) / 10);
  return [...sequence, 100];
}

/** What a strategy can express, for messages: "CANARY: one step, then 100 (e.g. 10,100)". */
export function permittedSteps(strategy: NativeStrategy): string {
  switch (strategy) {
    case 'CANARY':
      return 'CANARY permits one step, then 100 (e.g. 10,100)';
    case 'LINEAR':
      return `LINEAR permits equal steps of ${MIN_STEP_PERCENT} to 100 %, then 100 (e.g. 20,40,60,80,100 or 30,60,90,100)`;
    case 'BLUE_GREEN':
      return 'BLUE_GREEN shifts all production traffic at once, so it permits only 100 (its bake time keeps the old revision for an instant rollback)';
  }
}

/**
 * Maps our `steps` onto the strategy's configuration, or refuses before any write with what the
 * strategy permits. CANARY: one step then 100 → canaryPercent. LINEAR: equal steps → stepPercent.
 * BLUE_GREEN: only 100 (it has no partial production shift for a gate to judge).
 */
export function planNativeSteps(strategy: NativeStrategy, steps: readonly number[]): StepConfigurationView {
  const refuse = (why: string) =>
    new InputError(STEPS_INPUT, `${why}; the service's ${permittedSteps(strategy)}`, exampleSteps(strategy));
  const [first] = steps;
  if (first === undefined || steps[steps.length - 1] !== 100) throw refuse('must end at 100');
  if (strategy === 'BLUE_GREEN') {
    if (steps.length !== 1) throw refuse(`${steps.join(',')} has partial steps`);
    return {};
  }
  if (strategy === 'CANARY') {
    if (steps.length !== 2) throw refuse(`${steps.join(',')} has ${steps.length} steps`);
    return { canaryConfiguration: { canaryPercent: first } };
  }
  if (first < MIN_STEP_PERCENT)
    throw refuse(`a linear step of ${first} % is below ECS's minimum of ${MIN_STEP_PERCENT} %`);
  const expected = nativeSequence('LINEAR', { linearConfiguration: { stepPercent: first } });
  if (expected.join(',') !== steps.join(',')) {
    throw refuse(
      `${steps.join(',')} is not in equal steps of ${first} % (that would be ${expected.join(',')})`,
    );
  }
  return { linearConfiguration: { stepPercent: first } };
}

function exampleSteps(strategy: NativeStrategy): string {
  return strategy === 'CANARY' ? '10,100' : strategy === 'LINEAR' ? '20,40,60,80,100' : '100';
}

/** The share ECS shifts to next from `current`, or undefined when it is at 100 already. */
export function nextNativeShare(sequence: readonly number[], current: number): number | undefined {
  return sequence.find((share) => share > current);
}
