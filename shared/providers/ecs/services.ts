/**
 * The services part of the ECS provider: services described, task definitions resolved and
 * registered, the one UpdateService call, a deployment followed by its id until it completes, and
 * the service deployments of ECS-native strategies (described, continued, stopped). Only
 * ECS calls live here.
 */
import type {
  DeploymentConfiguration,
  DeploymentLifecycleHookAction,
  Service as EcsService,
  RegisterTaskDefinitionCommandInput,
  ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { ActionError } from '../../errors';
import type { WaitOptions } from '../../traffic/types';
import type { EcsApi } from './api';
import { deploymentOutcome, shortTaskDefinition } from './deployment';
import { pollUntil } from './poll';
import { matchesRegistered, type TaskDefinitionSpec } from './task-definition';

export interface ServiceUpdate {
  service: string;
  taskDefinition: string;
  desiredCount?: number;
  deploymentConfiguration?: DeploymentConfiguration;
}

export class EcsServices {
  private readonly resolved = new Map<string, string>();

  constructor(
    private readonly api: EcsApi,
    readonly cluster: string,
  ) {}

  /**
   * The named services, keyed by the name as given (a service name or its ARN: what the traffic
   * entries and the rollback token call it). A missing or inactive one fails the step.
   */
  async describe(names: readonly string[]): Promise<Map<string, EcsService>> {
    const { ecs, ecsSdk } = this.api;
    const cluster = this.cluster;
    const out = await this.api
      .call('ECS DescribeServices', () =>
        ecs.send(new ecsSdk.DescribeServicesCommand({ cluster, services: [...names] })),
      )
      .catch((err: unknown) => {
        if (err instanceof Error && err.name === 'ClusterNotFoundException') {
          throw new ActionError(`ECS cluster ${cluster} not found in this account and region`);
        }
        throw err;
      });
    const found = new Map<string, EcsService>();
    for (const name of names) {
      const service = (out.services ?? []).find(
        (s) => (s.serviceName === name || s.serviceArn === name) && s.status !== 'INACTIVE',
      );
      if (service) found.set(name, service);
    }
    const missing = names.filter((name) => !found.has(name));
    if (missing.length > 0) {
      throw new ActionError(
        `ECS service ${missing.join(', ')} not found (or inactive) in cluster ${cluster}`,
      );
    }
    return found;
  }

  /** `family`, `family:revision` or an ARN → the full ARN; proves the task definition exists. */
  async resolveTaskDefinition(reference: string): Promise<string> {
    const cached = this.resolved.get(reference);
    if (cached !== undefined) return cached;
    const { ecs, ecsSdk } = this.api;
    const out = await this.api
      .call('ECS DescribeTaskDefinition', () =>
        ecs.send(new ecsSdk.DescribeTaskDefinitionCommand({ taskDefinition: reference })),
      )
      .catch((err: unknown) => {
        if (err instanceof Error && err.name === 'ClientException') {
          throw new ActionError(`task definition ${reference} not found: ${err.message}`);
        }
        throw err;
      });
    const arn = out.taskDefinition?.taskDefinitionArn;
    if (!arn) throw new ActionError(`task definition ${reference}: ECS returned no ARN`);
    this.resolved.set(reference, arn);
    return arn;
  }

  /** The family's latest revision when it already is the spec (a re-run), else undefined. */
  async registeredRevisionOf(spec: TaskDefinitionSpec): Promise<string | undefined> {
    const { ecs, ecsSdk } = this.api;
    const latest = await this.api
      .call('ECS DescribeTaskDefinition', () =>
        ecs.send(new ecsSdk.DescribeTaskDefinitionCommand({ taskDefinition: spec.family })),
      )
      .catch((err: unknown) => {
        if (err instanceof Error && err.name === 'ClientException') return undefined; // a new family
        throw err;
      });
    // Tags are not part of a described revision; everything else the file sets must match.
    const { tags: _tags, ...comparable } = spec;
    const registered = latest?.taskDefinition;
    return registered && matchesRegistered(comparable, registered) ? registered.taskDefinitionArn : undefined;
  }

  /** Registers the spec as a new revision ("too many concurrent attempts" is retried). */
  async register(spec: TaskDefinitionSpec, signal: AbortSignal): Promise<string> {
    const { ecs, ecsSdk } = this.api;
    const out = await this.api
      .call(
        'ECS RegisterTaskDefinition',
        () =>
          ecs.send(
            // The file was checked for family and containers; ECS validates the rest of its shape.
            new ecsSdk.RegisterTaskDefinitionCommand(spec as unknown as RegisterTaskDefinitionCommandInput),
          ),
        signal,
      )
      .catch((err: unknown) => {
        if (err instanceof Error && err.name === 'ClientException') {
          throw new ActionError(`ECS refused to register the task definition ${spec.family}: ${err.message}`);
        }
        throw err;
      });
    const arn = out.taskDefinition?.taskDefinitionArn;
    if (!arn) throw new ActionError(`RegisterTaskDefinition for ${spec.family} returned no ARN`);
    this.api.deps.log(`Registered ${shortTaskDefinition(arn)}`);
    return arn;
  }

  /** The one UpdateService call: a new task definition (and, for native strategies, its configuration). */
  async update(update: ServiceUpdate, signal: AbortSignal): Promise<EcsService> {
    const { ecs, ecsSdk } = this.api;
    const out = await this.api.call(
      'ECS UpdateService',
      () => ecs.send(new ecsSdk.UpdateServiceCommand({ cluster: this.cluster, ...update })),
      signal,
    );
    if (!out.service) {
      throw new ActionError(`UpdateService on ${update.service} returned no service`);
    }
    return out.service;
  }

  /** Polls DescribeServices until the deployment with this id COMPLETES; anything else fails the step. */
  async waitForDeployment(
    service: string,
    deploymentId: string,
    deadline: number,
    options: WaitOptions,
  ): Promise<void> {
    let last = 'not read yet';
    await pollUntil(
      async () => (await this.describe([service])).get(service),
      (described) => {
        const outcome = described ? deploymentOutcome(described, deploymentId) : undefined;
        if (outcome?.state === 'completed') return true;
        if (outcome?.state === 'failed') throw new ActionError(`${service}: ${outcome.reason}`);
        if (outcome?.state === 'in-progress') last = `${outcome.running}/${outcome.desired} tasks running`;
        return undefined;
      },
      () =>
        new ActionError(
          `deployment ${deploymentId} of ${service} did not complete in time (${last}); it may still finish, re-run the step to keep waiting for it`,
        ),
      this.api.pollOptions(deadline, options),
    );
    this.api.deps.log(`Deployment ${deploymentId} of ${service} COMPLETED`);
  }

  // ---- service deployments (ECS-native strategies) ---------------------------------------------

  async describeDeployment(arn: string): Promise<ServiceDeployment> {
    const { ecs, ecsSdk } = this.api;
    const out = await this.api.call('ECS DescribeServiceDeployments', () =>
      ecs.send(new ecsSdk.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })),
    );
    const found = out.serviceDeployments?.find((d) => d.serviceDeploymentArn === arn);
    if (found === undefined) {
      const reason = out.failures?.[0]?.reason;
      throw new ActionError(`service deployment ${arn} not found${reason ? ` (${reason})` : ''}`);
    }
    return found;
  }

  /** Resolves a paused lifecycle hook: CONTINUE to the next stage, or ROLLBACK. */
  async continueDeployment(
    arn: string,
    hookId: string,
    action: DeploymentLifecycleHookAction,
    signal: AbortSignal,
  ): Promise<void> {
    const { ecs, ecsSdk } = this.api;
    await this.api.call(
      `ECS ContinueServiceDeployment (${action})`,
      () =>
        ecs.send(new ecsSdk.ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action })),
      signal,
    );
  }

  /** Stops a deployment that is not paused, returning the service to its previous revision. */
  async stopDeployment(arn: string, signal: AbortSignal): Promise<void> {
    const { ecs, ecsSdk } = this.api;
    await this.api.call(
      'ECS StopServiceDeployment (ROLLBACK)',
      () =>
        ecs.send(
          new ecsSdk.StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }),
        ),
      signal,
    );
  }
}
