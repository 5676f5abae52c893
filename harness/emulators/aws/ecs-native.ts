/**
 * The ECS operations and response shapes of deployments ECS drives itself (BLUE_GREEN, CANARY,
 * LINEAR): UpdateService's deploymentConfiguration and loadBalancers, ContinueServiceDeployment,
 * DescribeServiceDeployments, ListServiceDeployments, StopServiceDeployment, and what
 * DescribeServices shows of such a service. Shapes follow
 * node_modules/@aws-sdk/client-ecs/dist-types/models/models_0.d.ts and models_1.d.ts.
 */
import { AwsApiError, invalidParameter } from './errors';
import type { AwsModel, Service, TaskDefinition } from './model';
import { type HookExecution, isTerminal, type ServiceDeployment, type ServiceRevision } from './native';
import {
  type NativeDeploymentConfiguration,
  parseDeploymentConfiguration,
  parseLoadBalancers,
  type ServiceLoadBalancer,
} from './native-config';

type Json = Record<string, unknown>;
const seconds = (ms: number) => ms / 1000;

export function deploymentConfigurationJson(config: NativeDeploymentConfiguration): Json {
  return {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    strategy: config.strategy,
    bakeTimeInMinutes: config.bakeTimeInMinutes,
    ...(config.canaryConfiguration ? { canaryConfiguration: config.canaryConfiguration } : {}),
    ...(config.linearConfiguration ? { linearConfiguration: config.linearConfiguration } : {}),
    lifecycleHooks: config.lifecycleHooks.map((h) => ({
      targetType: h.targetType,
      ...(h.hookTargetArn ? { hookTargetArn: h.hookTargetArn } : {}),
      ...(h.roleArn ? { roleArn: h.roleArn } : {}),
      lifecycleStages: h.lifecycleStages,
      ...(h.hookDetails === undefined ? {} : { hookDetails: h.hookDetails }),
      timeoutConfiguration: h.timeoutConfiguration,
    })),
  };
}

export function loadBalancersJson(loadBalancers: ServiceLoadBalancer[]): Json[] {
  return loadBalancers.map((lb) => ({ ...lb }));
}

function revisionDeploymentJson(
  r: ServiceRevision,
  status: 'PRIMARY' | 'ACTIVE',
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED',
  reason: string,
): Json {
  return {
    id: r.deploymentId,
    status,
    taskDefinition: r.taskDefinition,
    desiredCount: r.desiredCount,
    pendingCount: Math.max(0, r.desiredCount - r.runningCount),
    runningCount: r.runningCount,
    failedTasks: 0,
    createdAt: seconds(r.createdAt),
    updatedAt: seconds(r.createdAt),
    launchType: 'FARGATE',
    rolloutState,
    rolloutStateReason: reason,
  };
}

/**
 * The service's task definition follows its deployments: the one the current deployment deploys,
 * or after a rollback (however it was triggered) the one restored.
 */
function syncTaskDefinition(model: AwsModel, service: Service): void {
  const native = service.native;
  if (!native) return;
  model.native.advance(native);
  const active = native.deployments.find((d) => !isTerminal(d));
  const live = native.revisions.find((r) => r.targetGroupArn === native.liveTargetGroup);
  if (active && !active.rollback) service.taskDefinition = active.target.taskDefinition;
  else if (live) service.taskDefinition = live.taskDefinition;
}

const elbResources = (model: AwsModel) => ({
  hasTargetGroup: (arn: string) => model.targetGroups.has(arn),
  hasRule: (arn: string) => model.rules.has(arn),
});

/**
 * DescribeServices' `deployments` of a native service: the green revision is PRIMARY while its
 * service deployment runs, blue ACTIVE; during a rollback blue is PRIMARY again and green ACTIVE,
 * FAILED; afterwards only the serving revision is left. The guide does not spell this list out for
 * native strategies; it follows the Deployment model's PRIMARY / ACTIVE definitions.
 */
