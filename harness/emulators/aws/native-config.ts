/**
 * The deployment configuration of a service whose ECS controller shifts traffic itself
 * (strategy BLUE_GREEN, CANARY or LINEAR), read from a CreateService / UpdateService body and
 * validated as the API reference states it. References (`ECS` = node_modules/@aws-sdk/client-ecs/
 * dist-types/models/): `ECS/models_0.d.ts` CanaryConfiguration, LinearConfiguration,
 * DeploymentConfiguration, DeploymentLifecycleHook, DeploymentLifecycleHookTimeoutConfiguration,
 * LoadBalancer, AdvancedConfiguration; `ECS/enums.d.ts`. Where the reference is silent the
 * stricter reading is taken; harness/emulators/README.md lists each choice.
 */
import { invalidParameter } from './errors';

export type NativeStrategy = 'BLUE_GREEN' | 'CANARY' | 'LINEAR';
export type Strategy = 'ROLLING' | NativeStrategy;
export const STRATEGIES: readonly Strategy[] = ['ROLLING', 'BLUE_GREEN', 'CANARY', 'LINEAR'];

/** DeploymentLifecycleHookStage (ECS/enums.d.ts), in the order a deployment walks them. */
export const HOOK_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const;
export type HookStage = (typeof HOOK_STAGES)[number];

/** "PAUSE hooks cannot be configured at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages." */
const NOT_FOR_PAUSE: readonly HookStage[] = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

export type HookAction = 'CONTINUE' | 'ROLLBACK';

export interface LifecycleHook {
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages: HookStage[];
  hookDetails?: unknown;
  timeoutConfiguration: { timeoutInMinutes: number; action: HookAction };
}

export interface NativeDeploymentConfiguration {
  strategy: Strategy;
  /** Minutes both revisions run after production traffic has fully shifted. */
  bakeTimeInMinutes: number;
  canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: number };
  linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: number };
  lifecycleHooks: LifecycleHook[];
}

export interface AdvancedConfiguration {
  alternateTargetGroupArn: string;
  productionListenerRule: string;
  testListenerRule?: string;
  roleArn: string;
}

export interface ServiceLoadBalancer {
  targetGroupArn: string;
  containerName: string;
  containerPort: number;
  advancedConfiguration?: AdvancedConfiguration;
}

/** What the model can tell the validator about the load balancer resources. */
export interface ElbResources {
  hasTargetGroup(arn: string): boolean;
  hasRule(arn: string): boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "multiples of 0.1": checked on tenths, so 5.5 passes and 5.55 does not. */
const isTenth = (value: number) => Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;

function numberIn(
  value: unknown,
  name: string,
  range: { min: number; max: number; integer?: boolean; tenths?: boolean },
): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidParameter(`${name} must be a number.`);
  const { min, max } = range;
  const shape = range.integer ? 'an integer' : range.tenths ? 'a multiple of 0.1' : 'a number';
  if (
    value < min - 1e-9 ||
    value > max + 1e-9 ||
    (range.integer && !Number.isInteger(value)) ||
    (range.tenths && !isTenth(value))
  ) {
    throw invalidParameter(`${name} must be ${shape} from ${min} to ${max}.`);
  }
  return range.tenths ? Math.round(value * 10) / 10 : value;
}

function optionalString(body: Json, name: string, where: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalidParameter(`${where}.${name} must be a string.`);
  return value;
}

