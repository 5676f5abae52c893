/**
 * The state behind the AWS emulator: an ECS cluster with services, task definitions and their
 * deployments, and an Application Load Balancer with target groups, a listener and listener
 * rules. Deployments advance with real time (IN_PROGRESS → COMPLETED, or → FAILED with a
 * circuit-breaker rollback when a test asked for it), evaluated lazily on each request.
 */

import {
  type LambdaHookResult,
  NativeDeployments,
  type NativeService,
  type ServiceDeployment,
} from './native';
import type {
  HookStage,
  LifecycleHook,
  NativeDeploymentConfiguration,
  ServiceLoadBalancer,
} from './native-config';

export const ACCOUNT_ID = '123456789012';

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** DeploymentController.type and DeploymentConfiguration.strategy (the @aws-sdk/client-ecs model). */
export type DeploymentControllerType = 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';
export type DeploymentStrategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

export interface TaskDefinition {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: 'ACTIVE';
  containerDefinitions: unknown[];
  /** Everything else the caller registered (cpu, memory, networkMode, …), echoed back. */
  extra: Record<string, unknown>;
  registeredAt: number;
}

export interface Deployment {
  id: string;
  status: 'PRIMARY' | 'ACTIVE';
  taskDefinition: string;
  desiredCount: number;
  runningCount: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
  /** When an in-progress deployment completes (or fails, if `fails`). */
  settlesAt: number;
  fails: boolean;
  /**
   * A count change on a completed deployment: tasks from `from` to `desiredCount` go through
   * PENDING and come up one by one between `startedAt` and `endsAt`.
   */
  scaling?: { from: number; startedAt: number; endsAt: number };
}

export interface Service {
  serviceName: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinition: string;
  desiredCount: number;
  /** Target groups the service registers its tasks with (zero or one here). */
  targetGroupArns: string[];
  deployments: Deployment[];
  events: { id: string; createdAt: number; message: string }[];
  circuitBreakerRollback: boolean;
  deploymentController: DeploymentControllerType;
  strategy: DeploymentStrategy;
  /** Set when ECS shifts the traffic itself (BLUE_GREEN, CANARY, LINEAR with advanced load balancers). */
  native?: NativeService;
}

/** A Lambda hook's invocation, as the stand-in recorded it. */
export interface LambdaInvocation {
  functionArn: string;
  stage: HookStage;
  serviceDeploymentArn: string;
  hookDetails: unknown;
  at: number;
  result: LambdaHookResult;
}

export interface TargetGroup {
  arn: string;
  name: string;
  port: number;
  loadBalancerArn: string;
}

export interface WeightedTarget {
  targetGroupArn: string;
  weight: number;
}

/** A rule action as ELBv2 describes it; only forward actions are routed by the emulator. */
export interface RuleAction {
  type: string;
  order?: number;
  targetGroupArn?: string;
  targetGroups?: WeightedTarget[];
  stickiness?: { enabled: boolean; durationSeconds?: number };
  /** Fields of other action types, kept as given. */
  other?: Record<string, unknown>;
}

export interface ListenerRule {
  arn: string;
  listenerArn: string;
  priority: string;
  /** path-pattern values; a request matches when its path matches one (glob with *). */
  pathPatterns: string[];
  actions: RuleAction[];
}

export interface Listener {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: 'HTTP';
  defaultActions: RuleAction[];
}

export interface LoadBalancer {
  arn: string;
  name: string;
  dnsName: string;
}

export interface AwsModelOptions {
  region: string;
  /** How long a deployment stays IN_PROGRESS before it settles. */
  deploymentMs: number;
  /**
   * The clock of ECS-native deployments (bake times, hook timeouts, timestamps), epoch ms: virtual
   * time on an accelerated timeline, or a test's own clock. Default Date.now.
   */
  now?: () => number;
  /** How long a lifecycle stage without a duration of its own takes on that clock (default deploymentMs / 10). */
  stageMs?: number;
}