export function nativeServiceFields(model: AwsModel, service: Service): Json {
  const native = service.native;
  if (!native) return {};
  model.native.advance(native);
  const active = native.deployments.find((d) => !isTerminal(d));
  const last = native.deployments[0];
  let deployments: Json[];
  if (active && !active.rollback) {
    deployments = [
      revisionDeploymentJson(active.target, 'PRIMARY', 'IN_PROGRESS', 'ECS deployment in progress.'),
      revisionDeploymentJson(active.source, 'ACTIVE', 'COMPLETED', 'ECS deployment completed.'),
    ];
  } else if (active?.rollback) {
    deployments = [
      revisionDeploymentJson(active.source, 'PRIMARY', 'IN_PROGRESS', active.statusReason),
      revisionDeploymentJson(active.target, 'ACTIVE', 'FAILED', active.statusReason),
    ];
  } else {
    // After a StopServiceDeployment ABORT the stopped revision keeps running beside the serving
    // one (not documented for native strategies: shown ACTIVE, FAILED).
    deployments = native.revisions.map((r) =>
      r.targetGroupArn === native.liveTargetGroup
        ? revisionDeploymentJson(r, 'PRIMARY', 'COMPLETED', 'ECS deployment completed.')
        : revisionDeploymentJson(r, 'ACTIVE', 'FAILED', last?.statusReason ?? 'Stopped.'),
    );
  }
  syncTaskDefinition(model, service);
  const running = native.revisions.reduce((n, r) => n + r.runningCount, 0);
  const pending = native.revisions.reduce((n, r) => n + Math.max(0, r.desiredCount - r.runningCount), 0);
  return {
    taskDefinition: service.taskDefinition,
    loadBalancers: loadBalancersJson(native.loadBalancers),
    runningCount: running,
    pendingCount: pending,
    deploymentConfiguration: deploymentConfigurationJson(native.config),
    deployments,
    ...(last ? { currentServiceDeployment: last.arn } : {}),
  };
}

const isObjectBody = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * UpdateService on a service that is (or becomes) native. Returns false when the legacy rolling
 * path should handle the request. A task definition change (or forceNewDeployment) starts a
 * service deployment with the configuration as updated by the same request.
 */
export function updateNativeService(
  model: AwsModel,
  service: Service,
  body: Json,
  taskDefinition: TaskDefinition | undefined,
  desiredCount: number | undefined,
): boolean {
  const configGiven = body.deploymentConfiguration !== undefined;
  const lbGiven = body.loadBalancers !== undefined;
  if (!service.native && !configGiven && !lbGiven) return false;
  if (configGiven && !isObjectBody(body.deploymentConfiguration)) {
    throw invalidParameter('deploymentConfiguration must be an object.');
  }
  const currentConfig: NativeDeploymentConfiguration = service.native?.config ?? {
    strategy: service.strategy,
    bakeTimeInMinutes: 0,
    lifecycleHooks: [],
  };
  const config = parseDeploymentConfiguration(body.deploymentConfiguration, currentConfig);
  if (config.strategy !== 'ROLLING' && service.deploymentController !== 'ECS') {
    throw invalidParameter(
      `The ${config.strategy} deployment strategy requires the ECS deployment controller; this service uses ${service.deploymentController}.`,
    );
  }
  if (config.strategy === 'ROLLING') {
    if (service.native) {
      // Switching a native service back to rolling updates is outside what this emulator models.
      throw invalidParameter(
        'The emulator does not model switching a BLUE_GREEN/CANARY/LINEAR service to ROLLING.',
      );
    }
    if (lbGiven) {
      // Validated all the same (an advancedConfiguration on a rolling service is refused).
      parseLoadBalancers(body.loadBalancers, config.strategy, elbResources(model));
    }
    service.strategy = 'ROLLING';
    return false;
  }
  const loadBalancers = lbGiven
    ? parseLoadBalancers(body.loadBalancers, config.strategy, elbResources(model))
    : (service.native?.loadBalancers ?? legacyLoadBalancers(service, config));
  if (service.native) syncTaskDefinition(model, service);
  const newTaskDefinition =
    taskDefinition !== undefined && taskDefinition.taskDefinitionArn !== service.taskDefinition;
  const startsDeployment = newTaskDefinition || body.forceNewDeployment === true;
  if (service.native && model.native.active(service.native) && (startsDeployment || configGiven || lbGiven)) {
    // Not documented; the stricter reading: neither a second deployment nor a configuration
    // change while a service deployment runs (a caller must wait for it or stop it).
    throw invalidParameter(
      'A service deployment is in progress for this service; wait for it to finish or stop it first.',
    );
  }
  model.makeNative(service, config, loadBalancers);
  const native = service.native;
  if (!native) return true;
  const count = desiredCount ?? service.desiredCount;
  if (startsDeployment) {
    const arn = taskDefinition?.taskDefinitionArn ?? service.taskDefinition;
    model.native.start(native, arn, count);
    service.taskDefinition = arn;
    service.desiredCount = count;
  } else if (desiredCount !== undefined) {
    service.desiredCount = count;
    const live = native.revisions.find((r) => r.targetGroupArn === native.liveTargetGroup);
    if (live && !model.native.active(native)) {
      live.desiredCount = count;
      live.runningCount = count;
    }
  }
  return true;
}

