/**
 * Amazon ECS on its wire protocol, AWS JSON 1.1: `POST /` with
 * `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>`, a JSON body in and out, errors as
 * `{"__type": "<Code>", "message": …}` with the HTTP status of the API reference. Timestamps are
 * epoch seconds.
 */

import { createService, handleNativeOperation, nativeServiceFields, updateNativeService } from './ecs-native';
import { AwsApiError } from './errors';
import type { AwsModel, Deployment, Service, TaskDefinition } from './model';

export { AwsApiError };

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';

type Json = Record<string, unknown>;
const seconds = (ms: number) => ms / 1000;

function str(body: Json, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

function requireString(body: Json, name: string): string {
  const value = str(body, name);
  if (value === undefined || value === '') {
    throw new AwsApiError('InvalidParameterException', `${name} can not be blank.`);
  }
  return value;
}

function deploymentJson(d: Deployment): Json {
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinition,
    desiredCount: d.desiredCount,
    pendingCount: d.rolloutState === 'FAILED' ? 0 : Math.max(0, d.desiredCount - d.runningCount),
    runningCount: d.runningCount,
    failedTasks: d.rolloutState === 'FAILED' ? d.desiredCount : 0,
    createdAt: seconds(d.createdAt),
    updatedAt: seconds(d.updatedAt),
    launchType: 'FARGATE',
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  };
}

function serviceJson(model: AwsModel, s: Service): Json {
  model.advance(s);
  return {
    serviceArn: s.serviceArn,
    serviceName: s.serviceName,
    clusterArn: s.clusterArn,
    loadBalancers: s.targetGroupArns.map((targetGroupArn) => ({
      targetGroupArn,
      containerName: 'app',
      containerPort: 8080,
    })),
    status: 'ACTIVE',
    desiredCount: s.desiredCount,
    runningCount: model.runningCount(s),
    pendingCount: s.deployments.reduce((n, d) => n + (d.desiredCount - d.runningCount), 0),
    launchType: 'FARGATE',
    taskDefinition: s.taskDefinition,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: s.circuitBreakerRollback },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      strategy: s.strategy,
    },
    deployments: s.deployments.map(deploymentJson),
    events: s.events.slice(0, 20).map((e) => ({ ...e, createdAt: seconds(e.createdAt) })),
    deploymentController: { type: s.deploymentController },
    schedulingStrategy: 'REPLICA',
    ...nativeServiceFields(model, s),
  };
}

function taskDefinitionJson(t: TaskDefinition): Json {
  return {
    ...t.extra,
    taskDefinitionArn: t.taskDefinitionArn,
    family: t.family,
    revision: t.revision,
    status: t.status,
    containerDefinitions: t.containerDefinitions,
    registeredAt: seconds(t.registeredAt),
  };
}

