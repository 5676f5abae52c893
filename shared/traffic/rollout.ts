/**
 * The provider-neutral rollout steps of canary-shift and rollback: read the serving state, capture
 * the rollback target before the first write, prepare the candidate, write the split only if
 * nobody else wrote in between, and succeed only once the platform reports the split as served.
 */
import type { Clock } from '../clock';
import { ActionError, CancelledError, errorMessage } from '../errors';
import { createTrafficProvider } from '../providers/index';
import { backoffDelayMs } from '../retry';
import { type ActionContext, throwIfCancelled } from '../run';
import { userAgent } from '../user-agent';
import { guardShift, type ShiftGuardRequest } from './guards';
import { computeSplit, formatSplit, lastGoodSplit, sameSplit, servingEntries } from './split';
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
  type TrafficTarget,
} from './types';

export interface StepContext {
  provider: TrafficProvider;
  clock: Clock;
  signal: AbortSignal;
  log: (message: string) => void;
}

export interface Deadline {
  /** Epoch ms after which no wait continues. */
  at: number;
  pollMs: number;
}

/** Wait options for what is left of a step's deadline. */
export function waitOptions(step: StepContext, deadline: Deadline) {
  return {
    timeoutMs: Math.max(0, deadline.at - step.clock.now()),
    pollMs: deadline.pollMs,
    signal: step.signal,
  };
}

/** The last known good state as a token, from the state read before this step's first write. */
export function captureRollbackTarget(
  provider: TrafficProvider,
  state: ServingState,
  candidateTarget: string | undefined,
  clock: Clock,
): RollbackTarget {
  const traffic = lastGoodSplit(state.observed, candidateTarget);
  if (traffic.length === 0) {
    throw new ActionError(
      'the service reports no serving traffic, so there is no known good state to return to',
    );
  }
  return {
    v: 1,
    provider: provider.name,
    resource: provider.resource,
    traffic,
    ...(state.taskDefinitions === undefined ? {} : { taskDefinitions: state.taskDefinitions }),
    capturedAt: new Date(clock.now()).toISOString(),
  };
}

export interface ShiftRequest extends ShiftGuardRequest {
  candidate: CandidateRequest;
  percent: number;
  deadline: Deadline;
}

export interface ShiftProgress {
  before?: ServingState;
  rollbackTarget?: RollbackTarget;
  stable?: string;
  candidate?: Candidate;
  /** The last state read, whatever happened after. */
  last?: ServingState;
  requested?: TrafficEntry[];
  /** False when the split already held and nothing was written. */
  wrote?: boolean;
}

export interface ShiftHooks {
  /** Called the moment the rollback target is known, before any write (set the output then). */
  onRollbackTarget(target: RollbackTarget, stable: string | undefined): void;
  onCandidate(candidate: Candidate): void;
}

/**
 * One canary step. `progress` is filled in as the step goes, so a caller can report the state
 * reached when the step fails or is cancelled half-way.
 */
export async function shiftTraffic(
  step: StepContext,
  request: ShiftRequest,
  hooks: ShiftHooks,
  progress: ShiftProgress = {},
): Promise<Required<Pick<ShiftProgress, 'before' | 'candidate' | 'last' | 'requested' | 'wrote'>>> {
  const { provider } = step;
  const before = await provider.read();
  progress.before = before;
  progress.last = before;
  step.log(`Serving now: ${formatSplit(before.observed)}${before.settled ? '' : ' (still converging)'}`);

  const planned = await provider.resolveCandidate(request.candidate, before);
  guardShift(provider.name, before, planned, request, step.log);
  const rollbackTarget = captureRollbackTarget(provider, before, planned.target, step.clock);
  const stable = servingEntries(rollbackTarget.traffic).sort((a, b) => b.percent - a.percent)[0]?.target;
  progress.rollbackTarget = rollbackTarget;
  if (stable !== undefined) progress.stable = stable;
  hooks.onRollbackTarget(rollbackTarget, stable);
  step.log(`Rollback target captured: ${formatSplit(rollbackTarget.traffic)}`);

  throwIfCancelled(step.signal);
  const prepared = await provider.prepareCandidate(
    request.candidate,
    before,
    waitOptions(step, request.deadline),
  );
  const { candidate } = prepared;
  progress.candidate = candidate;
  progress.last = prepared.state;
  hooks.onCandidate(candidate);
  step.log(`Candidate: ${candidate.id}${candidate.url ? ` at ${candidate.url}` : ''}`);

  const requested = computeSplit(prepared.state.observed, candidate, request.percent);
  progress.requested = requested;
  const state = prepared.state;
  let wrote = false;
  if (sameSplit(state.desired, requested) && sameSplit(state.observed, requested) && state.settled) {
    step.log(`The split already holds (${formatSplit(requested)}): nothing to write`);
  } else {
    // A failed reconcile of the same split is retried by writing it again (a new generation).
    if (!sameSplit(state.desired, requested) || state.failure !== undefined) {
      throwIfCancelled(step.signal);
      step.log(`Writing split: ${formatSplit(requested)}`);
      await provider.setSplit(requested, state.version);
      wrote = true;
    } else {
      step.log(
        `The split ${formatSplit(requested)} was already asked for; waiting for the platform to serve it`,
      );
    }
  }
  progress.wrote = wrote;
  const holds = !wrote && state.settled && sameSplit(state.observed, requested);
  const last = holds ? state : await waitForSplit(step, requested, request.deadline, progress);
  return { before, candidate, last, requested, wrote };
}