/** A legacy service (one target group, no advanced configuration) asked to use a native strategy. */
function legacyLoadBalancers(service: Service, config: NativeDeploymentConfiguration): ServiceLoadBalancer[] {
  if (service.targetGroupArns.length > 0) {
    throw invalidParameter(
      `loadBalancers[0].advancedConfiguration is required for the ${config.strategy} deployment strategy.`,
    );
  }
  throw invalidParameter(
    `The ${config.strategy} deployment strategy requires a load balancer with an advancedConfiguration.`,
  );
}

function revisionSummaryJson(r: ServiceRevision, d: ServiceDeployment, model: AwsModel): Json {
  const rule = model.rules.get(productionRule(model, d) ?? '');
  const forward = rule?.actions.find((a) => a.type === 'forward');
  const groups = forward?.targetGroups ?? [];
  const total = groups.reduce((n, g) => n + g.weight, 0);
  const mine = groups.find((g) => g.targetGroupArn === r.targetGroupArn)?.weight ?? 0;
  const testRule = model.rules.get(testRuleOf(model, d) ?? '');
  const testGroups = testRule?.actions.find((a) => a.type === 'forward')?.targetGroups ?? [];
  const testTotal = testGroups.reduce((n, g) => n + g.weight, 0);
  const testMine = testGroups.find((g) => g.targetGroupArn === r.targetGroupArn)?.weight ?? 0;
  return {
    arn: r.arn,
    requestedTaskCount: r.desiredCount,
    runningTaskCount: r.runningCount,
    pendingTaskCount: Math.max(0, r.desiredCount - r.runningCount),
    ...(total > 0 ? { requestedProductionTrafficWeight: Math.round((1000 * mine) / total) / 10 } : {}),
    ...(testTotal > 0 ? { requestedTestTrafficWeight: Math.round((1000 * testMine) / testTotal) / 10 } : {}),
  };
}

function ownerOf(model: AwsModel, d: ServiceDeployment): Service | undefined {
  return model.findServiceDeployment(d.arn)?.service;
}

function productionRule(model: AwsModel, d: ServiceDeployment): string | undefined {
  return ownerOf(model, d)?.native?.loadBalancers[0]?.advancedConfiguration?.productionListenerRule;
}

function testRuleOf(model: AwsModel, d: ServiceDeployment): string | undefined {
  return ownerOf(model, d)?.native?.loadBalancers[0]?.advancedConfiguration?.testListenerRule;
}

function hookDetailJson(h: HookExecution): Json {
  return {
    hookId: h.hookId,
    targetType: h.hook.targetType,
    ...(h.hook.hookTargetArn ? { targetArn: h.hook.hookTargetArn } : {}),
    status: h.status,
    expiresAt: seconds(h.expiresAt),
    timeoutAction: h.hook.timeoutConfiguration.action,
  };
}

function serviceDeploymentJson(model: AwsModel, service: Service, d: ServiceDeployment): Json {
  return {
    serviceDeploymentArn: d.arn,
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    createdAt: seconds(d.createdAt),
    ...(d.startedAt === undefined ? {} : { startedAt: seconds(d.startedAt) }),
    ...(d.finishedAt === undefined ? {} : { finishedAt: seconds(d.finishedAt) }),
    ...(d.stoppedAt === undefined ? {} : { stoppedAt: seconds(d.stoppedAt) }),
    updatedAt: seconds(d.updatedAt),
    sourceServiceRevisions: [revisionSummaryJson(d.source, d, model)],
    targetServiceRevision: revisionSummaryJson(d.target, d, model),
    status: d.status,
    statusReason: d.statusReason,
    ...(d.status === 'PENDING' ? {} : { lifecycleStage: d.stage }),
    lifecycleHookDetails: d.hooks.map(hookDetailJson),
    deploymentConfiguration: deploymentConfigurationJson(d.config),
    ...(d.rollback
      ? {
          rollback: {
            reason: d.rollback.reason,
            startedAt: seconds(d.rollback.startedAt),
            serviceRevisionArn: d.rollback.serviceRevisionArn,
          },
        }
      : {}),
    deploymentCircuitBreaker: { status: 'DISABLED', failureCount: 0, threshold: 3 },
    alarms: { status: 'DISABLED' },
  };
}

