/**
 * Pure translations between Cloud Run Admin API v2 resources and the provider-neutral serving
 * state: LATEST entries resolved to the revision they mean, generations as the write version,
 * tags kept when a split is written.
 */
import type { protos } from '@google-cloud/run';
import type { ServingState, TrafficEntry } from '../../traffic/types';

export type ApiService = protos.google.cloud.run.v2.IService;
export type ApiRevision = protos.google.cloud.run.v2.IRevision;
type ApiTrafficTarget = protos.google.cloud.run.v2.ITrafficTarget;

const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';
const FAILED = 'CONDITION_FAILED';
const SUCCEEDED = 'CONDITION_SUCCEEDED';

/** The short name of a resource path (projects/…/revisions/shop-00001-abc → shop-00001-abc). */
export function shortName(path: string | null | undefined): string {
  return (path ?? '').split('/').pop() ?? '';
}

const isType = (value: unknown, name: string, number: number) => value === name || value === number;

function entries(
  targets: readonly {
    type?: unknown;
    revision?: string | null;
    percent?: number | null;
    tag?: string | null;
  }[],
  latestReady: string,
): TrafficEntry[] {
  return targets.map((t) => {
    const target = isType(t.type, LATEST, 1) ? t.revision || latestReady : (t.revision ?? '');
    return { target, percent: t.percent ?? 0, ...(t.tag ? { tag: t.tag } : {}) };
  });
}

/**
 * The latest reconcile is over (service.proto, `reconciling`): either it succeeded, and then
 * `observed_generation` equals `generation`, or it failed, and then `observed_generation`,
 * `traffic_statuses` and `latest_ready_revision` keep the last serving state while
 * `terminal_condition` says FAILED. Either way nothing is converging any more.
 */
export function isSettled(service: ApiService): boolean {
  if (service.reconciling) return false;
  const caughtUp = String(service.observedGeneration ?? '') === String(service.generation ?? '');
  return caughtUp || failureOf(service) !== undefined;
}

/**
 * A failed reconcile of the latest write: the platform kept serving the previous split. Read from
 * `terminal_condition` once `reconciling` is false, never from `observed_generation`, which the
 * proto says stays at the last serving generation after a failure.
 */
export function failureOf(service: ApiService): string | undefined {
  const condition = service.terminalCondition;
  if (!service.reconciling && isType(condition?.state, FAILED, 3)) {
    return condition?.message || 'the service failed to reconcile';
  }
  return undefined;
}

export function toServingState(service: ApiService): ServingState {
  const latestReady = shortName(service.latestReadyRevision);
  const urls: Record<string, string> = {};
  for (const status of service.trafficStatuses ?? [])
    if (status.tag && status.uri) urls[status.tag] = status.uri;
  const failure = failureOf(service);
  return {
    desired: entries(service.traffic ?? [], latestReady),
    observed: entries(service.trafficStatuses ?? [], latestReady),
    version: String(service.generation ?? ''),
    settled: isSettled(service),
    urls,
    ...(failure === undefined ? {} : { failure }),
  };
}

export function isRevisionReady(revision: ApiRevision): boolean {
  return (revision.conditions ?? []).some((c) => c.type === 'Ready' && isType(c.state, SUCCEEDED, 4));
}

export function revisionFailure(revision: ApiRevision): string | undefined {
  const ready = (revision.conditions ?? []).find((c) => c.type === 'Ready');
  return ready && isType(ready.state, FAILED, 3)
    ? ready.message || 'the revision failed to become ready'
    : undefined;
}

export function imageOf(
  template: { containers?: { image?: string | null }[] | null } | null | undefined,
): string {
  return template?.containers?.[0]?.image ?? '';
}

/**
 * The `traffic` to write for a split: every entry pinned to a revision (a LATEST entry would move
 * traffic on the next deploy), and the tags in use kept on their revisions at 0 % unless the split
 * gives the tag to another revision.
 */
export function trafficFor(
  split: readonly TrafficEntry[],
  current: ServingState,
  usable: (revision: string) => boolean = () => true,
): ApiTrafficTarget[] {
  const splitTags = new Set(split.flatMap((e) => (e.tag ? [e.tag] : [])));
  const keptTags = new Map<string, string>(); // revision → tag
  const zeroTagged: ApiTrafficTarget[] = [];
  for (const entry of current.desired) {
    if (!entry.tag || splitTags.has(entry.tag) || !entry.target || !usable(entry.target)) continue;
    const inSplit = split.find((e) => e.target === entry.target && !e.tag && !keptTags.has(e.target));
    if (inSplit) keptTags.set(entry.target, entry.tag);
    else zeroTagged.push({ type: REVISION, revision: entry.target, percent: 0, tag: entry.tag });
    splitTags.add(entry.tag);
  }
  const written: ApiTrafficTarget[] = split.map((e) => {
    const tag = e.tag ?? keptTags.get(e.target);
    return { type: REVISION, revision: e.target, percent: e.percent, ...(tag ? { tag } : {}) };
  });
  return [...written, ...zeroTagged];
}
