/**
 * TrafficProvider for Cloud Run (Admin API v2 through @google-cloud/run). Every write is a PATCH of
 * only the fields it changes, named in `update_mask` (a traffic write never sends the template: a
 * template naming an existing revision is refused as ALREADY_EXISTS), checked twice against what
 * was read: the generation is compared just before the write, and the etag sent with it makes the
 * API refuse a write that lost a race.
 *
 * Every call is retried (throttling, 5xx, timeouts, honouring Retry-After) until the step's own
 * deadline, not a fixed number of tries.
 */
import { ActionError, CancelledError, errorMessage } from '../../errors';
import { isRetryableError, retry } from '../../retry';
import { throwIfCancelled } from '../../run';
import { formatSplit, sameSplit } from '../../traffic/split';
import type { CloudRunTarget } from '../../traffic/types';
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
import { type CloudRunClients, createCloudRunClients } from './client';
import { defaultRevisionSuffix } from './names';
import {
  type ApiRevision,
  type ApiService,
  imageOf,
  isRevisionReady,
  revisionFailure,
  shortName,
  toServingState,
  trafficFor,
} from './state';

/** How long one call keeps retrying when the step gave no deadline. */
const CALL_DEADLINE_MS = 60_000;

// google.rpc.Code numbers as google-gax reports them.
const NOT_FOUND = 5;
const ABORTED = 10;

const codeOf = (err: unknown): number | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

/** A call's own words without the gRPC prefix ("10 ABORTED: …"). */
const apiMessage = (err: unknown) => errorMessage(err).replace(/^\d+ [A-Z_]+: /, '');

export async function createCloudRunTrafficProvider(
  target: CloudRunTarget,
  deps: ProviderDeps,
): Promise<TrafficProvider> {
  const clients = await createCloudRunClients(deps);
  return new CloudRunTrafficProvider(target, deps, clients);
}

class CloudRunTrafficProvider implements TrafficProvider {
  readonly name = 'cloud-run' as const;
  readonly resource: Record<string, string>;
  private readonly serviceName: string;
  /** The service as last read, for the fields a PATCH must carry and the newest ready revision. */
  private last: ApiService | undefined;
  /** The operation of our last write, polled before the service is. */
  private pendingOperation: string | undefined;

  constructor(
    private readonly target: CloudRunTarget,
    private readonly deps: ProviderDeps,
    private readonly clients: CloudRunClients,
  ) {
    this.resource = { project: target.project, region: target.region, service: target.service };
    this.serviceName = `projects/${target.project}/locations/${target.region}/services/${target.service}`;
  }

  apiCalls(): number {
    return this.clients.requests();
  }

  /**
   * One API call, retried on throttling, server faults and timeouts until the step's deadline, each
   * wait full jitter and never shorter than the server's Retry-After. Only writes stop retrying on
   * cancellation: a read after SIGTERM is what reports the state reached.
   */
  private call<T>(
    what: string,
    fn: () => Promise<T>,
    options: { isRetryable?: (err: unknown) => boolean; write?: boolean } = {},
  ): Promise<T> {
    const isRetryable = options.isRetryable ?? isRetryableError;
    const deadlineAt = this.deps.deadlineAt;
    let tries = 0;
    return retry(
      () => {
        tries++;
        return fn();
      },
      {
        baseDelayMs: 250,
        maxDelayMs: 8000,
        deadlineMs:
          deadlineAt === undefined ? CALL_DEADLINE_MS : Math.max(0, deadlineAt - this.deps.clock.now()),
        // ABORTED is a lost race on a write, answered by reading again, never by writing again.
        isRetryable: (err) => codeOf(err) !== ABORTED && isRetryable(err),
        retryAfterMs: () => this.clients.retryAfterMs(),
        clock: this.deps.clock,
        ...(options.write ? { signal: this.deps.signal } : {}),
        onRetry: ({ attempt, delayMs, error }) =>
          this.deps.log(`  ${what}: try ${attempt} failed (${apiMessage(error)}); retrying in ${delayMs} ms`),
      },
    ).catch((err: unknown) => {
      if (err instanceof CancelledError || err instanceof ActionError) throw err;
      if (codeOf(err) === NOT_FOUND && what === 'read service') {
        throw new ActionError(
          `Cloud Run service ${this.target.service} not found in project ${this.target.project}, region ${this.target.region}`,
        );
      }
      // Retryable errors are retried until the step's deadline: say so, so the report is clear.
      const persisted =
        tries <= 1
          ? ''
          : isRetryable(err)
            ? ` (${tries} tries, until the step's deadline)`
            : ` (try ${tries})`;
      throw Object.assign(new ActionError(`Cloud Run ${what} failed: ${apiMessage(err)}${persisted}`), {
        cause: err,
      });
    });
  }

