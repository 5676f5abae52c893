/**
 * Which service a traffic action acts on, for either provider: the inputs canary-shift and
 * rollback share, parsed and cross-checked in one place so both actions accept the same forms.
 */
import {
  AWS_REGION,
  CLOUD_RUN_SERVICE,
  checkIdentity,
  ECS_CLUSTER,
  ECS_SERVICE,
  ECS_TASK_DEFINITION,
  ELB_LISTENER,
  ELB_LISTENER_RULE,
  GCP_PROJECT,
  GCP_REGION,
} from '../cloud-identities';
import { InputError } from '../errors';
import type { InputReader } from '../inputs';
import type { ProviderName, TrafficTarget } from './types';

/** Input names common to canary-shift and rollback (each action.yml declares them). */
export const TARGET_INPUTS = {
  provider: 'provider',
  project: 'project',
  region: 'region',
  service: 'service',
  cluster: 'cluster',
  services: 'services',
  listenerArn: 'listener-arn',
  listenerRuleArn: 'listener-rule-arn',
} as const;

export const PROVIDERS: readonly ProviderName[] = ['cloud-run', 'ecs'];

/** Inputs that belong to one provider only: given with the other, they are a mistake worth stopping on. */
const ONLY_FOR: Record<string, ProviderName> = {
  [TARGET_INPUTS.project]: 'cloud-run',
  [TARGET_INPUTS.service]: 'cloud-run',
  [TARGET_INPUTS.cluster]: 'ecs',
  [TARGET_INPUTS.services]: 'ecs',
  [TARGET_INPUTS.listenerArn]: 'ecs',
  [TARGET_INPUTS.listenerRuleArn]: 'ecs',
};

/** Fails on an input that the other provider takes (`extra` adds action-specific ones). */
export function rejectOtherProviderInputs(
  read: InputReader,
  provider: ProviderName,
  extra: Record<string, ProviderName> = {},
): void {
  for (const [name, owner] of Object.entries({ ...ONLY_FOR, ...extra })) {
    if (owner !== provider && read.optional(name) !== undefined) {
      throw new InputError(name, `applies to provider "${owner}" only, and provider is "${provider}"`);
    }
  }
}

export function readTrafficTarget(
  read: InputReader,
  extra: Record<string, ProviderName> = {},
  options: { singleEcsService?: boolean } = {},
): TrafficTarget {
  const provider = read.choice(TARGET_INPUTS.provider, PROVIDERS);
  rejectOtherProviderInputs(read, provider, extra);
  if (provider === 'cloud-run') {
    const project = checkIdentity(
      GCP_PROJECT,
      TARGET_INPUTS.project,
      read.required(TARGET_INPUTS.project, GCP_PROJECT.example),
    );
    const region = checkIdentity(
      GCP_REGION,
      TARGET_INPUTS.region,
      read.required(TARGET_INPUTS.region, GCP_REGION.example),
    );
    const service = checkIdentity(
      CLOUD_RUN_SERVICE,
      TARGET_INPUTS.service,
      read.required(TARGET_INPUTS.service, CLOUD_RUN_SERVICE.example),
    );
    return { provider, project, region, service };
  }
  const cluster = checkIdentity(
    ECS_CLUSTER,
    TARGET_INPUTS.cluster,
    read.required(TARGET_INPUTS.cluster, ECS_CLUSTER.example),
  );
  const services = read.list(TARGET_INPUTS.services);
  for (const name of services)
    checkIdentity(ECS_SERVICE, TARGET_INPUTS.services, name, 'shop-blue,shop-green');
  const rawRegion = read.optional(TARGET_INPUTS.region);
  const region =
    rawRegion === undefined ? undefined : checkIdentity(AWS_REGION, TARGET_INPUTS.region, rawRegion);
  const [blue, green] = services;
  const listenerGiven =
    read.optional(TARGET_INPUTS.listenerArn) !== undefined ||
    read.optional(TARGET_INPUTS.listenerRuleArn) !== undefined;
  if (options.singleEcsService && services.length === 1 && blue !== undefined && !listenerGiven) {
    // One service without a load balancer: only its task definition can be restored.
    return { provider, cluster, services: [blue], ...(region === undefined ? {} : { region }) };
  }
  if (services.length !== 2 || blue === undefined || green === undefined || blue === green) {
    throw new InputError(
      TARGET_INPUTS.services,
      `needs two different service names (blue and green), got ${services.length === 0 ? 'none' : services.join(', ')}`,
      'shop-blue,shop-green',
    );
  }
  const listenerArn = read.optional(TARGET_INPUTS.listenerArn);
  const listenerRuleArn = read.optional(TARGET_INPUTS.listenerRuleArn);
  if ((listenerArn === undefined) === (listenerRuleArn === undefined)) {
    throw new InputError(
      listenerArn === undefined ? TARGET_INPUTS.listenerRuleArn : TARGET_INPUTS.listenerArn,
      'give exactly one of "listener-rule-arn" and "listener-arn"',
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
    );
  }
  if (listenerArn !== undefined) checkIdentity(ELB_LISTENER, TARGET_INPUTS.listenerArn, listenerArn);
  if (listenerRuleArn !== undefined) {
    checkIdentity(ELB_LISTENER_RULE, TARGET_INPUTS.listenerRuleArn, listenerRuleArn);
  }
  return {
    provider,
    cluster,
    services: [blue, green],
    ...(listenerArn === undefined ? {} : { listenerArn }),
    ...(listenerRuleArn === undefined ? {} : { listenerRuleArn }),
    ...(region === undefined ? {} : { region }),
  };
}

/**
 * A candidate named by input (canary-shift's and rollout's `candidate`): a revision of the service
 * (Cloud Run), or a task definition (ECS).
 */
export function checkCandidate(target: TrafficTarget, input: string, value: string): string {
  if (target.provider === 'ecs') return checkIdentity(ECS_TASK_DEFINITION, input, value);
  if (!value.startsWith(`${target.service}-`)) {
    throw new InputError(
      input,
      `"${value}" is not a revision of service ${target.service} (its name starts with "${target.service}-")`,
      `${target.service}-00042-abc`,
    );
  }
  return value;
}

/** The identity stored in a rollback target, so a token can't be applied to another resource. */
export function resourceOf(target: TrafficTarget): Record<string, string> {
  if (target.provider === 'cloud-run') {
    return { project: target.project, region: target.region, service: target.service };
  }
  return {
    cluster: target.cluster,
    services: target.services.join(','),
    ...(target.listenerRuleArn === undefined ? {} : { listenerRuleArn: target.listenerRuleArn }),
    ...(target.listenerArn === undefined ? {} : { listenerArn: target.listenerArn }),
  };
}

/** "shop in my-project/europe-west1" or "shop-blue/shop-green on prod", for logs. */
export function describeTarget(target: TrafficTarget): string {
  return target.provider === 'cloud-run'
    ? `Cloud Run service ${target.service} (${target.project}/${target.region})`
    : `ECS services ${target.services.join('/')} on cluster ${target.cluster}`;
}