let idCounter = 0;
/** A hex id of the given length, unique within this process. */
export function hexId(length: number): string {
  idCounter++;
  const random = Math.floor(Math.random() * 0xffffffff).toString(16);
  return `${idCounter.toString(16)}${random}`.padStart(length, '0').slice(-length);
}

export class AwsModel {
  readonly region: string;
  deploymentMs: number;
  readonly clusters = new Map<string, { arn: string; name: string; services: Map<string, Service> }>();
  readonly taskDefinitions: TaskDefinition[] = [];
  readonly loadBalancers = new Map<string, LoadBalancer>();
  readonly targetGroups = new Map<string, TargetGroup>();
  readonly listeners = new Map<string, Listener>();
  readonly rules = new Map<string, ListenerRule>();
  /** Deployments a test asked to fail, by service name: the next one started fails. */
  readonly failNextDeployment = new Set<string>();

  readonly now: () => number;
  stageMs: number | undefined;
  /** What each Lambda hook answers (by function ARN); SUCCEEDED when not set. */
  readonly lambdaResults = new Map<string, LambdaHookResult>();
  readonly lambdaInvocations: LambdaInvocation[] = [];
  readonly native: NativeDeployments;

  constructor(options: AwsModelOptions) {
    this.region = options.region;
    this.deploymentMs = options.deploymentMs;
    this.now = options.now ?? Date.now;
    this.stageMs = options.stageMs;
    this.native = new NativeDeployments({
      now: () => this.now(),
      scaleMs: () => this.deploymentMs,
      stageMs: () => this.stageMs ?? this.deploymentMs / 10,
      region: this.region,
      accountId: ACCOUNT_ID,
      writeRuleWeights: (ruleArn, weights) => this.writeRuleWeights(ruleArn, weights),
      invokeLambda: (hook, stage, deployment) => this.invokeLambda(hook, stage, deployment),
      newDeploymentId: () => `ecs-svc/${deploymentNumber()}`,
    });
  }

  private invokeLambda(
    hook: LifecycleHook,
    stage: HookStage,
    deployment: ServiceDeployment,
  ): LambdaHookResult {
    const functionArn = hook.hookTargetArn ?? '';
    const result = this.lambdaResults.get(functionArn) ?? 'SUCCEEDED';
    this.lambdaInvocations.push({
      functionArn,
      stage,
      serviceDeploymentArn: deployment.arn,
      hookDetails: hook.hookDetails,
      at: this.now(),
      result,
    });
    return result;
  }

  /** ECS writing a listener rule's forward weights (for a native deployment). */
  private writeRuleWeights(ruleArn: string, weights: WeightedTarget[]): void {
    const rule = this.rules.get(ruleArn);
    if (!rule) return;
    const forward = rule.actions.find((a) => a.type === 'forward');
    const next = {
      type: 'forward',
      targetGroups: weights,
      stickiness: forward?.stickiness ?? { enabled: false },
    };
    rule.actions = forward ? rule.actions.map((a) => (a === forward ? { ...forward, ...next } : a)) : [next];
  }

  /** Turns a service into one whose deployments ECS drives itself (BLUE_GREEN, CANARY, LINEAR). */
  makeNative(
    service: Service,
    config: NativeDeploymentConfiguration,
    loadBalancers: ServiceLoadBalancer[],
  ): void {
    service.strategy = config.strategy;
    service.targetGroupArns = loadBalancers.flatMap((lb) => [
      lb.targetGroupArn,
      ...(lb.advancedConfiguration ? [lb.advancedConfiguration.alternateTargetGroupArn] : []),
    ]);
    if (service.native) {
      service.native.config = config;
      service.native.loadBalancers = loadBalancers;
      return;
    }
    const cluster = [...this.clusters.values()].find((c) => c.arn === service.clusterArn);
    const live = loadBalancers[0]?.targetGroupArn;
    if (!cluster || !live) throw new Error('native service without cluster or load balancer');
    service.native = {
      serviceArn: service.serviceArn,
      clusterName: cluster.name,
      serviceName: service.serviceName,
      config,
      loadBalancers,
      liveTargetGroup: live,
      revisions: [],
      deployments: [],
    };
    this.native.initialRevision(service.native, service.taskDefinition, service.desiredCount);
  }