  private async readService(): Promise<ApiService> {
    const [service] = await this.call('read service', () =>
      this.clients.services.getService({ name: this.serviceName }),
    );
    this.last = service;
    return service;
  }

  async read(): Promise<ServingState> {
    return toServingState(await this.readService());
  }

  private async readRevision(name: string): Promise<ApiRevision | undefined> {
    try {
      const [revision] = await this.call(
        'read revision',
        () => this.clients.revisions().getRevision({ name: `${this.serviceName}/revisions/${name}` }),
        { isRetryable: (err) => codeOf(err) !== NOT_FOUND && isRetryableError(err) },
      );
      return revision;
    } catch (err) {
      if (codeOf((err as { cause?: unknown }).cause) === NOT_FOUND) return undefined;
      throw err;
    }
  }

  private latestReady(): string {
    return shortName(this.last?.latestReadyRevision);
  }

  async resolveCandidate(request: CandidateRequest): Promise<Pick<Candidate, 'target' | 'id'>> {
    const name = this.candidateName(request);
    return { target: name, id: name };
  }

  private candidateName(request: CandidateRequest): string {
    if (request.image !== undefined) {
      const suffix = request.revisionSuffix ?? defaultRevisionSuffix(request.image, this.target.service);
      if (suffix === undefined) {
        throw new ActionError(
          `service name ${this.target.service} leaves no room for a revision suffix: give "revision-suffix"`,
        );
      }
      return `${this.target.service}-${suffix}`;
    }
    if (request.candidate !== undefined) return request.candidate;
    const latest = this.latestReady();
    if (latest === '')
      throw new ActionError(`service ${this.target.service} has no ready revision to use as the candidate`);
    return latest;
  }

