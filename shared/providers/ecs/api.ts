/**
 * The ECS and ELBv2 clients of one provider, and the one way every call is made: our retries
 * around the SDK's own, bounded by the step's deadline, and counted for the report and the
 * benchmark. The listener and services parts both call through it.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { createAwsClient } from '../../aws/clients';
import { requireAwsCredentials } from '../../credentials';
import { ActionError, errorMessage } from '../../errors';
import { isRetryableError, retry } from '../../retry';
import type { ProviderDeps, WaitOptions } from '../../traffic/types';
import type { PollOptions } from './poll';

export type EcsSdk = typeof import('@aws-sdk/client-ecs');
export type ElbSdk = typeof import('@aws-sdk/client-elastic-load-balancing-v2');

/**
 * SDK attempts per call (its own standard-mode retries), and our retries around them: no fixed
 * count, until the step's deadline (a throttling storm is waited out if the step has the time).
 */
const SDK_MAX_ATTEMPTS = 4;
const CALL_RETRY = { baseDelayMs: 500, maxDelayMs: 8000 };
/** Longest one call keeps retrying when the step gave no deadline. */
const CALL_DEADLINE_MS = 90_000;

/** RegisterTaskDefinition/UpdateService under load answer this ClientException; it clears on retry. */
const CONCURRENT_REVISION = /too many concurrent attempts/i;

export function isRetryableAwsError(err: unknown): boolean {
  if (isRetryableError(err)) return true;
  return err instanceof Error && err.name === 'ClientException' && CONCURRENT_REVISION.test(err.message);
}

export class EcsApi {
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client | undefined;
  /** Operations sent (each once, however often the SDK or we retried it). */
  private calls = 0;
  /** The step's deadline (epoch ms), from the latest wait options: no call retries beyond it. */
  private stepDeadline: number | undefined;

  constructor(
    readonly deps: ProviderDeps,
    region: string,
    readonly ecsSdk: EcsSdk,
    readonly elbSdk: ElbSdk | undefined,
  ) {
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

  /** Starts a step's wait: its deadline also bounds every call's retries from now on. */
  deadlineFrom(options: WaitOptions): number {
    this.stepDeadline = this.deps.clock.now() + options.timeoutMs;
    return this.stepDeadline;
  }

  /** The poll options of a wait that ends at `deadline`. */
  pollOptions(deadline: number, options: WaitOptions): PollOptions {
    return { clock: this.deps.clock, deadline, pollMs: options.pollMs, signal: options.signal };
  }

  /**
   * One API call with our retries around the SDK's own (throttling storms, 5xx, "too many
   * concurrent attempts"). A write passes the run's signal, so no new attempt starts after a cancel;
   * reads don't, so the last state can still be reported.
   */
  call<T>(label: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
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