  /** Every service deployment of every native service, newest first. */
  findServiceDeployment(arn: string): { service: Service; deployment: ServiceDeployment } | undefined {
    for (const service of this.allServices()) {
      const deployment = service.native?.deployments.find((d) => d.arn === arn);
      if (deployment) return { service, deployment };
    }
    return undefined;
  }

  /** The service and task definition answering for a target group right now, if a task runs there. */
  servingOf(
    targetGroupArn: string,
  ): { service: Service; taskDefinitionArn: string; running: number } | undefined {
    const service = this.serviceOfTargetGroup(targetGroupArn);
    if (!service) return undefined;
    if (service.native) {
      this.native.advance(service.native);
      const revision = service.native.revisions.find(
        (r) => r.targetGroupArn === targetGroupArn && r.runningCount > 0,
      );
      return revision
        ? { service, taskDefinitionArn: revision.taskDefinition, running: revision.runningCount }
        : undefined;
    }
    const taskDefinitionArn = this.servingTaskDefinition(service);
    return taskDefinitionArn === undefined
      ? undefined
      : { service, taskDefinitionArn, running: this.runningCount(service) };
  }

  arn(service: 'ecs' | 'elasticloadbalancing', resource: string): string {
    return `arn:aws:${service}:${this.region}:${ACCOUNT_ID}:${resource}`;
  }

  // ---- ECS ------------------------------------------------------------------------------------

  createCluster(name: string): string {
    const arn = this.arn('ecs', `cluster/${name}`);
    this.clusters.set(name, { arn, name, services: new Map() });
    return arn;
  }

  findCluster(nameOrArn: string | undefined) {
    const key = nameOrArn ?? 'default';
    for (const cluster of this.clusters.values()) {
      if (cluster.name === key || cluster.arn === key) return cluster;
    }
    return undefined;
  }

  registerTaskDefinition(
    family: string,
    containerDefinitions: unknown[],
    extra: Record<string, unknown> = {},
  ): TaskDefinition {
    const revision = this.taskDefinitions.filter((t) => t.family === family).length + 1;
    const taskDefinition: TaskDefinition = {
      taskDefinitionArn: this.arn('ecs', `task-definition/${family}:${revision}`),
      family,
      revision,
      status: 'ACTIVE',
      containerDefinitions,
      extra,
      registeredAt: Date.now(),
    };
    this.taskDefinitions.push(taskDefinition);
    return taskDefinition;
  }

  /** Resolves `family`, `family:revision` or a full ARN as ECS does (a bare family means its latest). */
  findTaskDefinition(reference: string): TaskDefinition | undefined {
    if (reference.startsWith('arn:'))
      return this.taskDefinitions.find((t) => t.taskDefinitionArn === reference);
    const [family, revision] = reference.split(':');
    const matching = this.taskDefinitions.filter((t) => t.family === family);
    if (revision === undefined) return matching[matching.length - 1];
    return matching.find((t) => String(t.revision) === revision);
  }

  createService(
    clusterName: string,
    spec: {
      name: string;
      taskDefinition: string;
      desiredCount: number;
      targetGroupArn?: string;
      circuitBreakerRollback?: boolean;
    },
  ): Service {
    const cluster = this.findCluster(clusterName);
    const taskDefinition = this.findTaskDefinition(spec.taskDefinition);
    if (!cluster || !taskDefinition) throw new Error(`seed: unknown cluster or task definition`);
    const now = Date.now();
    const service: Service = {
      serviceName: spec.name,
      serviceArn: this.arn('ecs', `service/${cluster.name}/${spec.name}`),
      clusterArn: cluster.arn,
      taskDefinition: taskDefinition.taskDefinitionArn,
      desiredCount: spec.desiredCount,
      targetGroupArns: spec.targetGroupArn ? [spec.targetGroupArn] : [],
      deployments: [
        {
          id: `ecs-svc/${deploymentNumber()}`,
          status: 'PRIMARY',
          taskDefinition: taskDefinition.taskDefinitionArn,
          desiredCount: spec.desiredCount,
          runningCount: spec.desiredCount,
          rolloutState: 'COMPLETED',
          rolloutStateReason: 'ECS deployment ecs-svc completed.',
          createdAt: now,
          updatedAt: now,
          settlesAt: now,
          fails: false,
        },
      ],
      events: [],
      circuitBreakerRollback: spec.circuitBreakerRollback ?? true,
      deploymentController: 'ECS',
      strategy: 'ROLLING',
    };
    cluster.services.set(spec.name, service);
    return service;
  }