function parseHook(raw: unknown, index: number): LifecycleHook {
  const where = `deploymentConfiguration.lifecycleHooks[${index}]`;
  if (!isObject(raw)) throw invalidParameter(`${where} must be an object.`);
  // "If not specified, the default value is AWS_LAMBDA." (DeploymentLifecycleHook.targetType)
  const targetType = raw.targetType ?? 'AWS_LAMBDA';
  if (targetType !== 'AWS_LAMBDA' && targetType !== 'PAUSE') {
    throw invalidParameter(`${where}.targetType must be AWS_LAMBDA or PAUSE.`);
  }
  const hookTargetArn = optionalString(raw, 'hookTargetArn', where);
  const roleArn = optionalString(raw, 'roleArn', where);
  if (targetType === 'AWS_LAMBDA') {
    // "You must provide this parameter when configuring an AWS_LAMBDA lifecycle hook."
    if (!hookTargetArn?.startsWith('arn:aws:lambda:')) {
      throw invalidParameter(`${where}.hookTargetArn must be a Lambda function ARN for an AWS_LAMBDA hook.`);
    }
    // The role lets ECS call Lambda for you; the reference does not mark it required: stricter here.
    if (!roleArn?.startsWith('arn:aws:iam::')) {
      throw invalidParameter(`${where}.roleArn must be an IAM role ARN for an AWS_LAMBDA hook.`);
    }
  } else if (hookTargetArn !== undefined) {
    // "This field is not applicable for PAUSE hooks": refused rather than ignored.
    throw invalidParameter(`${where}.hookTargetArn is not applicable to a PAUSE hook.`);
  }
  const stages = raw.lifecycleStages;
  // "You must provide this parameter when configuring a deployment lifecycle hook."
  if (!Array.isArray(stages) || stages.length === 0) {
    throw invalidParameter(`${where}.lifecycleStages must name at least one stage.`);
  }
  const lifecycleStages = stages.map((stage) => {
    if (!HOOK_STAGES.includes(stage as HookStage)) {
      throw invalidParameter(`${where}.lifecycleStages: ${String(stage)} is not a lifecycle stage.`);
    }
    if (targetType === 'PAUSE' && NOT_FOR_PAUSE.includes(stage as HookStage)) {
      throw invalidParameter(
        `PAUSE hooks cannot be configured at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages (${where}).`,
      );
    }
    return stage as HookStage;
  });
  if (new Set(lifecycleStages).size !== lifecycleStages.length) {
    throw invalidParameter(`${where}.lifecycleStages names a stage twice.`);
  }
  const timeout = raw.timeoutConfiguration ?? {};
  if (!isObject(timeout)) throw invalidParameter(`${where}.timeoutConfiguration must be an object.`);
  // Defaults: "Default: 1440 (24 hours)" and "Default: ROLLBACK" (DeploymentLifecycleHookTimeoutConfiguration).
  // The range is not stated; 1–1440 minutes is taken (the same ceiling as the bake times).
  const timeoutInMinutes = numberIn(
    timeout.timeoutInMinutes ?? 1440,
    `${where}.timeoutConfiguration.timeoutInMinutes`,
    {
      min: 1,
      max: 1440,
      integer: true,
    },
  );
  const action = timeout.action ?? 'ROLLBACK';
  if (action !== 'CONTINUE' && action !== 'ROLLBACK') {
    throw invalidParameter(`${where}.timeoutConfiguration.action must be CONTINUE or ROLLBACK.`);
  }
  return {
    targetType,
    ...(hookTargetArn === undefined ? {} : { hookTargetArn }),
    ...(roleArn === undefined ? {} : { roleArn }),
    lifecycleStages,
    ...(raw.hookDetails === undefined ? {} : { hookDetails: raw.hookDetails }),
    timeoutConfiguration: { timeoutInMinutes, action },
  };
}

/** A canary or linear configuration: its percent (tenths, from `min` to 100) and bake minutes (0–1440). */
function shiftAndBake(
  raw: unknown,
  name: string,
  fields: { percent: [string, number, number]; bake: [string, number] },
): [number, number] {
  const body = raw ?? {};
  if (!isObject(body)) throw invalidParameter(`${name} must be an object.`);
  const [percentField, percentDefault, min] = fields.percent;
  const [bakeField, bakeDefault] = fields.bake;
  return [
    numberIn(body[percentField] ?? percentDefault, `${name}.${percentField}`, {
      min,
      max: 100,
      tenths: true,
    }),
    numberIn(body[bakeField] ?? bakeDefault, `${name}.${bakeField}`, { min: 0, max: 1440, integer: true }),
  ];
}

/**
 * The service's deployment configuration after a CreateService / UpdateService body. Without a
 * `deploymentConfiguration` the current one stays. With one, only `strategy` falls back to the
 * current value; the strategy's own fields (canary / linear configuration, bake time, lifecycle
 * hooks) are replaced by what the body says, defaults filling the rest. Whether UpdateService
 * merges or replaces them is not documented: replacing is the stricter reading (a caller that
 * wants to keep the user's hooks or canary percent must send them back).
 */
