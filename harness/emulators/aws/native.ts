/**
 * ECS's own blue/green, canary and linear deployments (deploymentController ECS, strategy
 * BLUE_GREEN | CANARY | LINEAR): a service deployment walks the lifecycle stages in the order of
 * `ServiceDeployment.lifecycleStage` (node_modules/@aws-sdk/client-ecs/dist-types/models/models_0.d.ts),
 * runs the hooks configured for each stage, and writes the weights of the production (and test)
 * listener rule itself. State advances lazily on the model's clock (virtual time when the emulator
 * runs on an accelerated timeline), like the rolling deployments in model.ts.
 *
 * Each behaviour and its reference is listed in harness/emulators/README.md ("ECS native
 * deployments"); the comments below say where the documentation is silent and which reading is taken.
 */
import { randomBytes } from 'node:crypto';
import { AwsApiError, invalidParameter } from './errors';
import {
  type HookAction,
  type HookStage,
  type LifecycleHook,
  type NativeDeploymentConfiguration,
  productionSteps,
  type ServiceLoadBalancer,
  stepBakeMinutes,
} from './native-config';

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOP_REQUESTED'
  | 'STOPPED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

export type HookStatus = 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

/** What the stand-in for a Lambda hook answers (`hookStatus` of the Lambda hook contract). */
export type LambdaHookResult = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';

const TERMINAL: readonly ServiceDeploymentStatus[] = [
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];

export interface HookExecution {
  hookId: string;
  hook: LifecycleHook;
  stage: HookStage;
  status: HookStatus;
  startedAt: number;
  expiresAt: number;
  /** When a caller's answer (or the timeout) resolved it: the stage cannot end earlier. */
  resolvedAt?: number;
}

/** A service revision with tasks: the task definition registered with one of the two target groups. */
export interface ServiceRevision {
  arn: string;
  /** The `ecs-svc/…` id DescribeServices shows for this revision's deployment. */
  deploymentId: string;
  taskDefinition: string;
  targetGroupArn: string;
  desiredCount: number;
  runningCount: number;
  createdAt: number;
  /** Tasks coming up (or going away) between two instants. */
  scaling?: { from: number; to: number; startedAt: number; endsAt: number };
}

export interface ServiceDeployment {
  arn: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  status: ServiceDeploymentStatus;
  statusReason: string;
  stage: LifecycleStage;
  stageStartedAt: number;
  source: ServiceRevision;
  target: ServiceRevision;
  config: NativeDeploymentConfiguration;
  /** Green's production share after each shift, in percent. */
  steps: number[];
  /** The production shift the deployment is at (or before). */
  stepIndex: number;
  /** Hooks of the current stage: what lifecycleHookDetails shows. */
  hooks: HookExecution[];
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string; trafficRestoredAt?: number };
  /** StopServiceDeployment ABORT: when it was asked. */
  stopRequestedAt?: number;
  /** A revision an aborted deployment left running, which RECONCILE_SERVICE removes first. */
  leftover?: ServiceRevision;
}

export interface NativeService {
  serviceArn: string;
  clusterName: string;
  serviceName: string;
  config: NativeDeploymentConfiguration;
  loadBalancers: ServiceLoadBalancer[];
  /** The target group production traffic goes to when no deployment runs ("blue"). */
  liveTargetGroup: string;
  revisions: ServiceRevision[];
  /** Newest first. */
  deployments: ServiceDeployment[];
}

/** What the native deployments need from the rest of the model. */
export interface NativeHost {
  now(): number;
  /** How long a scale-up (or the rollback's scale-down) takes, ms on the model's clock. */
  scaleMs(): number;
  /** How long a stage without its own duration takes, ms on the model's clock. */
  stageMs(): number;
  region: string;
  accountId: string;
  /** Writes a forward action's weights on a listener rule, as ECS does through ELBv2. */
  writeRuleWeights(ruleArn: string, weights: { targetGroupArn: string; weight: number }[]): void;
  /** The stand-in for invoking a Lambda hook; records the invocation. */
  invokeLambda(hook: LifecycleHook, stage: HookStage, deployment: ServiceDeployment): LambdaHookResult;
  newDeploymentId(): string;
}

const MINUTE = 60_000;
const base64url = (bytes: number) => randomBytes(bytes).toString('base64url');

/**
 * Listener weights for green at `percent`: whole percents as out of 100; tenths (canaryPercent
 * 5.5) as out of 1000, since ELBv2 weights are integers 0–999. How ECS encodes a tenth is not
 * documented; readers must take shares (weight / sum), as the provider does.
 */