  findService(clusterName: string | undefined, nameOrArn: string): Service | undefined {
    const cluster = this.findCluster(clusterName);
    if (!cluster) return undefined;
    for (const service of cluster.services.values()) {
      if (service.serviceName === nameOrArn || service.serviceArn === nameOrArn) return service;
    }
    return undefined;
  }

  allServices(): Service[] {
    return [...this.clusters.values()].flatMap((c) => [...c.services.values()]);
  }

  /**
   * UpdateService: a new task definition or count starts a new PRIMARY deployment (the previous
   * one drains as ACTIVE); a count change alone on a settled service just scales it.
   */
  updateService(service: Service, change: { taskDefinition?: TaskDefinition; desiredCount?: number }): void {
    this.advance(service);
    const now = Date.now();
    const desiredCount = change.desiredCount ?? service.desiredCount;
    const taskDefinitionArn = change.taskDefinition?.taskDefinitionArn ?? service.taskDefinition;
    const primary = service.deployments.find((d) => d.status === 'PRIMARY');
    if (taskDefinitionArn === service.taskDefinition && primary) {
      // Same revision: ECS scales the current deployment (no new deployment id, rolloutState stays
      // COMPLETED). New tasks go through PENDING before they run; surplus tasks stop at once.
      service.desiredCount = desiredCount;
      primary.desiredCount = desiredCount;
      if (primary.rolloutState === 'COMPLETED') {
        if (desiredCount > primary.runningCount) {
          primary.scaling = { from: primary.runningCount, startedAt: now, endsAt: now + this.deploymentMs };
        } else {
          primary.runningCount = desiredCount;
          delete primary.scaling;
        }
      }
      primary.updatedAt = now;
      return;
    }
    for (const d of service.deployments) d.status = 'ACTIVE';
    const fails = this.failNextDeployment.delete(service.serviceName);
    service.taskDefinition = taskDefinitionArn;
    service.desiredCount = desiredCount;
    service.deployments.unshift({
      id: `ecs-svc/${deploymentNumber()}`,
      status: 'PRIMARY',
      taskDefinition: taskDefinitionArn,
      desiredCount,
      runningCount: 0,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: 'ECS deployment in progress.',
      createdAt: now,
      updatedAt: now,
      settlesAt: now + this.deploymentMs,
      fails,
    });
  }