function deploymentOf(model: AwsModel, arn: unknown) {
  const found = typeof arn === 'string' ? model.findServiceDeployment(arn) : undefined;
  if (!found) {
    throw new AwsApiError(
      'ServiceDeploymentNotFoundException',
      "The service deploy ARN that you specified doesn't exist.",
    );
  }
  const native = found.service.native;
  if (native) model.native.advance(native);
  return found;
}

const LIST_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESSFUL',
  'STOPPED',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];

/** The native-deployment operations; undefined when `operation` is not one of them. */
export function handleNativeOperation(
  model: AwsModel,
  operation: string,
  body: Json,
  serviceOf: (body: Json, field: string) => Service,
): Json | undefined {
  switch (operation) {
    case 'DescribeServiceDeployments': {
      const arns = body.serviceDeploymentArns;
      // "You can specify a maximum of 20 ARNs."
      if (!Array.isArray(arns) || arns.length === 0 || arns.length > 20) {
        throw invalidParameter('serviceDeploymentArns must contain between 1 and 20 items.');
      }
      const serviceDeployments: Json[] = [];
      const failures: Json[] = [];
      for (const arn of arns) {
        const found = typeof arn === 'string' ? model.findServiceDeployment(arn) : undefined;
        if (!found) {
          failures.push({ arn: String(arn), reason: 'MISSING' });
          continue;
        }
        if (found.service.native) model.native.advance(found.service.native);
        serviceDeployments.push(serviceDeploymentJson(model, found.service, found.deployment));
      }
      return { serviceDeployments, failures };
    }
    case 'ListServiceDeployments': {
      const service = serviceOf(body, 'service');
      const statuses = body.status;
      if (statuses !== undefined) {
        if (!Array.isArray(statuses) || statuses.some((s) => !LIST_STATUSES.includes(String(s)))) {
          throw invalidParameter(`status must be a list of ${LIST_STATUSES.join(', ')}.`);
        }
      }
      const maxResults = body.maxResults ?? 20;
      if (
        typeof maxResults !== 'number' ||
        !Number.isInteger(maxResults) ||
        maxResults < 1 ||
        maxResults > 100
      ) {
        throw invalidParameter('maxResults must be between 1 and 100.');
      }
      const createdAt = isObjectBody(body.createdAt) ? (body.createdAt as Json) : {};
      const before =
        typeof createdAt.before === 'number' ? createdAt.before * 1000 : Number.POSITIVE_INFINITY;
      const after = typeof createdAt.after === 'number' ? createdAt.after * 1000 : Number.NEGATIVE_INFINITY;
      const native = service.native;
      if (native) model.native.advance(native);
      const all = (native?.deployments ?? []).filter(
        (d) =>
          (statuses === undefined || (statuses as unknown[]).includes(d.status)) &&
          d.createdAt >= after &&
          d.createdAt <= before,
      );
      const start = typeof body.nextToken === 'string' ? Number(body.nextToken) : 0;
      if (!Number.isInteger(start) || start < 0) throw invalidParameter('nextToken is not valid.');
      const page = all.slice(start, start + maxResults);
      return {
        serviceDeployments: page.map((d) => ({
          serviceDeploymentArn: d.arn,
          serviceArn: service.serviceArn,
          clusterArn: service.clusterArn,
          ...(d.startedAt === undefined ? {} : { startedAt: seconds(d.startedAt) }),
          createdAt: seconds(d.createdAt),
          ...(d.finishedAt === undefined ? {} : { finishedAt: seconds(d.finishedAt) }),
          targetServiceRevisionArn: d.target.arn,
          status: d.status,
          statusReason: d.statusReason,
        })),
        ...(start + maxResults < all.length ? { nextToken: String(start + maxResults) } : {}),
      };
    }
    case 'ContinueServiceDeployment': {
      const { service, deployment } = deploymentOf(model, body.serviceDeploymentArn);
      const hookId = body.hookId;
      if (typeof hookId !== 'string' || hookId === '') throw invalidParameter('hookId can not be blank.');
      // "If no value is specified, the default action is CONTINUE."
      const action = body.action ?? 'CONTINUE';
      if (action !== 'CONTINUE' && action !== 'ROLLBACK')
        throw invalidParameter('action must be CONTINUE or ROLLBACK.');
      if (!service.native) throw invalidParameter('The service does not use a native deployment strategy.');
      model.native.continueHook(service.native, deployment, hookId, action);
      return { serviceDeploymentArn: deployment.arn };
    }
    case 'StopServiceDeployment': {
      const { service, deployment } = deploymentOf(model, body.serviceDeploymentArn);
      // The API reference: "The valid values are ROLLBACK"; the model's enum also has ABORT.
      const stopType = body.stopType ?? 'ROLLBACK';
      if (stopType !== 'ROLLBACK' && stopType !== 'ABORT')
        throw invalidParameter('stopType must be ROLLBACK or ABORT.');
      if (!service.native) throw invalidParameter('The service does not use a native deployment strategy.');
      model.native.stop(service.native, deployment, stopType);
      return { serviceDeploymentArn: deployment.arn };
    }
    default:
      return undefined;
  }
}