  async prepareCandidate(
    request: CandidateRequest,
    state: ServingState,
    options: WaitOptions,
  ): Promise<{ candidate: Candidate; state: ServingState }> {
    const name = this.candidateName(request);
    const existing = await this.readRevision(name);
    if (existing !== undefined) {
      const failure = revisionFailure(existing);
      if (failure !== undefined) throw new ActionError(`candidate revision ${name} cannot serve: ${failure}`);
      if (request.image !== undefined && imageOf(existing) !== request.image) {
        throw new ActionError(
          `revision ${name} already exists with image ${imageOf(existing)}, not ${request.image}: choose another "revision-suffix"`,
        );
      }
      if (!isRevisionReady(existing)) this.deps.log(`Revision ${name} exists and is not ready yet`);
    } else if (request.image === undefined) {
      throw new ActionError(`candidate revision ${name} not found in service ${this.target.service}`);
    }

    const tagged =
      request.tag === undefined || state.desired.some((e) => e.target === name && e.tag === request.tag);
    let current = state;
    if (existing === undefined && request.image !== undefined) {
      this.deps.log(
        `Deploying ${request.image} as revision ${name} at 0 % with tag ${request.tag ?? '(none)'}`,
      );
      await this.write(state.version, (service, fresh) => ({
        template: {
          ...service.template,
          revision: name,
          containers: withImage(service, request.image ?? ''),
        },
        traffic: trafficFor(
          [
            ...pinned(fresh.desired, request.tag),
            { target: name, percent: 0, ...(request.tag ? { tag: request.tag } : {}) },
          ],
          fresh,
        ),
      }));
      current = await this.waitUntil(options, `revision ${name} to become ready`, (s) => {
        const ready = shortName(this.last?.latestReadyRevision) === name;
        return ready && s.settled && s.desired.some((e) => e.target === name);
      });
    } else if (!tagged) {
      this.deps.log(`Tagging revision ${name} as ${request.tag} at 0 %`);
      const tag = request.tag;
      await this.write(state.version, (_service, fresh) => {
        const keep = pinned(fresh.desired, tag);
        const withTag = keep.some((e) => e.target === name && !e.tag)
          ? keep.map((e) => (e.target === name && !e.tag ? { ...e, tag } : e))
          : [...keep, { target: name, percent: 0, tag }];
        return { traffic: trafficFor(withTag, fresh) };
      });
      current = await this.waitUntil(options, `tag ${request.tag} to serve`, (s) =>
        Boolean(request.tag && s.urls?.[request.tag] && s.settled),
      );
    } else if (!state.settled) {
      current = await this.waitUntil(options, 'the service to settle', (s) => s.settled);
    }
    const url = request.tag ? current.urls?.[request.tag] : undefined;
    return {
      candidate: {
        target: name,
        id: name,
        ...(request.tag ? { tag: request.tag } : {}),
        ...(url ? { url } : {}),
      },
      state: current,
    };
  }

  async setSplit(split: TrafficEntry[], expectedVersion: string): Promise<void> {
    await this.requireRevisions(split);
    await this.write(expectedVersion, (_service, state) => ({ traffic: trafficFor(split, state) }));
  }

  /**
   * The API accepts a traffic write naming a missing revision and fails its long-running operation
   * only later; a revision the service no longer routes to (e.g. a rollback token's, since deleted)
   * is looked up first, so the step says so at once instead of writing a split that can't apply.
   */
  private async requireRevisions(split: readonly TrafficEntry[]): Promise<void> {
    const known = new Set(
      [...(this.last?.traffic ?? []), ...(this.last?.trafficStatuses ?? [])].map((t) => t.revision ?? ''),
    );
    known.add(this.latestReady());
    for (const entry of split) {
      if (entry.percent === 0 || known.has(entry.target)) continue;
      if ((await this.readRevision(entry.target)) === undefined) {
        throw new ActionError(
          `revision ${entry.target} not found in service ${this.target.service}: it can't take ${entry.percent} %`,
        );
      }
    }
  }

  /**
   * PATCHes the fields `change` returns (and only those, named in `update_mask`), computed from a
   * fresh read, if the service's generation is still `expectedVersion`. A throttled or failed try is
   * retried: the etag makes a second application impossible, and a write refused as stale after a
   * retry is checked against what we meant to write.
   */
  private async write(
    expectedVersion: string,
    change: (service: ApiService, state: ServingState) => Partial<ApiService>,
  ): Promise<void> {
    const service = await this.readService();
    if (String(service.generation) !== expectedVersion) {
      throw new ConcurrentWriteError(
        `service ${this.target.service} changed since it was read (generation ${expectedVersion} → ${service.generation}): nothing was written`,
      );
    }
    throwIfCancelled(this.deps.signal);
    const fields = change(service, toServingState(service));
    // Only what changes: a traffic write that sent the template back, with its revision name,
    // would be refused (409 ALREADY_EXISTS "Revision named … with different configuration").
    const body: ApiService = { name: service.name ?? null, etag: service.etag ?? null, ...fields };
    const updateMask = { paths: Object.keys(fields) };
    let tries = 0;
    try {
      const [operation] = await this.call(
        'update service',
        () => {
          tries++;
          return this.clients.services.updateService({ service: body, updateMask });
        },
        { write: true },
      );
      this.pendingOperation = operation.name ?? undefined;
    } catch (err) {
      if (codeOf((err as { cause?: unknown }).cause) !== ABORTED) throw err;
      if (tries > 1) {
        // An earlier try may have been applied before its answer was lost.
        const now = await this.readService();
        const meant = { ...now, ...fields };
        if (
          sameSplit(toServingState(now).desired, toServingState(meant).desired) &&
          imageOf(now.template) === imageOf(meant.template)
        )
          return;
      }
      throw new ConcurrentWriteError(
        `service ${this.target.service} was changed by another writer during the update: nothing was written (${apiMessage(err)})`,
      );
    }
  }

