/**
 * Who is the candidate and who the baseline, from what canary-shift hands over: plain names, its
 * `stable` output, or its `rollback-target` JSON token (the last known good split).
 */
import { InputError } from '../errors';

interface TrafficEntryLike {
  target?: unknown;
  revisionName?: unknown;
  revision?: unknown;
  percent?: unknown;
}

function entriesOf(value: unknown): TrafficEntryLike[] | undefined {
  if (Array.isArray(value)) return value as TrafficEntryLike[];
  if (value && typeof value === 'object') {
    const v = value as { traffic?: unknown; observed?: unknown; desired?: unknown };
    for (const list of [v.traffic, v.observed, v.desired])
      if (Array.isArray(list)) return list as TrafficEntryLike[];
  }
  return undefined;
}

/**
 * The baseline from a name or a canary-shift JSON (rollback-target token, observed-traffic, or a
 * list of {target, percent}): the entry serving the most traffic that is not the candidate.
 */
export function baselineFrom(raw: string, inputName: string, candidate?: string): string {
  const text = raw.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(
      inputName,
      'looks like JSON but does not parse',
      '{"traffic":[{"target":"shop-00041-abc","percent":100}]}',
    );
  }
  const entries = entriesOf(parsed);
  const best = (entries ?? [])
    .map((e) => ({ name: e.target ?? e.revisionName ?? e.revision, percent: Number(e.percent ?? 0) }))
    .filter((e): e is { name: string; percent: number } => typeof e.name === 'string' && e.name !== candidate)
    .sort((a, b) => b.percent - a.percent)[0];
  if (!best) {
    throw new InputError(
      inputName,
      'holds no traffic entry other than the candidate',
      '{"traffic":[{"target":"shop-00041-abc","percent":100}]}',
    );
  }
  return best.name;
}

/** Cloud Run service coordinates a rollback-target token carries, if any. */
export function cloudRunResourceFrom(raw: string | undefined): {
  project?: string;
  region?: string;
  service?: string;
} {
  if (!raw?.trim().startsWith('{')) return {};
  try {
    const token = JSON.parse(raw) as { resource?: Record<string, unknown> };
    const resource = token.resource ?? {};
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const name = str(resource.name)?.match(/^projects\/([^/]+)\/locations\/([^/]+)\/services\/([^/]+)$/);
    const project = str(resource.project) ?? name?.[1];
    const region = str(resource.region) ?? str(resource.location) ?? name?.[2];
    const service = str(resource.service) ?? name?.[3];
    return {
      ...(project ? { project } : {}),
      ...(region ? { region } : {}),
      ...(service ? { service } : {}),
    };
  } catch {
    return {};
  }
}