const CONTROLLERS = ['ECS', 'CODE_DEPLOY', 'EXTERNAL'] as const;

/**
 * CreateService: a service under the ECS, CODE_DEPLOY or EXTERNAL controller, with a deployment
 * configuration and load balancers validated as UpdateService validates them. Its first revision
 * runs at once (the emulator does not model the creation's own deployment).
 */
export function createService(
  model: AwsModel,
  clusterName: string,
  body: Json,
  taskDefinition: TaskDefinition,
): Service {
  const name = body.serviceName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    throw invalidParameter('serviceName must be 1–255 letters, digits, hyphens or underscores.');
  }
  if (model.findService(clusterName, name)) throw invalidParameter('Creation of service was not idempotent.');
  // "This is required if schedulingStrategy is REPLICA or isn't specified." (CreateService)
  const desiredCount = body.desiredCount;
  if (typeof desiredCount !== 'number' || !Number.isInteger(desiredCount) || desiredCount < 0) {
    throw invalidParameter('desiredCount must be a non-negative integer.');
  }
  const controllerBody = isObjectBody(body.deploymentController) ? (body.deploymentController as Json) : {};
  const controller = controllerBody.type ?? 'ECS';
  if (!CONTROLLERS.includes(controller as (typeof CONTROLLERS)[number])) {
    throw invalidParameter(`deploymentController.type must be one of ${CONTROLLERS.join(', ')}.`);
  }
  const config = parseDeploymentConfiguration(body.deploymentConfiguration, undefined);
  if (config.strategy !== 'ROLLING' && controller !== 'ECS') {
    throw invalidParameter(
      `The ${config.strategy} deployment strategy requires the ECS deployment controller.`,
    );
  }
  const loadBalancers = parseLoadBalancers(body.loadBalancers, config.strategy, elbResources(model));
  for (const lb of loadBalancers) {
    for (const group of [lb.targetGroupArn, lb.advancedConfiguration?.alternateTargetGroupArn]) {
      const owner = group === undefined ? undefined : model.serviceOfTargetGroup(group);
      // The emulator routes each target group to one service; real ECS would allow sharing.
      if (owner)
        throw invalidParameter(
          `The target group ${group} is already used by the service ${owner.serviceName}.`,
        );
    }
  }
  const service = model.createService(clusterName, {
    name,
    taskDefinition: taskDefinition.taskDefinitionArn,
    desiredCount,
    ...(loadBalancers[0] ? { targetGroupArn: loadBalancers[0].targetGroupArn } : {}),
  });
  service.deploymentController = controller as Service['deploymentController'];
  if (config.strategy === 'ROLLING') service.strategy = 'ROLLING';
  else model.makeNative(service, config, loadBalancers);
  return service;
}