export function parseDeploymentConfiguration(
  raw: unknown,
  current: NativeDeploymentConfiguration | undefined,
): NativeDeploymentConfiguration {
  if (raw === undefined && current) return current;
  if (raw !== undefined && !isObject(raw))
    throw invalidParameter('deploymentConfiguration must be an object.');
  const body = raw ?? {};
  const strategy = (body.strategy ?? current?.strategy ?? 'ROLLING') as Strategy;
  if (!STRATEGIES.includes(strategy)) {
    throw invalidParameter(`deploymentConfiguration.strategy must be one of ${STRATEGIES.join(', ')}.`);
  }
  const canaryRaw = body.canaryConfiguration;
  const linearRaw = body.linearConfiguration;
  // "Only valid when the deployment strategy is CANARY / LINEAR": refused for any other strategy.
  if (body.canaryConfiguration !== undefined && strategy !== 'CANARY') {
    throw invalidParameter('canaryConfiguration is only valid when the deployment strategy is CANARY.');
  }
  if (body.linearConfiguration !== undefined && strategy !== 'LINEAR') {
    throw invalidParameter('linearConfiguration is only valid when the deployment strategy is LINEAR.');
  }
  const config: NativeDeploymentConfiguration = {
    strategy,
    bakeTimeInMinutes: 0,
    lifecycleHooks: [],
  };
  const bake = body.bakeTimeInMinutes;
  if (strategy === 'BLUE_GREEN' && bake === undefined) {
    // "You must provide this parameter when you use the BLUE_GREEN deployment strategy."
    throw invalidParameter(
      'deploymentConfiguration.bakeTimeInMinutes is required for the BLUE_GREEN strategy.',
    );
  }
  if (bake !== undefined) {
    config.bakeTimeInMinutes = numberIn(bake, 'deploymentConfiguration.bakeTimeInMinutes', {
      min: 0,
      max: 1440,
      integer: true,
    });
  }
  if (strategy === 'CANARY') {
    // "Valid values are multiples of 0.1 from 0.1 to 100.0. The default value is 5.0." and
    // "Valid values are 0 to 1440 minutes (24 hours). The default value is 10."
    const [canaryPercent, canaryBakeTimeInMinutes] = shiftAndBake(canaryRaw, 'canaryConfiguration', {
      percent: ['canaryPercent', 5, 0.1],
      bake: ['canaryBakeTimeInMinutes', 10],
    });
    config.canaryConfiguration = { canaryPercent, canaryBakeTimeInMinutes };
  }
  if (strategy === 'LINEAR') {
    // "Valid values are multiples of 0.1 from 3.0 to 100.0. The default value is 10.0." and
    // "Valid values are 0 to 1440 minutes (24 hours). The default value is 6."
    const [stepPercent, stepBakeTimeInMinutes] = shiftAndBake(linearRaw, 'linearConfiguration', {
      percent: ['stepPercent', 10, 3],
      bake: ['stepBakeTimeInMinutes', 6],
    });
    config.linearConfiguration = { stepPercent, stepBakeTimeInMinutes };
  }
  const hooksRaw = body.lifecycleHooks ?? [];
  if (!Array.isArray(hooksRaw))
    throw invalidParameter('deploymentConfiguration.lifecycleHooks must be a list.');
  config.lifecycleHooks = hooksRaw.map((hook, i) => parseHook(hook, i));
  if (config.lifecycleHooks.length > 0 && strategy === 'ROLLING') {
    // Lifecycle hooks belong to the blue/green, canary and linear deployment workflows.
    throw invalidParameter('lifecycleHooks are only valid with the BLUE_GREEN, CANARY or LINEAR strategy.');
  }
  return config;
}