export function weightsFor(percent: number, blue: string, green: string) {
  const whole = Number.isInteger(percent);
  const total = whole ? 100 : 1000;
  const greenWeight = whole ? percent : Math.round(percent * 10);
  return [
    { targetGroupArn: blue, weight: total - greenWeight },
    { targetGroupArn: green, weight: greenWeight },
  ];
}

export function isTerminal(d: ServiceDeployment): boolean {
  return TERMINAL.includes(d.status);
}

export class NativeDeployments {
  constructor(private readonly host: NativeHost) {}

  revisionArn(service: NativeService): string {
    const digits = `${Date.now()}${Math.floor(Math.random() * 1e6)}`.padEnd(19, '0').slice(0, 19);
    return `arn:aws:ecs:${this.host.region}:${this.host.accountId}:service-revision/${service.clusterName}/${service.serviceName}/${digits}`;
  }

  /** The first revision of a service created with a native strategy: running, serving production. */
  initialRevision(service: NativeService, taskDefinition: string, desiredCount: number): ServiceRevision {
    const now = this.host.now();
    const revision: ServiceRevision = {
      arn: this.revisionArn(service),
      deploymentId: this.host.newDeploymentId(),
      taskDefinition,
      targetGroupArn: service.liveTargetGroup,
      desiredCount,
      runningCount: desiredCount,
      createdAt: now,
    };
    service.revisions = [revision];
    return revision;
  }

  active(service: NativeService): ServiceDeployment | undefined {
    this.advance(service);
    return service.deployments.find((d) => !isTerminal(d));
  }

  /**
   * UpdateService with a new task definition (or forceNewDeployment): a service deployment,
   * PENDING until it starts. The green revision registers with the target group that production
   * does not use now (the alternate one at first; they swap after each successful deployment).
   */
  start(service: NativeService, taskDefinition: string, desiredCount: number): ServiceDeployment {
    if (this.active(service)) {
      // The documentation does not say what a second UpdateService does while a blue/green
      // deployment runs; refused here, so a caller never starts one over another by accident.
      throw invalidParameter(
        'A service deployment is in progress for this service; wait for it to finish or stop it first.',
      );
    }
    const now = this.host.now();
    const source = service.revisions.find((r) => r.targetGroupArn === service.liveTargetGroup);
    if (!source) throw new Error('native service without a live revision');
    const lb = service.loadBalancers[0];
    const advanced = lb?.advancedConfiguration;
    if (!lb || !advanced) throw new Error('native service without an advanced load balancer configuration');
    const greenGroup =
      service.liveTargetGroup === lb.targetGroupArn ? advanced.alternateTargetGroupArn : lb.targetGroupArn;
    // An aborted deployment leaves its revision running: then "more than 1 service revision" is
    // ACTIVE and the deployment starts with RECONCILE_SERVICE.
    const leftover = service.revisions.find((r) => r !== source);
    const target: ServiceRevision = {
      arn: this.revisionArn(service),
      deploymentId: this.host.newDeploymentId(),
      taskDefinition,
      targetGroupArn: greenGroup,
      desiredCount,
      runningCount: 0,
      createdAt: now,
    };
    service.revisions = leftover ? [source, leftover, target] : [source, target];
    const config = structuredClone(service.config);
    const deployment: ServiceDeployment = {
      arn: `arn:aws:ecs:${this.host.region}:${this.host.accountId}:service-deployment/${service.clusterName}/${service.serviceName}/${base64url(16)}`,
      createdAt: now,
      updatedAt: now,
      status: 'PENDING',
      statusReason: 'Service deployment is pending.',
      stage: leftover ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP',
      stageStartedAt: now,
      source,
      target,
      config,
      steps: productionSteps(config),
      stepIndex: 0,
      hooks: [],
      ...(leftover ? { leftover } : {}),
    };
    service.deployments.unshift(deployment);
    return deployment;
  }

  /** Brings the service's deployments and revisions up to the model's clock. */
  advance(service: NativeService): void {
    const now = this.host.now();
    for (const d of service.deployments) {
      for (let guard = 0; guard < 1000 && !isTerminal(d); guard++) {
        const next = this.nextEventAt(d);
        if (next === undefined || next > now) break;
        // Task counts as they were at that instant, for the stage that starts from them.
        for (const r of service.revisions) scale(r, next);
        this.step(service, d, next);
      }
    }
    for (const r of service.revisions) scale(r, now);
    service.revisions = service.revisions.filter(
      (r) => r.runningCount > 0 || r.scaling || r.desiredCount > 0,
    );
  }

