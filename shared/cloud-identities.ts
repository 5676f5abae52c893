/**
 * The one place each cloud identity an input names is checked: Google Cloud project, region and
 * Cloud Run service; AWS region, ECS cluster and service, load balancer, listener, listener rule
 * and target group. canary-shift, rollback, error-rate-gate and rollout all read them through
 * these, so one value is accepted (or refused, with the same words) by every action.
 */
import { InputError } from './errors';

interface Identity {
  pattern: RegExp;
  /** What the value should be, for the error: `"x" is not ${what}`. */
  what: string;
  example: string;
}

/**
 * Project ids: 6–30 lower case letters, digits and hyphens, starting with a letter and not ending
 * with a hyphen; older domain-scoped projects are `example.com:my-project`
 * (https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin).
 */
export const GCP_PROJECT: Identity = {
  pattern: /^(?:[a-z0-9.-]+:)?[a-z][-a-z0-9]{4,28}[a-z0-9]$/,
  what: 'a Google Cloud project id',
  example: 'my-project-123',
};

/** Regions: `europe-west1`, `northamerica-northeast2`, `europe-west12` (digits may run to two). */
export const GCP_REGION: Identity = {
  pattern: /^[a-z]+-[a-z]+\d{1,2}$/,
  what: 'a Cloud Run region',
  example: 'europe-west1',
};

/** Service names: a DNS label of at most 49 characters (Cloud Run keeps room for revision suffixes). */
export const CLOUD_RUN_SERVICE: Identity = {
  pattern: /^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/,
  what: 'a Cloud Run service name (lower case letters, digits, hyphens; at most 49 characters)',
  example: 'shop',
};

/** AWS regions: `eu-west-1`, `us-gov-west-1`. */
export const AWS_REGION: Identity = {
  pattern: /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/,
  what: 'an AWS region',
  example: 'eu-west-1',
};

/** A cluster name (up to 255 letters, digits, hyphens, underscores) or its ARN (CreateCluster clusterName). */
export const ECS_CLUSTER: Identity = {
  pattern: /^(?:arn:aws[-a-z]*:ecs:[a-z0-9-]+:\d{12}:cluster\/)?[A-Za-z0-9_-]{1,255}$/,
  what: 'an ECS cluster name or ARN',
  example: 'prod',
};

/**
 * A service name (up to 255 letters, digits, hyphens, underscores: CreateService serviceName) or
 * its ARN, `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` (or the older form without
 * the cluster).
 */
export const ECS_SERVICE: Identity = {
  pattern:
    /^(?:arn:aws[-a-z]*:ecs:[a-z0-9-]+:\d{12}:service\/(?:[A-Za-z0-9_-]{1,255}\/)?)?[A-Za-z0-9_-]{1,255}$/,
  what: 'an ECS service name or ARN',
  example: 'shop-blue',
};

/** A task definition ARN or `family:revision` (RegisterTaskDefinition family: 255 characters). */
export const ECS_TASK_DEFINITION: Identity = {
  pattern: /^(arn:aws[-a-z]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/)?[A-Za-z0-9_-]{1,255}(:\d+)?$/,
  what: 'a task definition ARN or family:revision',
  example: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop:42',
};

export const ELB_LISTENER: Identity = {
  pattern: /^arn:aws[-a-z]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/.+/,
  what: 'a load balancer listener ARN',
  example:
    'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2',
};

export const ELB_LISTENER_RULE: Identity = {
  pattern: /^arn:aws[-a-z]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener-rule\/(app|net)\/.+/,
  what: 'a load balancer listener rule ARN',
  example:
    'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
};

/** An Application Load Balancer as ARN or as CloudWatch's LoadBalancer dimension `app/<name>/<id>`. */
export const ALB: Identity = {
  pattern:
    /^(arn:aws[-a-z]*:elasticloadbalancing:[-a-z0-9]+:\d{12}:loadbalancer\/)?app\/[-a-zA-Z0-9]{1,32}\/[0-9a-f]{16}$/,
  what: 'an Application Load Balancer (ARN or app/<name>/<id>)',
  example: 'app/shop-alb/50dc6c495c0c9188',
};

/** A target group as ARN or as CloudWatch's TargetGroup dimension `targetgroup/<name>/<id>`. */
export const TARGET_GROUP: Identity = {
  pattern:
    /^(arn:aws[-a-z]*:elasticloadbalancing:[-a-z0-9]+:\d{12}:)?targetgroup\/[-a-zA-Z0-9]{1,32}\/[0-9a-f]{16}$/,
  what: 'a target group (ARN or targetgroup/<name>/<id>)',
  example: 'targetgroup/shop-green/6d0ecf831eec9f09',
};

/** `value` when it is a valid `identity`; an InputError naming `input` otherwise. */
export function checkIdentity(identity: Identity, input: string, value: string, example?: string): string {
  if (!identity.pattern.test(value)) {
    throw new InputError(input, `"${value}" is not ${identity.what}`, example ?? identity.example);
  }
  return value;
}