/** The service's load balancers, with the advanced configuration the native strategies need. */
export function parseLoadBalancers(
  raw: unknown,
  strategy: Strategy,
  elb: ElbResources,
): ServiceLoadBalancer[] {
  if (raw === undefined) raw = [];
  if (!Array.isArray(raw)) throw invalidParameter('loadBalancers must be a list.');
  const parsed = raw.map((item, i): ServiceLoadBalancer => {
    const where = `loadBalancers[${i}]`;
    if (!isObject(item)) throw invalidParameter(`${where} must be an object.`);
    const targetGroupArn = optionalString(item, 'targetGroupArn', where);
    if (targetGroupArn === undefined || !elb.hasTargetGroup(targetGroupArn)) {
      throw invalidParameter(`${where}.targetGroupArn does not name a target group.`);
    }
    const containerName = optionalString(item, 'containerName', where) ?? 'app';
    const containerPort = typeof item.containerPort === 'number' ? item.containerPort : 8080;
    const advanced = item.advancedConfiguration;
    if (advanced === undefined) return { targetGroupArn, containerName, containerPort };
    if (!isObject(advanced)) throw invalidParameter(`${where}.advancedConfiguration must be an object.`);
    const at = `${where}.advancedConfiguration`;
    const alternateTargetGroupArn = optionalString(advanced, 'alternateTargetGroupArn', at);
    const productionListenerRule = optionalString(advanced, 'productionListenerRule', at);
    const testListenerRule = optionalString(advanced, 'testListenerRule', at);
    const roleArn = optionalString(advanced, 'roleArn', at);
    if (alternateTargetGroupArn === undefined || !elb.hasTargetGroup(alternateTargetGroupArn)) {
      throw invalidParameter(`${at}.alternateTargetGroupArn does not name a target group.`);
    }
    if (alternateTargetGroupArn === targetGroupArn) {
      throw invalidParameter(`${at}.alternateTargetGroupArn must differ from targetGroupArn.`);
    }
    if (productionListenerRule === undefined || !elb.hasRule(productionListenerRule)) {
      throw invalidParameter(`${at}.productionListenerRule does not name a listener rule.`);
    }
    if (testListenerRule !== undefined && !elb.hasRule(testListenerRule)) {
      throw invalidParameter(`${at}.testListenerRule does not name a listener rule.`);
    }
    if (testListenerRule === productionListenerRule) {
      throw invalidParameter(`${at}.testListenerRule must differ from productionListenerRule.`);
    }
    // "The ARN of the IAM role that grants Amazon ECS permission to call the Elastic Load
    // Balancing APIs for you": ECS cannot shift traffic without it, so it is required here.
    if (!roleArn?.startsWith('arn:aws:iam::'))
      throw invalidParameter(`${at}.roleArn must be an IAM role ARN.`);
    return {
      targetGroupArn,
      containerName,
      containerPort,
      advancedConfiguration: {
        alternateTargetGroupArn,
        productionListenerRule,
        ...(testListenerRule === undefined ? {} : { testListenerRule }),
        roleArn,
      },
    };
  });
  if (strategy !== 'ROLLING') {
    // Required resources for blue/green, canary and linear: a load balancer whose advanced
    // configuration names the alternate target group and the production listener rule.
    if (parsed.length === 0) {
      throw invalidParameter(
        `The ${strategy} deployment strategy requires a load balancer with an advancedConfiguration.`,
      );
    }
    const missing = parsed.findIndex((lb) => lb.advancedConfiguration === undefined);
    if (missing >= 0) {
      throw invalidParameter(
        `loadBalancers[${missing}].advancedConfiguration is required for the ${strategy} deployment strategy.`,
      );
    }
  } else if (parsed.some((lb) => lb.advancedConfiguration !== undefined)) {
    throw invalidParameter(
      'advancedConfiguration is only valid with the BLUE_GREEN, CANARY or LINEAR strategy.',
    );
  }
  return parsed;
}

/**
 * Green's share of production traffic after each production traffic shift, in percent. CANARY:
 * canaryPercent, then 100. LINEAR: stepPercent, 2×stepPercent, … capped at 100. BLUE_GREEN: 100.
 */
export function productionSteps(config: NativeDeploymentConfiguration): number[] {
  if (config.strategy === 'CANARY' && config.canaryConfiguration) {
    const canary = config.canaryConfiguration.canaryPercent;
    return canary >= 100 ? [100] : [canary, 100];
  }
  if (config.strategy === 'LINEAR' && config.linearConfiguration) {
    const step = config.linearConfiguration.stepPercent;
    const steps: number[] = [];
    for (let n = 1; Math.round(n * step * 10) / 10 < 100; n++) steps.push(Math.round(n * step * 10) / 10);
    return [...steps, 100];
  }
  return [100];
}

/** The bake time between two production shifts (not applied after 100 %), in minutes. */
export function stepBakeMinutes(config: NativeDeploymentConfiguration): number {
  if (config.strategy === 'CANARY') return config.canaryConfiguration?.canaryBakeTimeInMinutes ?? 0;
  if (config.strategy === 'LINEAR') return config.linearConfiguration?.stepBakeTimeInMinutes ?? 0;
  return 0;
}