  /** ContinueServiceDeployment: the answer to a PAUSE hook awaiting action. */
  continueHook(service: NativeService, d: ServiceDeployment, hookId: string, action: HookAction): void {
    this.advance(service);
    const hook = d.hooks.find((h) => h.hookId === hookId);
    if (!hook)
      throw invalidParameter(`The hook ${hookId} is not a hook of this service deployment's current stage.`);
    if (d.status !== 'IN_PROGRESS') {
      // "The deployment must be in the IN_PROGRESS state." (Continuing service deployments)
      throw invalidParameter(
        `The service deployment is ${d.status}; only an IN_PROGRESS deployment can continue.`,
      );
    }
    if (hook.hook.targetType !== 'PAUSE' || hook.status !== 'AWAITING_ACTION') {
      // "The pause hook must be in AWAITING_ACTION status."
      throw invalidParameter(`The hook ${hookId} is ${hook.status}, not AWAITING_ACTION.`);
    }
    const now = this.host.now();
    d.updatedAt = now;
    hook.resolvedAt = now;
    if (action === 'CONTINUE') {
      hook.status = 'SUCCEEDED';
    } else {
      // Not documented: the hook's status after a ROLLBACK answer; FAILED is taken (it did not pass).
      hook.status = 'FAILED';
      this.requestRollback(d, now, `Rolled back by ContinueServiceDeployment at hook ${hookId}.`);
    }
    this.advance(service);
  }

  /** StopServiceDeployment. */
  stop(service: NativeService, d: ServiceDeployment, stopType: 'ROLLBACK' | 'ABORT'): void {
    this.advance(service);
    if (isTerminal(d)) {
      // "You can stop a deployment that is in any of the following states": PENDING, IN_PROGRESS,
      // STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS. A completed one is a conflict.
      throw new AwsApiError(
        'ConflictException',
        `The service deployment is ${d.status} and cannot be stopped.`,
      );
    }
    // STOP_REQUESTED "continues to stop"; ROLLBACK_* "continues the rollback operation".
    if (d.rollback || d.stopRequestedAt !== undefined) return;
    const now = this.host.now();
    if (stopType === 'ROLLBACK') {
      this.requestRollback(d, now, 'Service deployment stopped by StopServiceDeployment (ROLLBACK).');
    } else {
      // ABORT: documented only as an enum value. The stricter reading: the deployment stops where
      // it is (STOP_REQUESTED, then STOPPED) and nothing is restored: the listener weights and both
      // revisions stay as they were, so a caller that wants its traffic back must roll back.
      d.status = 'STOP_REQUESTED';
      d.statusReason = 'Service deployment stop requested (ABORT).';
      d.updatedAt = now;
      d.stopRequestedAt = now;
    }
    this.advance(service);
  }

  private requestRollback(d: ServiceDeployment, at: number, reason: string): void {
    d.status = 'ROLLBACK_REQUESTED';
    d.statusReason = reason;
    d.updatedAt = at;
    d.rollback = { reason, startedAt: at, serviceRevisionArn: d.source.arn };
  }