/** Polls until the observed split is `split`; keeps the last state read in progress.last. */
async function waitForSplit(
  step: StepContext,
  split: TrafficEntry[],
  deadline: Deadline,
  progress: { last?: ServingState },
): Promise<ServingState> {
  try {
    const observed = await step.provider.waitForObserved(split, waitOptions(step, deadline));
    progress.last = observed;
    step.log(`Observed: ${formatSplit(observed.observed)}`);
    return observed;
  } catch (err) {
    if (err instanceof SplitNotObservedError && err.state !== undefined) progress.last = err.state;
    throw err;
  }
}

export type RestoreSource = { kind: 'token'; target: RollbackTarget } | { kind: 'explicit'; id: string };

export interface RestoreResult {
  rolledBack: boolean;
  target: RollbackTarget;
  before: ServingState;
  last: ServingState;
}

/** Backoff between rollback rounds (a conflict or a failed reconcile): full jitter, doubling. */
const ROUND_BACKOFF = { baseDelayMs: 500, maxDelayMs: 8000 };

/**
 * Returns the resource to a recorded state and proves it by reading back what the platform serves.
 * Converges: when the state already holds nothing is written. Persists until the step's deadline:
 * another writer in between (e.g. a second rollback running at the same time) means back off, read
 * again and decide again; a failed reconcile means back off and write again (a new generation), as
 * a re-run of canary-shift does. Retryable API errors are retried inside the provider, to the same
 * deadline.
 */
export async function restoreTraffic(
  step: StepContext,
  source: RestoreSource,
  deadline: Deadline,
  progress: { before?: ServingState; last?: ServingState } = {},
): Promise<RestoreResult> {
  const { provider } = step;
  let state = await provider.read();
  progress.before = state;
  progress.last = state;
  const before = state;
  step.log(`Serving now: ${formatSplit(state.observed)}${state.settled ? '' : ' (still converging)'}`);
  const target = source.kind === 'token' ? source.target : await provider.explicitTarget(source.id, state);
  step.log(`Restoring: ${formatSplit(target.traffic)} (captured ${target.capturedAt})`);

  let wrote = false;
  let redeployed = false;
  for (let round = 1; ; round++) {
    try {
      if (!sameSplit(state.desired, target.traffic) || state.failure !== undefined) {
        throwIfCancelled(step.signal);
        await provider.setSplit(target.traffic, state.version);
        wrote = true;
      }
      if (provider.restoreTaskDefinitions !== undefined && target.taskDefinitions !== undefined) {
        throwIfCancelled(step.signal);
        redeployed =
          (await provider.restoreTaskDefinitions(target, waitOptions(step, deadline))) || redeployed;
      }
      const observedAlready = sameSplit(state.observed, target.traffic) && state.settled;
      const last =
        wrote || !observedAlready ? await waitForSplit(step, target.traffic, deadline, progress) : state;
      return {
        rolledBack: wrote || redeployed || !sameSplit(before.observed, target.traffic),
        target,
        before,
        last,
      };
    } catch (err) {
      const conflict = err instanceof ConcurrentWriteError;
      const failedReconcile = err instanceof SplitNotObservedError && err.state?.failure !== undefined;
      if (!conflict && !failedReconcile) throw err;
      const delayMs = backoffDelayMs(round, ROUND_BACKOFF);
      if (step.clock.now() + delayMs >= deadline.at) throw err;
      step.log(
        conflict
          ? `Another writer changed the service (${errorMessage(err)}); reading it again in ${delayMs} ms`
          : `The platform did not apply the rollback (${errorMessage(err)}); writing it again in ${delayMs} ms`,
      );
      await step.clock.sleep(delayMs, step.signal);
      state = await provider.read();
      progress.last = state;
    }
  }
}

/** Reads the state once more for a report after a failure or cancellation; never writes. */
export async function readForReport(step: StepContext, fallback: ServingState | undefined, timeoutMs = 5000) {
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    timer.unref();
  });
  try {
    return (await Promise.race([step.provider.read(), timeout])) ?? fallback;
  } catch {
    return fallback;
  }
}

export function isCancellation(err: unknown, signal: AbortSignal): boolean {
  return err instanceof CancelledError || signal.aborted;
}

/**
 * A step with its own deadline (`timeoutMs` from now): the provider for `target`, built now (its
 * SDK loads now), stopping its retries at that deadline.
 */
export async function openStep(
  ctx: ActionContext,
  target: TrafficTarget,
  action: string,
  timing: { timeoutMs: number; pollMs: number },
): Promise<{ step: StepContext; deadline: Deadline }> {
  const deadline: Deadline = { at: ctx.clock.now() + timing.timeoutMs, pollMs: timing.pollMs };
  const provider = await createTrafficProvider(target, {
    ...providerDeps(ctx, action),
    deadlineAt: deadline.at,
  });
  const step: StepContext = { provider, clock: ctx.clock, signal: ctx.signal, log: (m) => ctx.core.info(m) };
  return { step, deadline };
}

/** What a provider is built with, from the action's context. */
export function providerDeps(
  ctx: ActionContext,
  action: string,
  env: NodeJS.ProcessEnv = process.env,
): ProviderDeps {
  return {
    clock: ctx.clock,
    signal: ctx.signal,
    log: (message) => ctx.core.info(message),
    userAgent: userAgent(action, env),
    env,
  };
}
