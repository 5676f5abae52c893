/**
 * Which service a traffic action acts on, for either provider: the inputs canary-shift and
 * rollback share, parsed and cross-checked in one place so both actions accept the same forms.
 */
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

// Cloud Run names: lower case letters, digits and hyphens, starting with a letter, ≤ 49 characters.
const CLOUD_RUN_NAME = /^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/;
const GCP_PROJECT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$|^[a-z0-9.-]+:[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const GCP_REGION = /^[a-z]+-[a-z]+\d$/;
const ELB_LISTENER = /^arn:aws[-a-z]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/.+/;
const ELB_LISTENER_RULE =
  /^arn:aws[-a-z]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener-rule\/(app|net)\/.+/;

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
): TrafficTarget {
  const provider = read.choice(TARGET_INPUTS.provider, PROVIDERS);
  rejectOtherProviderInputs(read, provider, extra);
  if (provider === 'cloud-run') {
    const project = read.required(TARGET_INPUTS.project, 'my-project-123');
    if (!GCP_PROJECT.test(project)) {
      throw new InputError(
        TARGET_INPUTS.project,
        `"${project}" is not a Google Cloud project id`,
        'my-project-123',
      );
    }
    const region = read.required(TARGET_INPUTS.region, 'europe-west1');
    if (!GCP_REGION.test(region)) {
      throw new InputError(TARGET_INPUTS.region, `"${region}" is not a Cloud Run region`, 'europe-west1');
    }
    const service = read.required(TARGET_INPUTS.service, 'shop');
    if (!CLOUD_RUN_NAME.test(service)) {
      throw new InputError(
        TARGET_INPUTS.service,
        `"${service}" is not a Cloud Run service name (lower case letters, digits, hyphens)`,
        'shop',
      );
    }
    return { provider, project, region, service };
  }
  const cluster = read.required(TARGET_INPUTS.cluster, 'prod');
  const services = read.list(TARGET_INPUTS.services);
  const [blue, green] = services;
  const listenerGiven =
    read.optional(TARGET_INPUTS.listenerArn) !== undefined ||
    read.optional(TARGET_INPUTS.listenerRuleArn) !== undefined;
  if (services.length === 1 && blue !== undefined && !listenerGiven) {
    // One service: ECS-native (its own strategy shifts traffic; the provider reads which), or,
    // for rollback, a service without a load balancer returned to a task definition.
    const region = read.optional(TARGET_INPUTS.region);
    return { provider, cluster, services: [blue], ...(region === undefined ? {} : { region }) };
  }
  if (services.length !== 2 || blue === undefined || green === undefined || blue === green) {
    throw new InputError(
      TARGET_INPUTS.services,
      `needs two different service names (blue and green) with a listener, or one ECS-native service without one, got ${services.length === 0 ? 'none' : services.join(', ')}`,
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
  if (listenerArn !== undefined && !ELB_LISTENER.test(listenerArn)) {
    throw new InputError(
      TARGET_INPUTS.listenerArn,
      'is not a load balancer listener ARN',
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2',
    );
  }
  if (listenerRuleArn !== undefined && !ELB_LISTENER_RULE.test(listenerRuleArn)) {
    throw new InputError(
      TARGET_INPUTS.listenerRuleArn,
      'is not a load balancer listener rule ARN',
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
    );
  }
  const region = read.optional(TARGET_INPUTS.region);
  return {
    provider,
    cluster,
    services: [blue, green],
    ...(listenerArn === undefined ? {} : { listenerArn }),
    ...(listenerRuleArn === undefined ? {} : { listenerRuleArn }),
    ...(region === undefined ? {} : { region }),
  };
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
