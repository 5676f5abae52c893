/**
 * The two-service ECS mode: two services (blue and green) in one cluster, each registered with its
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
import type { Service as EcsService } from '@aws-sdk/client-ecs';
import { ActionError } from '../../errors';
import { throwIfCancelled } from '../../run';
import { resourceOf } from '../../traffic/settings';
import { formatSplit, sameSplit } from '../../traffic/split';
import {
  type Candidate,
  type CandidateRequest,
  ConcurrentWriteError,
  type EcsTarget,
  type RollbackTarget,
  type ServingState,
  SplitNotObservedError,
  type TrafficEntry,
  type TrafficProvider,
  type WaitOptions,
} from '../../traffic/types';
import type { EcsApi } from './api';
import { isSettled, primaryDeployment, shortTaskDefinition } from './deployment';
import { ListenerWeights } from './listener';
import { pollUntil } from './poll';
import { EcsServices } from './services';
import { refuseForeignDeployments } from './strategy';
import { isTaskDefinitionFile, readTaskDefinitionFile, type TaskDefinitionSpec } from './task-definition';
import { actionsWithSplit, forwardGroups, weightsVersion } from './weights';

export class TwoServiceProvider implements TrafficProvider {
  readonly name = 'ecs' as const;
  readonly resource: Record<string, string>;
  private readonly services: EcsServices;
  private readonly listener: ListenerWeights | undefined;
  /** Service name → its target group, learnt from DescribeServices. */
  private readonly groupOfService = new Map<string, string>();
  private described = new Map<string, EcsService>();
  /** The weights version before and after this provider's last write, to tell another writer apart. */
  private lastWrite: { before: string; after: string } | undefined;
  /** Why the one-name form can't run a canary (the service's strategy), for the refusal. */
  private readonly oneNameReason: string | undefined;

  constructor(
    private readonly target: EcsTarget,
    private readonly api: EcsApi,
    oneNameReason?: string,
  ) {
    this.resource = resourceOf(target);
    this.services = new EcsServices(api, target.cluster);
    const location =
      target.listenerRuleArn !== undefined
        ? { listenerRuleArn: target.listenerRuleArn }
        : target.listenerArn !== undefined
          ? { listenerArn: target.listenerArn }
          : undefined;
    this.listener = location ? new ListenerWeights(api, location) : undefined;
    this.oneNameReason = oneNameReason;
  }

  apiCalls(): number {
    return this.api.apiCalls();
  }

  // ---- reading --------------------------------------------------------------------------------

  async read(): Promise<ServingState> {
    const services = await this.describeServices();
    const taskDefinitions = Object.fromEntries(
      [...services.entries()].map(([name, s]) => [name, s.taskDefinition ?? '']),
    );
    const settled = [...services.values()].every(isSettled);
    if (this.listener === undefined) {
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

  private serviceOfGroup(): Map<string, string> {
    return new Map([...this.groupOfService.entries()].map(([service, group]) => [group, service]));
  }

  private readForward() {
    return this.requireListener().read(this.serviceOfGroup());
  }

  private async describeServices(): Promise<Map<string, EcsService>> {
    const names = this.target.services;
    const found = await this.services.describe(names);
    for (const [name, service] of found) refuseForeignDeployments(name, service, names.length);
    if (this.listener !== undefined) {
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
    this.described = found;
    return found;
  }

  private requireListener(): ListenerWeights {
    if (this.listener === undefined) throw this.twoServicesError();
    return this.listener;
  }

  private twoServicesError(): ActionError {
    return new ActionError(
      this.oneNameReason ?? 'a canary needs two services (blue and green) behind a listener or listener rule',
    );
  }

  // ---- the candidate --------------------------------------------------------------------------

  /**
   * Which service gets the candidate: the one already running the requested task definition
   * with a share (a rollout in progress), else the one with the smaller share (the idle one).
   */
  private async pickCandidate(
    request: CandidateRequest,
    state: ServingState,
  ): Promise<{ service: string; taskDefinitionArn: string | undefined; spec?: TaskDefinitionSpec }> {
    const names = [...this.target.services];
    if (names.length !== 2) throw this.twoServicesError();
    const reference = request.taskDefinition ?? request.candidate;
    let requestedArn: string | undefined;
    let spec: TaskDefinitionSpec | undefined;
    if (reference !== undefined && isTaskDefinitionFile(reference)) {
      // Checked at input time already; undefined ARN = not registered yet.
      spec = readTaskDefinitionFile(reference, 'task-definition');
      requestedArn = await this.services.registeredRevisionOf(spec);
    } else if (reference !== undefined) {
      requestedArn = await this.services.resolveTaskDefinition(reference);
    }
    const share = (service: string) => state.observed.find((e) => e.target === service)?.percent ?? 0;
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
    const deadline = this.api.deadlineFrom(options);
    const picked = await this.pickCandidate(request, state);
    const { service, spec } = picked;
    let taskDefinitionArn = picked.taskDefinitionArn;
    const current = this.described.get(service);
    const share = state.observed.find((e) => e.target === service)?.percent ?? 0;
    const stable = this.target.services.find((name) => name !== service) ?? service;
    let short = shortTaskDefinition(taskDefinitionArn ?? spec?.family);
    const primary = current ? primaryDeployment(current) : undefined;

    let deploymentId: string | undefined;
    if (
      taskDefinitionArn !== undefined &&
      current?.taskDefinition === taskDefinitionArn &&
      isSettled(current) &&
      (current.runningCount ?? 0) > 0
    ) {
      this.api.deps.log(
        `${service} already runs ${short} (${current.runningCount} tasks): nothing to deploy`,
      );
    } else if (
      taskDefinitionArn !== undefined &&
      primary?.taskDefinition === taskDefinitionArn &&
      primary.rolloutState === 'IN_PROGRESS' &&
      primary.id
    ) {
      // A re-run after a timeout: the deployment we started is still going; follow it by its id.
      deploymentId = primary.id;
      this.api.deps.log(`${service} is already deploying ${short} (${deploymentId}): waiting for it`);
    } else {
      if (share > 0) {
        throw new ActionError(
          `${service} serves ${share} % with ${shortTaskDefinition(current?.taskDefinition)}; deploying ${short} to it would change live traffic. Finish or roll back the current rollout first`,
        );
      }
      await this.requireListener().readUnchanged(
        state.version,
        this.serviceOfGroup(),
        'before deploying the candidate',
      );
      if (taskDefinitionArn === undefined) {
        if (spec === undefined) throw new ActionError('no task definition to deploy');
        throwIfCancelled(options.signal);
        taskDefinitionArn = await this.services.register(spec, options.signal);
        short = shortTaskDefinition(taskDefinitionArn);
      }
      const desiredCount = Math.max(1, this.described.get(stable)?.desiredCount ?? 1);
      deploymentId = await this.deploy(service, taskDefinitionArn, options.signal, desiredCount);
      this.api.deps.log(
        `Deploying ${short} to ${service} at 0 %: deployment ${deploymentId}, ${desiredCount} tasks`,
      );
    }
    if (deploymentId !== undefined)
      await this.services.waitForDeployment(service, deploymentId, deadline, options);
    await this.requireListener().waitForHealthyTargets(
      service,
      this.groupOfService.get(service) ?? '',
      deadline,
      options,
    );

    const after = await this.read();
    if (after.version !== state.version) {
      throw new ConcurrentWriteError(
        `the weights changed while the candidate deployed (now ${formatSplit(after.observed)}); another writer is active, so no split was written`,
      );
    }
    return { candidate: { target: service, id: taskDefinitionArn ?? '' }, state: after };
  }

  /** UpdateService to a task definition; the id of the deployment it started (PRIMARY, that task definition). */
  private async deploy(
    service: string,
    taskDefinition: string,
    signal: AbortSignal,
    desiredCount?: number,
  ): Promise<string> {
    throwIfCancelled(signal);
    const updated = await this.services.update(
      { service, taskDefinition, ...(desiredCount === undefined ? {} : { desiredCount }) },
      signal,
    );
    const started = primaryDeployment(updated);
    if (!started?.id || started.taskDefinition !== taskDefinition) {
      throw new ActionError(
        `UpdateService on ${service} did not start a deployment of ${shortTaskDefinition(taskDefinition)}`,
      );
    }
    return started.id;
  }

  // ---- the split ------------------------------------------------------------------------------

  async setSplit(split: TrafficEntry[], expectedVersion: string): Promise<void> {
    if (this.listener === undefined) {
      const [only] = this.target.services;
      if (sameSplit(split, [{ target: only, percent: 100 }])) return;
      throw this.twoServicesError();
    }
    const listener = this.listener;
    const current = await listener.readUnchanged(
      expectedVersion,
      this.serviceOfGroup(),
      'before writing the split',
    );
    if (sameSplit(current.split, split)) return; // already holds: a re-run writes nothing
    // Traffic sent to a service without running tasks is answered 503 by the load balancer.
    const empty = split.filter(
      (e) => e.percent > 0 && (this.described.get(e.target)?.runningCount ?? 0) === 0,
    );
    if (empty.length > 0) {
      throw new ActionError(
        `refusing to send ${formatSplit(empty)} to a service with no running tasks; scale it up first`,
      );
    }
    const actions = actionsWithSplit(current.actions, split, this.groupOfService);
    this.lastWrite = {
      before: current.version,
      after: weightsVersion(forwardGroups(actions, listener.where())),
    };
    throwIfCancelled(this.api.deps.signal);
    await listener.write(actions, this.api.deps.signal);
  }

  async waitForObserved(split: TrafficEntry[], options: WaitOptions): Promise<ServingState> {
    const deadline = this.api.deadlineFrom(options);
    const where = this.listener?.where() ?? 'the service';
    return pollUntil(
      () => this.read(),
      (state) => {
        if (sameSplit(state.observed, split)) return state;
        // Neither what we wrote nor (eventual consistency) what was there before: another writer.
        const write = this.lastWrite;
        if (write && state.version !== write.before && state.version !== write.after) {
          throw new SplitNotObservedError(
            `another writer changed ${where} right after this step wrote it: it now forwards ${formatSplit(state.observed)}, not ${formatSplit(split)}`,
            state,
          );
        }
        return undefined;
      },
      (state) =>
        new SplitNotObservedError(
          `${where} forwards ${formatSplit(state.observed)}, not ${formatSplit(split)}: another writer changed it, or the change did not apply`,
          state,
        ),
      this.api.pollOptions(deadline, options),
    );
  }

  // ---- rollback -------------------------------------------------------------------------------

  async explicitTarget(id: string, state: ServingState): Promise<RollbackTarget> {
    const arn = await this.services.resolveTaskDefinition(id);
    const names = [...this.target.services];
    const service =
      names.length === 1 ? names[0] : names.find((name) => state.taskDefinitions?.[name] === arn);
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
      capturedAt: new Date(this.api.deps.clock.now()).toISOString(),
    };
  }

  async restoreTaskDefinitions(target: RollbackTarget, options: WaitOptions): Promise<boolean> {
    const deadline = this.api.deadlineFrom(options);
    // Only services that serve traffic in the target matter; an idle service's revision does not.
    const serving = new Set(target.traffic.filter((e) => e.percent > 0).map((e) => e.target));
    const wanted = Object.entries(target.taskDefinitions ?? {}).filter(([service]) => serving.has(service));
    let deployed = false;
    for (const [service, taskDefinitionArn] of wanted) {
      const current = (await this.describeServices()).get(service);
      if (!current) throw new ActionError(`ECS service ${service} not found`);
      const short = shortTaskDefinition(taskDefinitionArn);
      const primary = primaryDeployment(current);
      let deploymentId: string;
      if (current.taskDefinition === taskDefinitionArn && isSettled(current)) {
        this.api.deps.log(`${service} already runs ${short}`);
        continue;
      }
      if (primary?.taskDefinition === taskDefinitionArn && primary.rolloutState !== 'FAILED' && primary.id) {
        deploymentId = primary.id;
        this.api.deps.log(`${service} is already returning to ${short} (${deploymentId}): waiting for it`);
      } else {
        deploymentId = await this.deploy(service, taskDefinitionArn, options.signal);
        deployed = true;
        this.api.deps.log(`Returning ${service} to ${short}: deployment ${deploymentId}`);
      }
      await this.services.waitForDeployment(service, deploymentId, deadline, options);
    }
    return deployed;
  }
}
