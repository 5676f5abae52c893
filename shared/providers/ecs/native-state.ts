/**
 * Pure reading of an ECS-native service deployment (the SDK model's ServiceDeployment and
 * DeploymentConfiguration): whether it is still going or rolling back, whether it is paused at one
 * of our hooks, which of the service's two target groups is green, and the lifecycle hooks to
 * deploy with (ours added, the user's own kept).
 */
import type { TrafficEntry } from '../../traffic/types';

/** The parts of a ServiceDeployment read here; the SDK's type fits it. */
export interface ServiceDeploymentView {
  serviceDeploymentArn?: string | undefined;
  status?: string | undefined;
  statusReason?: string | undefined;
  lifecycleStage?: string | undefined;
  lifecycleHookDetails?:
    | { hookId?: string | undefined; targetType?: string | undefined; status?: string | undefined }[]
    | undefined;
  targetServiceRevision?: { requestedProductionTrafficWeight?: number | undefined } | undefined;
  sourceServiceRevisions?: { arn?: string | undefined }[] | undefined;
}

/** A deployment in one of these states will not move again (ServiceDeploymentStatus). */
const FINISHED = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
/** ECS is returning the service to the source revision. */
const RETURNING = new Set(['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']);

export const isFinished = (d: ServiceDeploymentView | undefined) =>
  d !== undefined && FINISHED.has(d.status ?? '');
export const isReturning = (d: ServiceDeploymentView | undefined) =>
  d !== undefined && RETURNING.has(d.status ?? '');
/** Ended by a rollback or a stop: the service is back on (or returning to) its source revision. */
export const endedBack = (d: ServiceDeploymentView | undefined) =>
  d !== undefined && (d.status === 'ROLLBACK_SUCCESSFUL' || d.status === 'STOPPED');

/** The stage our hook pauses at: "before every traffic shift step" for CANARY and LINEAR (DeploymentLifecycleHook doc). */
export const PAUSE_STAGE = 'PRE_PRODUCTION_TRAFFIC_SHIFT';

/**
 * The hook to resolve when the deployment waits at PRE_PRODUCTION_TRAFFIC_SHIFT: a PAUSE hook
 * AWAITING_ACTION. A PAUSE hook awaiting at another stage is the user's own, and never ours to resolve.
 */
export function pausedHook(d: ServiceDeploymentView | undefined): string | undefined {
  if (d === undefined || isFinished(d) || isReturning(d) || d.lifecycleStage !== PAUSE_STAGE)
    return undefined;
  return d.lifecycleHookDetails?.find((h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION')
    ?.hookId;
}

/** A PAUSE hook awaiting at any stage: which stage the deployment waits at, for logs. */
export function awaitingElsewhere(d: ServiceDeploymentView | undefined): string | undefined {
  if (d === undefined || d.lifecycleStage === PAUSE_STAGE) return undefined;
  const waiting = d.lifecycleHookDetails?.some((h) => h.status === 'AWAITING_ACTION');
  return waiting ? d.lifecycleStage : undefined;
}

/**
 * Which target group is green (the candidate's). During a deployment, the one whose share is the
 * target revision's requestedProductionTrafficWeight (unambiguous unless 50/50); else, before any
 * shift, the one at 0 %; else the alternate one, which the ECS guide names the green revision's
 * ("An alternate target group for the green service revision", alb-resources-for-blue-green).
 * Without a deployment, green is the idle one (the next deployment's).
 */
export function greenGroup(
  split: readonly TrafficEntry[],
  groups: { primary: string; alternate: string },
  deployment: ServiceDeploymentView | undefined,
): string {
  const share = (group: string) => split.find((e) => e.target === group)?.percent ?? 0;
  const { primary, alternate } = groups;
  const requested = deployment?.targetServiceRevision?.requestedProductionTrafficWeight;
  if (deployment !== undefined && !isFinished(deployment)) {
    if (requested !== undefined && Math.round(requested) !== 50) {
      const match = [primary, alternate].filter((g) => share(g) === Math.round(requested));
      if (match.length === 1) return match[0] as string;
    }
    if (share(primary) === 100) return alternate;
    if (share(alternate) === 100) return primary;
    return alternate;
  }
  return share(alternate) <= share(primary) ? alternate : primary;
}

/** The parts of a lifecycle hook read and written here; the SDK's DeploymentLifecycleHook fits it. */
export interface LifecycleHookView {
  targetType?: string | undefined;
  hookTargetArn?: string | undefined;
  lifecycleStages?: string[] | undefined;
  timeoutConfiguration?: { timeoutInMinutes?: number | undefined; action?: string | undefined } | undefined;
}

/**
 * The hooks to deploy with: the user's own, plus a PAUSE hook at PRE_PRODUCTION_TRAFFIC_SHIFT unless
 * one is there already (ours from an earlier deployment: the configuration stays on the service,
 * or the user's). A forgotten pause rolls back when it times out (timeout action ROLLBACK).
 */
export function withPauseHook<H extends LifecycleHookView>(
  hooks: readonly H[] | undefined,
  timeoutInMinutes: number,
): { hooks: H[]; added: boolean } {
  const kept = [...(hooks ?? [])];
  const present = kept.some(
    (h) => h.targetType === 'PAUSE' && (h.lifecycleStages ?? []).includes(PAUSE_STAGE),
  );
  if (present) return { hooks: kept, added: false };
  const ours = {
    targetType: 'PAUSE',
    lifecycleStages: [PAUSE_STAGE],
    timeoutConfiguration: { timeoutInMinutes, action: 'ROLLBACK' },
  } as unknown as H;
  return { hooks: [...kept, ours], added: true };
}