  /** Brings a service's deployments up to the current time. */
  advance(service: Service): void {
    const now = Date.now();
    for (const d of service.deployments) {
      if (d.scaling === undefined) continue;
      const { from, startedAt, endsAt } = d.scaling;
      const share = endsAt <= startedAt ? 1 : Math.min(1, (now - startedAt) / (endsAt - startedAt));
      d.runningCount = from + Math.floor(share * (d.desiredCount - from));
      if (d.runningCount >= d.desiredCount) delete d.scaling;
    }
    for (let changed = true; changed; ) {
      changed = false;
      const primary = service.deployments.find((d) => d.status === 'PRIMARY');
      if (primary?.rolloutState !== 'IN_PROGRESS' || now < primary.settlesAt) break;
      changed = true;
      if (primary.fails) {
        primary.rolloutState = 'FAILED';
        primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
        primary.updatedAt = primary.settlesAt;
        service.events.unshift({
          id: hexId(12),
          createdAt: primary.settlesAt,
          message: `(service ${service.serviceName}) (deployment ${primary.id}) deployment failed: tasks failed to start.`,
        });
        const previous = service.deployments.find(
          (d) =>
            d !== primary && d.rolloutState === 'COMPLETED' && d.taskDefinition !== primary.taskDefinition,
        );
        if (service.circuitBreakerRollback && previous) {
          // The circuit breaker rolls back: a new PRIMARY deployment of the last completed revision.
          primary.status = 'ACTIVE';
          for (const d of service.deployments) d.status = 'ACTIVE';
          service.taskDefinition = previous.taskDefinition;
          service.deployments.unshift({
            id: `ecs-svc/${deploymentNumber()}`,
            status: 'PRIMARY',
            taskDefinition: previous.taskDefinition,
            desiredCount: service.desiredCount,
            runningCount: 0,
            rolloutState: 'IN_PROGRESS',
            rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${previous.id}.`,
            createdAt: primary.settlesAt,
            updatedAt: primary.settlesAt,
            settlesAt: primary.settlesAt + this.deploymentMs,
            fails: false,
          });
        }
      } else {
        primary.rolloutState = 'COMPLETED';
        primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
        primary.runningCount = primary.desiredCount;
        primary.updatedAt = primary.settlesAt;
        // Older deployments (a failed one included) drained and went INACTIVE: they leave the list.
        service.deployments = [primary];
        service.events.unshift({
          id: hexId(12),
          createdAt: primary.settlesAt,
          message: `(service ${service.serviceName}) has reached a steady state.`,
        });
      }
    }
  }

  /** The task definition whose tasks answer a service's traffic right now, if any run. */
  servingTaskDefinition(service: Service): string | undefined {
    this.advance(service);
    const completed = service.deployments.find((d) => d.rolloutState === 'COMPLETED' && d.runningCount > 0);
    return completed?.taskDefinition;
  }

  runningCount(service: Service): number {
    this.advance(service);
    return service.deployments.reduce((sum, d) => sum + d.runningCount, 0);
  }

  // ---- ELBv2 ----------------------------------------------------------------------------------

  createLoadBalancer(name: string): LoadBalancer {
    const arn = this.arn('elasticloadbalancing', `loadbalancer/app/${name}/${hexId(16)}`);
    const lb = { arn, name, dnsName: `${name}-${hexId(9)}.${this.region}.elb.amazonaws.com` };
    this.loadBalancers.set(arn, lb);
    return lb;
  }

  createTargetGroup(name: string, loadBalancerArn: string): TargetGroup {
    const arn = this.arn('elasticloadbalancing', `targetgroup/${name}/${hexId(16)}`);
    const tg = { arn, name, port: 8080, loadBalancerArn };
    this.targetGroups.set(arn, tg);
    return tg;
  }

  createListener(lb: LoadBalancer, port: number, defaultActions: RuleAction[]): Listener {
    const arn = `${lb.arn.replace(':loadbalancer/', ':listener/')}/${hexId(16)}`;
    const listener: Listener = { arn, loadBalancerArn: lb.arn, port, protocol: 'HTTP', defaultActions };
    this.listeners.set(arn, listener);
    return listener;
  }

  createRule(
    listener: Listener,
    priority: string,
    pathPatterns: string[],
    actions: RuleAction[],
  ): ListenerRule {
    const arn = `${listener.arn.replace(':listener/', ':listener-rule/')}/${hexId(16)}`;
    const rule: ListenerRule = { arn, listenerArn: listener.arn, priority, pathPatterns, actions };
    this.rules.set(arn, rule);
    return rule;
  }

  /** The service whose tasks are registered with a target group. */
  serviceOfTargetGroup(targetGroupArn: string): Service | undefined {
    return this.allServices().find((s) => s.targetGroupArns.includes(targetGroupArn));
  }
}

let deploymentCounter = 0;
/** ECS deployment ids are `ecs-svc/` and 19 digits. */
function deploymentNumber(): string {
  deploymentCounter++;
  return `${Date.now()}${String(deploymentCounter).padStart(6, '0')}`.padStart(19, '0').slice(-19);
}

/** The CloudWatch dimension value of a load balancer (`app/<name>/<id>`) or target group (`targetgroup/<name>/<id>`). */
export function dimensionOf(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.startsWith('loadbalancer/') ? resource.slice('loadbalancer/'.length) : resource;
}