  /** When the deployment's next transition is due, or undefined while it waits for a caller. */
  private nextEventAt(d: ServiceDeployment): number | undefined {
    const stageMs = this.host.stageMs();
    if (d.rollback) {
      if (d.rollback.trafficRestoredAt === undefined) return d.rollback.startedAt + stageMs;
      return d.rollback.trafficRestoredAt + this.host.scaleMs();
    }
    if (d.stopRequestedAt !== undefined) return d.stopRequestedAt + stageMs;
    if (d.status === 'PENDING') return d.createdAt + stageMs;
    const expiring = d.hooks
      .filter((h) => h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS')
      .map((h) => h.expiresAt);
    if (expiring.length > 0) return Math.min(...expiring);
    return Math.max(d.stageStartedAt + this.stageDuration(d), ...d.hooks.map((h) => h.resolvedAt ?? 0));
  }

  private stageDuration(d: ServiceDeployment): number {
    const stageMs = this.host.stageMs();
    switch (d.stage) {
      case 'SCALE_UP':
        return this.host.scaleMs();
      case 'PRODUCTION_TRAFFIC_SHIFT':
        // The step bake time runs after each production shift but the last ("This bake time
        // is not applied after reaching 100 percent traffic"). Which lifecycleStage ECS reports
        // meanwhile is not documented; PRODUCTION_TRAFFIC_SHIFT is kept.
        return stageMs + (d.stepIndex < d.steps.length - 1 ? stepBakeMinutes(d.config) * MINUTE : 0);
      case 'BAKE_TIME':
        return d.config.bakeTimeInMinutes * MINUTE;
      default:
        return stageMs;
    }
  }

  /** Applies the transition due at `at`. */
  private step(service: NativeService, d: ServiceDeployment, at: number): void {
    d.updatedAt = at;
    if (d.rollback) {
      this.stepRollback(service, d, at);
      return;
    }
    if (d.stopRequestedAt !== undefined) {
      d.status = 'STOPPED';
      d.statusReason = 'Service deployment stopped (ABORT).';
      d.stoppedAt = at;
      d.finishedAt = at;
      d.hooks = [];
      return;
    }
    if (d.status === 'PENDING') {
      d.status = 'IN_PROGRESS';
      d.statusReason = 'Service deployment in progress.';
      d.startedAt = at;
      this.enter(service, d, d.stage, at);
      return;
    }
    // A hook past its expiresAt: TIMED_OUT, then its timeout action.
    const expired = d.hooks.find(
      (h) => (h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS') && h.expiresAt <= at,
    );
    if (expired) {
      expired.status = 'TIMED_OUT';
      expired.resolvedAt = at;
      if (expired.hook.timeoutConfiguration.action === 'ROLLBACK') {
        this.requestRollback(
          d,
          at,
          `Lifecycle hook ${expired.hookId} timed out at ${expired.stage}; rolling back.`,
        );
      }
      return;
    }
    if (d.hooks.some((h) => h.status === 'FAILED')) {
      this.requestRollback(d, at, `Lifecycle hook failed at ${d.stage}; rolling back.`);
      return;
    }
    this.enter(service, d, this.nextStage(d), at);
  }

  private nextStage(d: ServiceDeployment): LifecycleStage | 'DONE' {
    switch (d.stage) {
      case 'RECONCILE_SERVICE':
        return 'PRE_SCALE_UP';
      case 'PRE_SCALE_UP':
        return 'SCALE_UP';
      case 'SCALE_UP':
        return 'POST_SCALE_UP';
      case 'POST_SCALE_UP':
        return 'TEST_TRAFFIC_SHIFT';
      case 'TEST_TRAFFIC_SHIFT':
        return 'POST_TEST_TRAFFIC_SHIFT';
      case 'POST_TEST_TRAFFIC_SHIFT':
        return 'PRE_PRODUCTION_TRAFFIC_SHIFT';
      case 'PRE_PRODUCTION_TRAFFIC_SHIFT':
        return 'PRODUCTION_TRAFFIC_SHIFT';
      case 'PRODUCTION_TRAFFIC_SHIFT':
        // "For linear and canary deployments, this stage is invoked before every traffic shift step."
        if (d.stepIndex < d.steps.length - 1) {
          d.stepIndex++;
          return 'PRE_PRODUCTION_TRAFFIC_SHIFT';
        }
        return 'POST_PRODUCTION_TRAFFIC_SHIFT';
      case 'POST_PRODUCTION_TRAFFIC_SHIFT':
        return 'BAKE_TIME';
      case 'BAKE_TIME':
        return 'CLEAN_UP';
      default:
        return 'DONE';
    }
  }

  private enter(
    service: NativeService,
    d: ServiceDeployment,
    stage: LifecycleStage | 'DONE',
    at: number,
  ): void {
    if (stage === 'DONE') {
      d.status = 'SUCCESSFUL';
      d.statusReason = 'Service deployment completed successfully.';
      d.finishedAt = at;
      d.hooks = [];
      return;
    }
    d.stage = stage;
    d.stageStartedAt = at;
    d.hooks = [];
    const advanced = service.loadBalancers[0]?.advancedConfiguration;
    const blue = d.source.targetGroupArn;
    const green = d.target.targetGroupArn;
    switch (stage) {
      case 'RECONCILE_SERVICE':
        // What reconciling does is not documented; here ECS sends all traffic back to the serving
        // revision and removes the one an aborted deployment left, before this deployment scales up.
        this.allTrafficTo(service, blue, green);
        if (d.leftover) scaleTo(d.leftover, 0, at, this.host.stageMs());
        break;
      case 'SCALE_UP':
        scaleTo(d.target, d.target.desiredCount, at, this.host.scaleMs());
        break;
      case 'TEST_TRAFFIC_SHIFT':
        // "The green service revision is migrating from 0% to 100% of test traffic."
        if (advanced?.testListenerRule)
          this.host.writeRuleWeights(advanced.testListenerRule, weightsFor(100, blue, green));
        break;
      case 'PRODUCTION_TRAFFIC_SHIFT': {
        const percent = d.steps[d.stepIndex] ?? 100;
        if (advanced)
          this.host.writeRuleWeights(advanced.productionListenerRule, weightsFor(percent, blue, green));
        break;
      }
      case 'CLEAN_UP':
        // "The blue service revision has completely scaled down to 0 running tasks. The green
        // service revision is now the production service revision after this stage."
        scaleTo(d.source, 0, at, this.host.stageMs());
        service.liveTargetGroup = green;
        break;
      default:
        break;
    }
    if (stage === 'SCALE_UP' || stage === 'BAKE_TIME' || stage === 'CLEAN_UP') return;
    for (const hook of d.config.lifecycleHooks) {
      if (!hook.lifecycleStages.includes(stage)) continue;
      const execution: HookExecution = {
        hookId: hook.targetType === 'PAUSE' ? `ecs-pause-${base64url(32)}` : `ecs-lambda-${base64url(32)}`,
        hook,
        stage,
        status: 'IN_PROGRESS',
        startedAt: at,
        expiresAt: at + hook.timeoutConfiguration.timeoutInMinutes * MINUTE,
      };
      if (hook.targetType === 'PAUSE') {
        execution.status = 'AWAITING_ACTION';
      } else {
        const result = this.host.invokeLambda(hook, stage, d);
        // IN_PROGRESS: ECS calls the function again later; the stand-in keeps answering the same,
        // so an IN_PROGRESS hook runs until its timeout.
        execution.status = result;
      }
      d.hooks.push(execution);
    }
  }

  private stepRollback(service: NativeService, d: ServiceDeployment, at: number): void {
    const rollback = d.rollback;
    if (!rollback) return;
    const blue = d.source.targetGroupArn;
    const green = d.target.targetGroupArn;
    if (rollback.trafficRestoredAt === undefined) {
      // ECS shifts production (and test) traffic back to the source revision.
      if (d.status === 'ROLLBACK_REQUESTED') {
        d.status = 'ROLLBACK_IN_PROGRESS';
        d.statusReason = `${rollback.reason} Rollback in progress.`;
      }
      this.allTrafficTo(service, blue, green);
      for (const h of d.hooks)
        if (h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS') h.status = 'FAILED';
      service.liveTargetGroup = blue;
      scaleTo(d.source, Math.max(d.source.desiredCount, d.target.desiredCount), at, this.host.scaleMs());
      scaleTo(d.target, 0, at, this.host.scaleMs());
      rollback.trafficRestoredAt = at;
      return;
    }
    d.hooks = [];
    d.status = 'ROLLBACK_SUCCESSFUL';
    d.statusReason = `${rollback.reason} Rollback successful.`;
    d.finishedAt = at;
  }

  /** ECS writing 100 % to `blue` on the production and test listener rules. */
  private allTrafficTo(service: NativeService, blue: string, green: string): void {
    const advanced = service.loadBalancers[0]?.advancedConfiguration;
    if (!advanced) return;
    this.host.writeRuleWeights(advanced.productionListenerRule, weightsFor(0, blue, green));
    if (advanced.testListenerRule)
      this.host.writeRuleWeights(advanced.testListenerRule, weightsFor(0, blue, green));
  }
}

/** Sets a revision's desired count; its running tasks follow over `ms`. */
function scaleTo(r: ServiceRevision, to: number, at: number, ms: number): void {
  r.desiredCount = to;
  r.scaling = { from: r.runningCount, to, startedAt: at, endsAt: at + ms };
}

function scale(r: ServiceRevision, now: number): void {
  if (!r.scaling) return;
  const { from, to, startedAt, endsAt } = r.scaling;
  const share = endsAt <= startedAt ? 1 : Math.min(1, Math.max(0, (now - startedAt) / (endsAt - startedAt)));
  r.runningCount = Math.round(from + share * (to - from));
  if (share >= 1) delete r.scaling;
}
