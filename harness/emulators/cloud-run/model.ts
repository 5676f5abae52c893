/**
 * The Cloud Run Admin API v2 resource model the emulator serves: services with a desired `traffic`
 * and an observed `trafficStatuses`, immutable revisions, and long-running operations whose
 * reconcile can be slowed, stalled or failed on request. Field names, enum numbers and status
 * codes follow the public reference (cloud.google.com/run/docs/reference/rest/v2).
 */
import { createHash } from 'node:crypto';
import type { Upstream } from '../upstream';

// Enum numbers as the REST transport sends them with `enum-encoding=int`.
export const ALLOCATION = { UNSPECIFIED: 0, LATEST: 1, REVISION: 2 } as const;
export const CONDITION = { UNSPECIFIED: 0, PENDING: 1, RECONCILING: 2, FAILED: 3, SUCCEEDED: 4 } as const;

/** A google.rpc.Status error the API answers with: HTTP status, canonical code name and number. */
export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

const GRPC_CODES: Record<string, number> = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
};

export function statusBody(error: ApiError): string {
  return JSON.stringify({
    error: { code: error.httpStatus, message: error.message, status: error.status, details: [] },
    grpcCode: GRPC_CODES[error.status],
  });
}

/** How a revision's instances answer: set per image when deployed, or later per revision. */
export interface RevisionBehaviour {
  /** Share of requests answered 500, 0–1. */
  errorRate: number;
  /** Added latency per request, ms. */
  latencyMs: number;
  /** The revision never becomes ready: its reconcile fails (a crashing container). */
  failsToStart?: boolean;
}

export interface TrafficTarget {
  type?: number | string;
  revision?: string;
  percent?: number;
  tag?: string;
}

export interface TrafficTargetStatus {
  type: number;
  revision: string;
  percent: number;
  tag?: string;
  uri?: string;
}

/** The part of a revision template that defines a revision's configuration (all but its name). */
export type Template = Record<string, unknown> & {
  revision?: string;
  containers?: { image?: string; [key: string]: unknown }[];
};

export interface Revision {
  name: string;
  /** Configuration fingerprint: a name reused with another configuration is ALREADY_EXISTS. */
  config: string;
  template: Template;
  createTime: string;
  ready: boolean;
  failed?: string;
  upstream: Upstream;
}

export interface Service {
  project: string;
  region: string;
  name: string;
  uid: string;
  generation: number;
  observedGeneration: number;
  /** Bumped on every change, spec or status, so an etag read earlier goes stale. */
  revisionOfResource: number;
  template: Template;
  traffic: TrafficTarget[];
  trafficStatuses: TrafficTargetStatus[];
  reconciling: boolean;
  terminalCondition: { type: 'Ready'; state: number; message?: string; lastTransitionTime: string };
  latestReadyRevision: string;
  latestCreatedRevision: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  revisions: Map<string, Revision>;
  revisionCounter: number;
  /** Service URL (routes by trafficStatuses). */
  uri: string;
  /** tag → URL of that tag's router. */
  tagUris: Map<string, string>;
  createTime: string;
  updateTime: string;
}

export interface Operation {
  name: string;
  service: Service;
  done: boolean;
  error?: ApiError;
}

export function fullServiceName(s: Service): string {
  return `projects/${s.project}/locations/${s.region}/services/${s.name}`;
}

export function etagOf(s: Service): string {
  return `"${createHash('sha256').update(`${s.uid}/${s.revisionOfResource}`).digest('base64url').slice(0, 16)}"`;
}

/** The configuration of a template, for comparing revisions: everything but the revision name. */
export function configOf(template: Template): string {
  const { revision: _name, ...rest } = template;
  return JSON.stringify(sortKeys(rest));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** The image tag (or the whole reference) as the version a revision's app reports. */
export function versionOfImage(image: string): string {
  const tail = image.split('/').pop() ?? image;
  const digest = tail.split('@')[1];
  if (digest) return digest;
  const tag = tail.split(':')[1];
  return tag ?? image;
}

export function allocationType(value: number | string | undefined): number {
  if (value === undefined) return ALLOCATION.UNSPECIFIED;
  if (typeof value === 'number') return value;
  if (value === 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST') return ALLOCATION.LATEST;
  if (value === 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION') return ALLOCATION.REVISION;
  return ALLOCATION.UNSPECIFIED;
}

export function serviceJson(s: Service): Record<string, unknown> {
  return {
    name: fullServiceName(s),
    uid: s.uid,
    generation: String(s.generation),
    labels: s.labels,
    annotations: s.annotations,
    createTime: s.createTime,
    updateTime: s.updateTime,
    creator: 'deployer@example.com',
    lastModifier: 'deployer@example.com',
    ingress: 1,
    launchStage: 7,
    template: s.template,
    traffic: s.traffic,
    observedGeneration: String(s.observedGeneration),
    terminalCondition: s.terminalCondition,
    conditions: [
      { type: 'RoutesReady', state: s.terminalCondition.state },
      { type: 'ConfigurationsReady', state: s.terminalCondition.state },
    ],
    latestReadyRevision: s.latestReadyRevision
      ? `${fullServiceName(s)}/revisions/${s.latestReadyRevision}`
      : '',
    latestCreatedRevision: s.latestCreatedRevision
      ? `${fullServiceName(s)}/revisions/${s.latestCreatedRevision}`
      : '',
    trafficStatuses: s.trafficStatuses,
    uri: s.uri,
    urls: [s.uri],
    reconciling: s.reconciling,
    etag: etagOf(s),
  };
}

export function revisionJson(s: Service, r: Revision): Record<string, unknown> {
  const { revision: _name, ...template } = r.template;
  return {
    ...template,
    name: `${fullServiceName(s)}/revisions/${r.name}`,
    uid: createHash('sha256').update(r.name).digest('hex').slice(0, 32),
    generation: '1',
    service: fullServiceName(s),
    createTime: r.createTime,
    reconciling: !r.ready && r.failed === undefined,
    conditions: [
      {
        type: 'Ready',
        state: r.ready ? CONDITION.SUCCEEDED : r.failed ? CONDITION.FAILED : CONDITION.RECONCILING,
        ...(r.failed ? { message: r.failed } : {}),
      },
    ],
    observedGeneration: r.ready || r.failed ? '1' : '0',
    etag: `"${r.name}"`,
  };
}
