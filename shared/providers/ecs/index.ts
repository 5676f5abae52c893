/**
 * The ECS traffic provider: two services (blue and green) in one cluster, each registered with its
 * own target group, behind a listener (default action) or listener rule whose weighted forward
 * splits traffic between them. The service at 100 % is stable, the other is idle and receives the
 * candidate task definition; a deployment is tracked by its id until it COMPLETES, and a split is
 * proven by reading the weights back.
 *
 * Optimistic concurrency: ELBv2 has no etag, so the version of a state is a digest of the weights.
 * Each write re-reads the weights immediately before writing and refuses when they changed. What
 * remains is the window between that re-read and the ModifyListener/ModifyRule call (one round
 * trip, milliseconds): a writer landing exactly there is not detected before the write, and its
 * change is overwritten. A writer just after our write is caught by the read-back that follows
 * every write: weights that are neither ours nor the previous ones fail the step at once.
 *
 * One service without a load balancer is supported for rollback only: it serves 100 % by itself
 * and can be returned to a recorded task definition, tracked the same way.
 */
import type {
  ECSClient,
  Service as EcsService,
  RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import type { Action, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { createAwsClient, regionFrom } from '../../aws/clients';
import { requireAwsCredentials } from '../../credentials';
import { ActionError, errorMessage, InputError } from '../../errors';
import { isRetryableError, retry } from '../../retry';
import { throwIfCancelled } from '../../run';
import { resourceOf } from '../../traffic/settings';
import { formatSplit, sameSplit } from '../../traffic/split';
import type { EcsTarget } from '../../traffic/types';
import {
  type Candidate,
  type CandidateRequest,
  ConcurrentWriteError,
  type ProviderDeps,
  type RollbackTarget,
  type ServingState,
  SplitNotObservedError,
  type TrafficEntry,
  type TrafficProvider,
  type WaitOptions,
} from '../../traffic/types';
import { deploymentOutcome, isSettled, primaryDeployment, shortTaskDefinition } from './deployment';
import {
  isTaskDefinitionFile,
  matchesRegistered,
  readTaskDefinitionFile,
  type TaskDefinitionSpec,
} from './task-definition';
import { actionsWithSplit, forwardGroups, splitFromWeights, weightsVersion } from './weights';

type EcsSdk = typeof import('@aws-sdk/client-ecs');
type ElbSdk = typeof import('@aws-sdk/client-elastic-load-balancing-v2');

/**
 * SDK attempts per call (its own standard-mode retries), and our retries around them: no fixed
 * count, until the step's deadline (a throttling storm is waited out if the step has the time).
 */
const SDK_MAX_ATTEMPTS = 4;
const CALL_RETRY = { baseDelayMs: 500, maxDelayMs: 8000 };
/** Longest one call keeps retrying when the step gave no deadline. */
const CALL_DEADLINE_MS = 90_000;

/**
 * Deployment controllers and strategies under which ECS (or CodeDeploy, or a third party) moves
 * traffic itself: this provider would fight it over the listener, or be refused a task-definition
 * update. ECS-native strategies get their own mode in a later change.
 */
const FOREIGN_CONTROLLERS = new Set(['CODE_DEPLOY', 'EXTERNAL']);
const NATIVE_STRATEGIES = new Set(['BLUE_GREEN', 'LINEAR', 'CANARY']);

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** RegisterTaskDefinition/UpdateService under load answer this ClientException; it clears on retry. */
const CONCURRENT_REVISION = /too many concurrent attempts/i;

export function isRetryableAwsError(err: unknown): boolean {
  if (isRetryableError(err)) return true;
  return err instanceof Error && err.name === 'ClientException' && CONCURRENT_REVISION.test(err.message);
}

export async function createEcsTrafficProvider(
  target: EcsTarget,
  deps: ProviderDeps,
): Promise<TrafficProvider> {
  // Checked before the SDK loads: a malformed region would only fail later as an unreachable host.
  if (target.region !== undefined && !AWS_REGION.test(target.region)) {
    throw new InputError('region', `"${target.region}" is not an AWS region`, 'eu-west-1');
  }
  const region = regionFrom(target.region, deps.env);
  if (region === undefined) {
    throw new ActionError(
      'no AWS region: give input "region" or set AWS_REGION (aws-actions/configure-aws-credentials does)',
    );
  }
  const hasListener = target.listenerArn !== undefined || target.listenerRuleArn !== undefined;
  // The SDKs load only now, after the inputs were validated; ELBv2 only when a listener is involved.
  const [ecsSdk, elbSdk] = await Promise.all([
    import('@aws-sdk/client-ecs'),
    hasListener ? import('@aws-sdk/client-elastic-load-balancing-v2') : Promise.resolve(undefined),
  ]);
  const provider = new EcsTrafficProvider(target, deps, region, ecsSdk, elbSdk);
  await provider.requireCredentials();
  return provider;
}

interface ForwardRead {
  actions: Action[];
  version: string;
  split: TrafficEntry[];
}

class EcsTrafficProvider implements TrafficProvider {
  readonly name = 'ecs' as const;
  readonly resource: Record<string, string>;
  /** Operations sent (each once, however often the SDK or we retried it). */
  private calls = 0;
  private readonly ecs: ECSClient;
  private readonly elb: ElasticLoadBalancingV2Client | undefined;
  /** Service name → its target group, learnt from DescribeServices. */
  private readonly groupOfService = new Map<string, string>();
  private services = new Map<string, EcsService>();
  private readonly resolvedTaskDefinitions = new Map<string, string>();
  /** The weights version before and after this provider's last write, to tell another writer apart. */
  private lastWrite: { before: string; after: string } | undefined;
  /** The step's deadline (epoch ms), from the latest wait options: no call retries beyond it. */
  private stepDeadline: number | undefined;

  constructor(
    private readonly target: EcsTarget,
    private readonly deps: ProviderDeps,
    region: string,
    private readonly ecsSdk: EcsSdk,
    private readonly elbSdk: ElbSdk | undefined,
  ) {
    this.resource = resourceOf(target);
    this.stepDeadline = deps.deadlineAt;
    const settings = { region, userAgent: deps.userAgent, maxAttempts: SDK_MAX_ATTEMPTS };
    this.ecs = createAwsClient(ecsSdk.ECSClient, settings, deps.env);
    this.elb = elbSdk ? createAwsClient(elbSdk.ElasticLoadBalancingV2Client, settings, deps.env) : undefined;
  }

  apiCalls(): number {
    return this.calls;
  }

  /** Fails at once, naming the step that provides them, when the AWS chain has no credentials. */
  requireCredentials(): Promise<void> {
    return requireAwsCredentials(this.ecs);
  }

  // ---- reading --------------------------------------------------------------------------------

  async read(): Promise<ServingState> {
    const services = await this.describeServices();
    const taskDefinitions = Object.fromEntries(
      [...services.entries()].map(([name, s]) => [name, s.taskDefinition ?? '']),
    );
    const settled = [...services.values()].every(isSettled);
    if (!this.hasListener()) {
      const [only] = this.target.services;
      const observed = [{ target: only, percent: 100 }];
      return {
        desired: observed,
        observed,
        version: `task:${taskDefinitions[only] ?? ''}`,
        settled,
        taskDefinitions,
      };
    }
    const forward = await this.readForward();
    return {
      desired: forward.split,
      observed: forward.split,
      version: forward.version,
      settled,
      taskDefinitions,
    };
  }

  private hasListener(): boolean {
    return this.elb !== undefined;
  }

  private where(): string {
    return this.target.listenerRuleArn !== undefined
      ? `listener rule ${this.target.listenerRuleArn}`
      : `listener ${this.target.listenerArn ?? ''}`;
  }

  private async describeServices(): Promise<Map<string, EcsService>> {
    const { cluster, services: names } = this.target;
    const out = await this.call('ECS DescribeServices', () =>
      this.ecs.send(new this.ecsSdk.DescribeServicesCommand({ cluster, services: [...names] })),
    ).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'ClusterNotFoundException') {
        throw new ActionError(`ECS cluster ${cluster} not found in this account and region`);
      }
      throw err;
    });
    // Keyed by the name as the input gave it (a service name or its ARN): that is what the
    // traffic entries and the rollback token call it.
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
    for (const [name, service] of found) refuseForeignDeployments(name, service);
    if (this.hasListener()) {
      for (const name of names) {
        const groups = (found.get(name)?.loadBalancers ?? []).flatMap((lb) =>
          lb.targetGroupArn ? [lb.targetGroupArn] : [],
        );
        if (groups.length !== 1) {
          throw new ActionError(
            `ECS service ${name} is registered with ${groups.length} target groups; blue/green needs exactly one per service`,
          );
        }
        this.groupOfService.set(name, groups[0] as string);
      }
      if (new Set(this.groupOfService.values()).size !== names.length) {
        throw new ActionError(
          `ECS services ${names.join(' and ')} share one target group; each needs its own`,
        );
      }
    }
    this.services = found;
    return found;
  }

  private async readForward(): Promise<ForwardRead> {
    const elb = this.requireElb();
    const sdk = this.elbSdk as ElbSdk;
    const where = this.where();
    let actions: Action[];
    try {
      if (this.target.listenerRuleArn !== undefined) {
        const arn = this.target.listenerRuleArn;
        const out = await this.call('ELBv2 DescribeRules', () =>
          elb.send(new sdk.DescribeRulesCommand({ RuleArns: [arn] })),
        );
        actions = out.Rules?.[0]?.Actions ?? [];
      } else {
        const arn = this.target.listenerArn ?? '';
        const out = await this.call('ELBv2 DescribeListeners', () =>
          elb.send(new sdk.DescribeListenersCommand({ ListenerArns: [arn] })),
        );
        actions = out.Listeners?.[0]?.DefaultActions ?? [];
      }
    } catch (err) {
      if (err instanceof Error && /^(ListenerNotFound|RuleNotFound)/.test(err.name)) {
        throw new ActionError(`${where} not found: ${err.message}`);
      }
      throw err;
    }
    const groups = forwardGroups(actions, where);
    const serviceOfGroup = new Map(
      [...this.groupOfService.entries()].map(([service, group]) => [group, service]),
    );
    return {
      actions,
      version: weightsVersion(groups),
      split: splitFromWeights(groups, serviceOfGroup, where),
    };
  }

  private requireElb(): ElasticLoadBalancingV2Client {
    if (this.elb === undefined) {
      throw new ActionError('a traffic split needs "listener-arn" or "listener-rule-arn" and two services');
    }
    return this.elb;
  }

  // ---- the candidate --------------------------------------------------------------------------

  /** `family`, `family:revision` or an ARN → the full ARN; proves the task definition exists. */
  private async resolveTaskDefinition(reference: string): Promise<string> {
    const cached = this.resolvedTaskDefinitions.get(reference);
    if (cached !== undefined) return cached;
    const out = await this.call('ECS DescribeTaskDefinition', () =>
      this.ecs.send(new this.ecsSdk.DescribeTaskDefinitionCommand({ taskDefinition: reference })),
    ).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'ClientException') {
        throw new ActionError(`task definition ${reference} not found: ${err.message}`);
      }
      throw err;
    });
    const arn = out.taskDefinition?.taskDefinitionArn;
    if (!arn) throw new ActionError(`task definition ${reference}: ECS returned no ARN`);
    this.resolvedTaskDefinitions.set(reference, arn);
    return arn;
  }

  /**
   * Which service gets the candidate: the one already running the requested task definition
   * with a share (a rollout in progress), else the one with the smaller share (the idle one).
   */
  private async pickCandidate(
    request: CandidateRequest,
    state: ServingState,
  ): Promise<{ service: string; taskDefinitionArn: string | undefined; spec?: TaskDefinitionSpec }> {
    const reference = request.taskDefinition ?? request.candidate;
    let requestedArn: string | undefined;
    let spec: TaskDefinitionSpec | undefined;
    if (reference !== undefined && isTaskDefinitionFile(reference)) {
      // Checked at input time already; undefined ARN = not registered yet.
      spec = readTaskDefinitionFile(reference, 'task-definition');
      requestedArn = await this.registeredRevisionOf(spec);
    } else if (reference !== undefined) {
      requestedArn = await this.resolveTaskDefinition(reference);
    }
    const share = (service: string) => state.observed.find((e) => e.target === service)?.percent ?? 0;
    const names = [...this.target.services];
    if (names.length !== 2) throw this.requireElbError();
    const running = names.find(
      (name) =>
        share(name) > 0 && requestedArn !== undefined && state.taskDefinitions?.[name] === requestedArn,
    );
    const sorted = [...names].sort((a, b) => share(a) - share(b));
    const [lower, higher] = sorted as [string, string];
    if (running === undefined && share(lower) === share(higher)) {
      throw new ActionError(
        `both services serve ${share(lower)} %, so neither is idle; name the candidate with "candidate" (the task definition it runs)`,
      );
    }
    const service = running ?? lower;
    if (spec !== undefined) return { service, taskDefinitionArn: requestedArn, spec };
    return { service, taskDefinitionArn: requestedArn ?? state.taskDefinitions?.[service] ?? '' };
  }

  /** The family's latest revision when it already is the spec (a re-run), else undefined. */
  private async registeredRevisionOf(spec: TaskDefinitionSpec): Promise<string | undefined> {
    const latest = await this.call('ECS DescribeTaskDefinition', () =>
      this.ecs.send(new this.ecsSdk.DescribeTaskDefinitionCommand({ taskDefinition: spec.family })),
    ).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'ClientException') return undefined; // a new family
      throw err;
    });
    // Tags are not part of a described revision; everything else the file sets must match.
    const { tags: _tags, ...comparable } = spec;
    const registered = latest?.taskDefinition;
    return registered && matchesRegistered(comparable, registered) ? registered.taskDefinitionArn : undefined;
  }

  /** Registers the spec as a new revision ("too many concurrent attempts" is retried). */
  private async register(spec: TaskDefinitionSpec, signal: AbortSignal): Promise<string> {
    const out = await this.call(
      'ECS RegisterTaskDefinition',
      () =>
        this.ecs.send(
          // The file was checked for family and containers; ECS validates the rest of its shape.
          new this.ecsSdk.RegisterTaskDefinitionCommand(
            spec as unknown as RegisterTaskDefinitionCommandInput,
          ),
        ),
      signal,
    ).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'ClientException') {
        throw new ActionError(`ECS refused to register the task definition ${spec.family}: ${err.message}`);
      }
      throw err;
    });
    const arn = out.taskDefinition?.taskDefinitionArn;
    if (!arn) throw new ActionError(`RegisterTaskDefinition for ${spec.family} returned no ARN`);
    this.deps.log(`Registered ${shortTaskDefinition(arn)}`);
    return arn;
  }

  private requireElbError(): ActionError {
    return new ActionError('a canary needs two services (blue and green) behind a listener or listener rule');
  }

  async resolveCandidate(
    request: CandidateRequest,
    state: ServingState,
  ): Promise<Pick<Candidate, 'target' | 'id'>> {
    const picked = await this.pickCandidate(request, state);
    const id =
      picked.taskDefinitionArn ?? `${picked.spec?.family ?? 'task definition'} (new revision from file)`;
    return { target: picked.service, id };
  }

  async prepareCandidate(
    request: CandidateRequest,
    state: ServingState,
    options: WaitOptions,
  ): Promise<{ candidate: Candidate; state: ServingState }> {
    const deadline = this.deadlineFrom(options);
    const picked = await this.pickCandidate(request, state);
    const { service, spec } = picked;
    let taskDefinitionArn = picked.taskDefinitionArn;
    const current = this.services.get(service);
    const share = state.observed.find((e) => e.target === service)?.percent ?? 0;
    const stable = this.target.services.find((name) => name !== service) ?? service;
    let short = shortTaskDefinition(taskDefinitionArn ?? spec?.family);
    const primary = current ? primaryDeployment(current) : undefined;

    let deploymentId: string | undefined;
    if (
      taskDefinitionArn !== undefined &&
      current?.taskDefinition === taskDefinitionArn &&
      current &&
      isSettled(current) &&
      (current.runningCount ?? 0) > 0
    ) {
      this.deps.log(`${service} already runs ${short} (${current.runningCount} tasks): nothing to deploy`);
    } else if (
      taskDefinitionArn !== undefined &&
      primary?.taskDefinition === taskDefinitionArn &&
      primary.rolloutState === 'IN_PROGRESS' &&
      primary.id
    ) {
      // A re-run after a timeout: the deployment we started is still going; follow it by its id.
      deploymentId = primary.id;
      this.deps.log(`${service} is already deploying ${short} (${deploymentId}): waiting for it`);
    } else {
      if (share > 0) {
        throw new ActionError(
          `${service} serves ${share} % with ${shortTaskDefinition(current?.taskDefinition)}; deploying ${short} to it would change live traffic. Finish or roll back the current rollout first`,
        );
      }
      await this.checkUnchanged(state.version, 'before deploying the candidate');
      if (taskDefinitionArn === undefined) {
        if (spec === undefined) throw new ActionError('no task definition to deploy');
        throwIfCancelled(options.signal);
        taskDefinitionArn = await this.register(spec, options.signal);
        short = shortTaskDefinition(taskDefinitionArn);
      }
      const arn = taskDefinitionArn;
      const desiredCount = Math.max(1, this.services.get(stable)?.desiredCount ?? 1);
      throwIfCancelled(options.signal);
      const out = await this.call(
        'ECS UpdateService',
        () =>
          this.ecs.send(
            new this.ecsSdk.UpdateServiceCommand({
              cluster: this.target.cluster,
              service,
              taskDefinition: arn,
              desiredCount,
            }),
          ),
        options.signal,
      );
      const started = out.service ? primaryDeployment(out.service) : undefined;
      if (!started?.id || started.taskDefinition !== arn) {
        throw new ActionError(`UpdateService on ${service} did not start a deployment of ${short}`);
      }
      deploymentId = started.id;
      this.deps.log(
        `Deploying ${short} to ${service} at 0 %: deployment ${deploymentId}, ${desiredCount} tasks`,
      );
    }
    if (deploymentId !== undefined) await this.waitForDeployment(service, deploymentId, deadline, options);
    await this.waitForHealthyTargets(service, deadline, options);

    const after = await this.read();
    if (after.version !== state.version) {
      throw new ConcurrentWriteError(
        `the weights changed while the candidate deployed (now ${formatSplit(after.observed)}); another writer is active, so no split was written`,
      );
    }
    return { candidate: { target: service, id: taskDefinitionArn ?? '' }, state: after };
  }

  private async checkUnchanged(expectedVersion: string, when: string): Promise<ForwardRead> {
    const forward = await this.readForward();
    if (forward.version !== expectedVersion) {
      throw new ConcurrentWriteError(
        `the weights changed since they were read (now ${formatSplit(forward.split)}) ${when}; another writer is active, so nothing was written`,
      );
    }
    return forward;
  }

  /** Polls DescribeServices until the deployment with this id COMPLETES; anything else fails the step. */
  private async waitForDeployment(
    service: string,
    deploymentId: string,
    deadline: number,
    options: WaitOptions,
  ): Promise<void> {
    let last = 'not read yet';
    for (;;) {
      const described = (await this.describeServices()).get(service);
      const outcome = described ? deploymentOutcome(described, deploymentId) : undefined;
      if (outcome?.state === 'completed') {
        this.deps.log(`Deployment ${deploymentId} of ${service} COMPLETED`);
        return;
      }
      if (outcome?.state === 'failed') throw new ActionError(`${service}: ${outcome.reason}`);
      if (outcome?.state === 'in-progress') last = `${outcome.running}/${outcome.desired} tasks running`;
      if (this.deps.clock.now() + options.pollMs > deadline) {
        throw new ActionError(
          `deployment ${deploymentId} of ${service} did not complete in time (${last}); it may still finish, re-run the step to keep waiting for it`,
        );
      }
      await this.deps.clock.sleep(options.pollMs, options.signal);
    }
  }

  /** The candidate's target group must report healthy targets before it takes any traffic. */
  private async waitForHealthyTargets(
    service: string,
    deadline: number,
    options: WaitOptions,
  ): Promise<void> {
    const elb = this.requireElb();
    const sdk = this.elbSdk as ElbSdk;
    const group = this.groupOfService.get(service) ?? '';
    for (;;) {
      const out = await this.call('ELBv2 DescribeTargetHealth', () =>
        elb.send(new sdk.DescribeTargetHealthCommand({ TargetGroupArn: group })),
      );
      const healthy = (out.TargetHealthDescriptions ?? []).filter(
        (t) => t.TargetHealth?.State === 'healthy',
      ).length;
      if (healthy > 0) {
        this.deps.log(`${service}: ${healthy} healthy targets in ${group}`);
        return;
      }
      if (this.deps.clock.now() + options.pollMs > deadline) {
        throw new ActionError(`${service} has no healthy target in ${group}; it can't take traffic`);
      }
      await this.deps.clock.sleep(options.pollMs, options.signal);
    }
  }

  // ---- the split ------------------------------------------------------------------------------

  async setSplit(split: TrafficEntry[], expectedVersion: string): Promise<void> {
    if (!this.hasListener()) {
      const [only] = this.target.services;
      if (sameSplit(split, [{ target: only, percent: 100 }])) return;
      throw this.requireElbError();
    }
    const elb = this.requireElb();
    const sdk = this.elbSdk as ElbSdk;
    const current = await this.checkUnchanged(expectedVersion, 'before writing the split');
    if (sameSplit(current.split, split)) return; // already holds: a re-run writes nothing
    // Traffic sent to a service without running tasks is answered 503 by the load balancer.
    const empty = split.filter(
      (e) => e.percent > 0 && (this.services.get(e.target)?.runningCount ?? 0) === 0,
    );
    if (empty.length > 0) {
      throw new ActionError(
        `refusing to send ${formatSplit(empty)} to a service with no running tasks; scale it up first`,
      );
    }
    const actions = actionsWithSplit(current.actions, split, this.groupOfService);
    this.lastWrite = { before: current.version, after: weightsVersion(forwardGroups(actions, this.where())) };
    throwIfCancelled(this.deps.signal);
    if (this.target.listenerRuleArn !== undefined) {
      const arn = this.target.listenerRuleArn;
      await this.call(
        'ELBv2 ModifyRule',
        () => elb.send(new sdk.ModifyRuleCommand({ RuleArn: arn, Actions: actions })),
        this.deps.signal,
      );
    } else {
      const arn = this.target.listenerArn ?? '';
      await this.call(
        'ELBv2 ModifyListener',
        () => elb.send(new sdk.ModifyListenerCommand({ ListenerArn: arn, DefaultActions: actions })),
        this.deps.signal,
      );
    }
  }

  async waitForObserved(split: TrafficEntry[], options: WaitOptions): Promise<ServingState> {
    const deadline = this.deadlineFrom(options);
    for (;;) {
      const state = await this.read();
      if (sameSplit(state.observed, split)) return state;
      // Neither what we wrote nor (eventual consistency) what was there before: another writer.
      const write = this.lastWrite;
      if (write && state.version !== write.before && state.version !== write.after) {
        throw new SplitNotObservedError(
          `another writer changed ${this.where()} right after this step wrote it: it now forwards ${formatSplit(state.observed)}, not ${formatSplit(split)}`,
          state,
        );
      }
      if (this.deps.clock.now() + options.pollMs > deadline) {
        throw new SplitNotObservedError(
          `${this.where()} forwards ${formatSplit(state.observed)}, not ${formatSplit(split)}: another writer changed it, or the change did not apply`,
          state,
        );
      }
      await this.deps.clock.sleep(options.pollMs, options.signal);
    }
  }

  // ---- rollback -------------------------------------------------------------------------------

  async explicitTarget(id: string, state: ServingState): Promise<RollbackTarget> {
    const arn = await this.resolveTaskDefinition(id);
    const names = [...this.target.services];
    let service: string | undefined;
    if (names.length === 1) service = names[0];
    else service = names.find((name) => state.taskDefinitions?.[name] === arn);
    if (service === undefined) {
      const running = names
        .map((name) => `${name}: ${shortTaskDefinition(state.taskDefinitions?.[name])}`)
        .join(', ');
      throw new ActionError(
        `neither service runs ${shortTaskDefinition(arn)} (${running}); name the task definition of the service to return all traffic to`,
      );
    }
    return {
      v: 1,
      provider: 'ecs',
      resource: this.resource,
      traffic: names.map((name) => ({ target: name, percent: name === service ? 100 : 0 })),
      taskDefinitions: { [service]: arn },
      capturedAt: new Date(this.deps.clock.now()).toISOString(),
    };
  }

  async restoreTaskDefinitions(target: RollbackTarget, options: WaitOptions): Promise<boolean> {
    const deadline = this.deadlineFrom(options);
    // Only services that serve traffic in the target matter; an idle service's revision does not.
    const serving = new Set(target.traffic.filter((e) => e.percent > 0).map((e) => e.target));
    const wanted = Object.entries(target.taskDefinitions ?? {}).filter(([service]) => serving.has(service));
    let deployed = false;
    for (const [service, taskDefinitionArn] of wanted) {
      const current = (await this.describeServices()).get(service);
      if (!current) throw new ActionError(`ECS service ${service} not found`);
      const short = shortTaskDefinition(taskDefinitionArn);
      const primary = primaryDeployment(current);
      let deploymentId: string | undefined;
      if (current.taskDefinition === taskDefinitionArn && isSettled(current)) {
        this.deps.log(`${service} already runs ${short}`);
        continue;
      }
      if (primary?.taskDefinition === taskDefinitionArn && primary.rolloutState !== 'FAILED' && primary.id) {
        deploymentId = primary.id;
        this.deps.log(`${service} is already returning to ${short} (${deploymentId}): waiting for it`);
      } else {
        throwIfCancelled(options.signal);
        const out = await this.call(
          'ECS UpdateService',
          () =>
            this.ecs.send(
              new this.ecsSdk.UpdateServiceCommand({
                cluster: this.target.cluster,
                service,
                taskDefinition: taskDefinitionArn,
              }),
            ),
          options.signal,
        );
        const started = out.service ? primaryDeployment(out.service) : undefined;
        if (!started?.id) throw new ActionError(`UpdateService on ${service} started no deployment`);
        deploymentId = started.id;
        deployed = true;
        this.deps.log(`Returning ${service} to ${short}: deployment ${deploymentId}`);
      }
      await this.waitForDeployment(service, deploymentId, deadline, options);
    }
    return deployed;
  }

  // ---- calls ----------------------------------------------------------------------------------

  private deadlineFrom(options: WaitOptions): number {
    this.stepDeadline = this.deps.clock.now() + options.timeoutMs;
    return this.stepDeadline;
  }

  /**
   * One API call with our retries around the SDK's own (throttling storms, 5xx, "too many
   * concurrent attempts"). A write passes the run's signal, so no new attempt starts after a cancel;
   * reads don't, so the last state can still be reported.
   */
  private call<T>(label: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.calls++;
    const now = this.deps.clock.now();
    const deadlineMs =
      this.stepDeadline === undefined ? CALL_DEADLINE_MS : Math.max(0, this.stepDeadline - now);
    let tries = 0;
    return retry(
      () => {
        tries++;
        return fn();
      },
      {
        ...CALL_RETRY,
        deadlineMs,
        isRetryable: isRetryableAwsError,
        clock: this.deps.clock,
        ...(signal ? { signal } : {}),
        onRetry: ({ attempt, delayMs, error }) =>
          this.deps.log(`${label}: ${errorMessage(error)} (try ${attempt}); retrying in ${delayMs} ms`),
      },
    ).catch((err: unknown) => {
      // A retryable error that outlasted the step: say how long it was retried, so the report is clear.
      if (tries <= 1 || !isRetryableAwsError(err)) throw err;
      throw Object.assign(
        new ActionError(`${label} failed: ${errorMessage(err)} (${tries} tries, until the step's deadline)`),
        { cause: err },
      );
    });
  }
}

/**
 * Refuses, before any write, a service whose deployments something else drives: the CODE_DEPLOY
 * and EXTERNAL controllers reject a task-definition update, and under an ECS-native BLUE_GREEN,
 * LINEAR or CANARY strategy ECS writes the listener itself (the SDK model's
 * DeploymentController.type and DeploymentConfiguration.strategy).
 */
function refuseForeignDeployments(name: string, service: EcsService): void {
  const controller = service.deploymentController?.type ?? 'ECS';
  if (FOREIGN_CONTROLLERS.has(controller)) {
    throw new ActionError(
      `ECS service ${name} uses the ${controller} deployment controller, so its deployments and traffic are not ours to drive; use a service with the ECS controller (rolling) behind a weighted listener`,
    );
  }
  const strategy = service.deploymentConfiguration?.strategy;
  if (strategy !== undefined && NATIVE_STRATEGIES.has(strategy)) {
    throw new ActionError(
      `ECS service ${name} uses the ECS-native ${strategy} deployment strategy: ECS shifts its listener itself, and this action would fight it over the weights. Use ROLLING services behind a weighted listener (ECS-native strategies are not supported yet)`,
    );
  }
}