function clusterOf(model: AwsModel, body: Json) {
  const name = str(body, 'cluster');
  const cluster = model.findCluster(name);
  if (!cluster) throw new AwsApiError('ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

function serviceOf(model: AwsModel, body: Json, field: string): Service {
  const cluster = clusterOf(model, body);
  const name = requireString(body, field);
  const service = model.findService(cluster.name, name);
  if (!service) throw new AwsApiError('ServiceNotFoundException', 'Service not found.');
  return service;
}

function taskDefinitionOf(model: AwsModel, reference: string): TaskDefinition {
  const found = model.findTaskDefinition(reference);
  if (!found) throw new AwsApiError('ClientException', 'Unable to describe task definition.');
  return found;
}

/** Handles one ECS operation; returns the response body or throws an AwsApiError. */
export function handleEcs(model: AwsModel, operation: string, body: Json): Json {
  switch (operation) {
    case 'DescribeServices': {
      const cluster = clusterOf(model, body);
      const names = Array.isArray(body.services) ? (body.services as unknown[]) : [];
      if (names.length === 0 || names.length > 10) {
        throw new AwsApiError('InvalidParameterException', 'services must contain between 1 and 10 items.');
      }
      const services: Json[] = [];
      const failures: Json[] = [];
      for (const name of names) {
        const service = model.findService(cluster.name, String(name));
        if (service) services.push(serviceJson(model, service));
        else
          failures.push({
            arn: model.arn('ecs', `service/${cluster.name}/${String(name)}`),
            reason: 'MISSING',
          });
      }
      return { services, failures };
    }
    case 'CreateService': {
      const cluster = clusterOf(model, body);
      const taskDefinition = taskDefinitionOf(model, requireString(body, 'taskDefinition'));
      return { service: serviceJson(model, createService(model, cluster.name, body, taskDefinition)) };
    }
    case 'UpdateService': {
      const service = serviceOf(model, body, 'service');
      const reference = str(body, 'taskDefinition');
      const taskDefinition = reference === undefined ? undefined : taskDefinitionOf(model, reference);
      const desiredCount = body.desiredCount;
      if (desiredCount !== undefined && (typeof desiredCount !== 'number' || desiredCount < 0)) {
        throw new AwsApiError('InvalidParameterException', 'desiredCount must be a non-negative integer.');
      }
      if (taskDefinition && service.deploymentController !== 'ECS') {
        // UpdateService: "only the desired count, deployment configuration, health check grace
        // period, task placement … can be updated" for CODE_DEPLOY and EXTERNAL controllers.
        throw new AwsApiError(
          'InvalidParameterException',
          `Unable to update task definition on services with a ${service.deploymentController} deployment controller.`,
        );
      }
      if (
        updateNativeService(
          model,
          service,
          body,
          taskDefinition,
          typeof desiredCount === 'number' ? desiredCount : undefined,
        )
      ) {
        return { service: serviceJson(model, service) };
      }
      model.updateService(service, {
        ...(taskDefinition ? { taskDefinition } : {}),
        ...(typeof desiredCount === 'number' ? { desiredCount } : {}),
      });
      return { service: serviceJson(model, service) };
    }
    case 'DescribeTaskDefinition':
      return {
        taskDefinition: taskDefinitionJson(taskDefinitionOf(model, requireString(body, 'taskDefinition'))),
      };
    case 'RegisterTaskDefinition': {
      const family = requireString(body, 'family');
      if (!/^[A-Za-z0-9_-]{1,255}$/.test(family)) {
        throw new AwsApiError('ClientException', 'Family contains invalid characters.');
      }
      const containers = body.containerDefinitions;
      if (!Array.isArray(containers) || containers.length === 0) {
        throw new AwsApiError('ClientException', 'Container list cannot be empty.');
      }
      const { family: _family, containerDefinitions: _containers, tags: _tags, ...extra } = body;
      return { taskDefinition: taskDefinitionJson(model.registerTaskDefinition(family, containers, extra)) };
    }
    case 'ListTasks': {
      const cluster = clusterOf(model, body);
      const serviceName = str(body, 'serviceName');
      const services = [...cluster.services.values()].filter(
        (s) => serviceName === undefined || s.serviceName === serviceName,
      );
      if (serviceName !== undefined && services.length === 0) {
        throw new AwsApiError('ServiceNotFoundException', 'Service not found.');
      }
      return { taskArns: services.flatMap((s) => taskArns(model, cluster.name, s).map((t) => t.taskArn)) };
    }
    case 'DescribeTasks': {
      const cluster = clusterOf(model, body);
      const wanted = new Set(Array.isArray(body.tasks) ? body.tasks.map(String) : []);
      const all = [...cluster.services.values()].flatMap((s) => taskArns(model, cluster.name, s));
      const tasks = all.filter((t) => wanted.has(t.taskArn));
      const failures = [...wanted]
        .filter((arn) => !all.some((t) => t.taskArn === arn))
        .map((arn) => ({ arn, reason: 'MISSING' }));
      return { tasks, failures };
    }
    default: {
      const native = handleNativeOperation(model, operation, body, (b, field) => serviceOf(model, b, field));
      if (native) return native;
      throw new AwsApiError('UnknownOperationException', `The emulator does not implement ${operation}.`);
    }
  }
}

/** Running tasks, one per running count of each deployment, with stable ids per deployment. */
function taskArns(model: AwsModel, clusterName: string, service: Service) {
  model.advance(service);
  const groups = service.native
    ? service.native.revisions.map((r) => ({
        id: r.deploymentId,
        runningCount: r.runningCount,
        taskDefinition: r.taskDefinition,
      }))
    : service.deployments;
  return groups.flatMap((d) =>
    Array.from({ length: d.runningCount }, (_, i) => ({
      taskArn: model.arn(
        'ecs',
        `task/${clusterName}/${d.id.replace('ecs-svc/', '').slice(-12)}${String(i).padStart(4, '0')}`,
      ),
      clusterArn: service.clusterArn,
      taskDefinitionArn: d.taskDefinition,
      group: `service:${service.serviceName}`,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      healthStatus: 'HEALTHY',
      launchType: 'FARGATE',
      startedBy: d.id,
    })),
  );
}