  async waitForObserved(split: TrafficEntry[], options: WaitOptions): Promise<ServingState> {
    return this.waitUntil(
      options,
      `the split ${formatSplit(split)} to be served`,
      (s) => s.settled && sameSplit(s.observed, split),
    );
  }

  /**
   * Polls our pending operation until done, then the service until `done(state)`. Fails at once on
   * a failed reconcile, and on timeout with the last state read.
   */
  private async waitUntil(
    options: WaitOptions,
    what: string,
    done: (state: ServingState) => boolean,
  ): Promise<ServingState> {
    const started = this.deps.clock.now();
    const remaining = () => options.timeoutMs - (this.deps.clock.now() - started);
    let state: ServingState | undefined;
    for (;;) {
      if (options.signal.aborted) throw new CancelledError(`cancelled while waiting for ${what}`);
      if (this.pendingOperation !== undefined) {
        const name = this.pendingOperation;
        const operation = await this.call('poll operation', () =>
          this.clients.services.checkUpdateServiceProgress(name),
        );
        if (operation.done) this.pendingOperation = undefined;
        if (operation.done && operation.error) {
          state = await this.read();
          throw new SplitNotObservedError(
            `Cloud Run could not apply the change: ${apiMessage(operation.error)}; serving ${formatSplit(state.observed)}`,
            state,
          );
        }
      }
      if (this.pendingOperation === undefined) {
        state = await this.read();
        if (done(state)) return state;
        if (state.failure !== undefined) {
          throw new SplitNotObservedError(
            `Cloud Run did not apply the change: ${state.failure}; serving ${formatSplit(state.observed)}`,
            state,
          );
        }
      }
      if (remaining() <= 0) {
        state = state ?? (await this.read());
        throw new SplitNotObservedError(
          `timed out waiting for ${what}; the platform serves ${formatSplit(state.observed)}${state.settled ? '' : ' and is still reconciling'} (asked for ${formatSplit(state.desired)})`,
          state,
        );
      }
      await this.deps.clock.sleep(Math.min(options.pollMs, Math.max(0, remaining())), options.signal);
    }
  }

  async explicitTarget(id: string): Promise<RollbackTarget> {
    const revision = await this.readRevision(id);
    if (revision === undefined)
      throw new ActionError(`revision ${id} not found in service ${this.target.service}`);
    if (!isRevisionReady(revision)) {
      throw new ActionError(
        `revision ${id} is not ready (${revisionFailure(revision) ?? 'still starting'}), so it can't take traffic`,
      );
    }
    return {
      v: 1,
      provider: 'cloud-run',
      resource: this.resource,
      traffic: [{ target: id, percent: 100 }],
      capturedAt: new Date(this.deps.clock.now()).toISOString(),
    };
  }
}

/**
 * The desired split with LATEST resolved, `movingTag` taken off whichever revision had it (a tag
 * names one revision), and 0 % entries kept only for their tags.
 */
function pinned(desired: readonly TrafficEntry[], movingTag: string | undefined): TrafficEntry[] {
  return desired
    .filter((e) => e.target !== '')
    .map(
      ({ tag, ...rest }): TrafficEntry => (tag === undefined || tag === movingTag ? rest : { ...rest, tag }),
    )
    .filter((e) => e.percent > 0 || e.tag !== undefined);
}

function withImage(service: ApiService, image: string) {
  const [first, ...rest] = service.template?.containers ?? [];
  return [{ ...first, image }, ...rest];
}
