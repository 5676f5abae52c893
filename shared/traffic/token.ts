/**
 * The rollback token: canary-shift's `rollback-target` output, rollback's `to` input. Plain JSON so
 * an operator can read it in the job log and hand-edit it in an emergency; validated field by
 * field so a damaged or foreign token fails before any API call.
 */
import { InputError } from '../errors';
import { servingEntries } from './split';
import type { ProviderName, RollbackTarget, TrafficEntry } from './types';

const EXAMPLE =
  '{"v":1,"provider":"cloud-run","resource":{"project":"p","region":"europe-west1","service":"shop"},"traffic":[{"target":"shop-00001-abc","percent":100}],"capturedAt":"2026-01-01T00:00:00.000Z"}';

export function encodeRollbackTarget(target: RollbackTarget): string {
  return JSON.stringify(target);
}

const isRecordOfStrings = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');

function parseEntry(value: unknown, input: string, index: number): TrafficEntry {
  const fail = (problem: string): never => {
    throw new InputError(input, `traffic entry ${index + 1} ${problem}`, EXAMPLE);
  };
  if (typeof value !== 'object' || value === null) return fail('is not an object');
  const entry = value as Record<string, unknown>;
  if (typeof entry.target !== 'string' || entry.target === '') return fail('has no "target"');
  const percent = entry.percent;
  if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) {
    return fail('has no whole "percent" between 0 and 100');
  }
  if (entry.tag !== undefined && typeof entry.tag !== 'string')
    return fail('has a "tag" that is not a string');
  return { target: entry.target, percent, ...(typeof entry.tag === 'string' ? { tag: entry.tag } : {}) };
}

/**
 * Parses and checks a token for this provider and resource. Errors name the input and never echo
 * the token itself (it is long, and a truncated copy helps nobody).
 */
export function decodeRollbackTarget(
  text: string,
  input: string,
  expected: { provider: ProviderName; resource: Record<string, string> },
): RollbackTarget {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(input, 'is not a rollback-target token (not JSON)', EXAMPLE);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(input, 'is not a rollback-target token (not a JSON object)', EXAMPLE);
  }
  const token = parsed as Record<string, unknown>;
  if (token.v !== 1)
    throw new InputError(input, `has an unknown token version ${JSON.stringify(token.v)}`, EXAMPLE);
  if (token.provider !== expected.provider) {
    throw new InputError(
      input,
      `was captured for provider ${JSON.stringify(token.provider)}, not "${expected.provider}"`,
      EXAMPLE,
    );
  }
  if (!isRecordOfStrings(token.resource)) throw new InputError(input, 'has no "resource"', EXAMPLE);
  for (const [key, value] of Object.entries(expected.resource)) {
    if (token.resource[key] !== value) {
      throw new InputError(
        input,
        `was captured for ${key} "${token.resource[key] ?? ''}", not "${value}": it belongs to another resource`,
        EXAMPLE,
      );
    }
  }
  if (!Array.isArray(token.traffic) || token.traffic.length === 0) {
    throw new InputError(input, 'has no "traffic" entries', EXAMPLE);
  }
  const traffic = token.traffic.map((entry, i) => parseEntry(entry, input, i));
  const total = servingEntries(traffic).reduce((sum, e) => sum + e.percent, 0);
  if (total !== 100) throw new InputError(input, `has traffic summing to ${total} %, not 100 %`, EXAMPLE);
  if (token.taskDefinitions !== undefined && !isRecordOfStrings(token.taskDefinitions)) {
    throw new InputError(input, 'has "taskDefinitions" that are not name → ARN strings', EXAMPLE);
  }
  const capturedAt = typeof token.capturedAt === 'string' ? token.capturedAt : '';
  if (Number.isNaN(Date.parse(capturedAt)))
    throw new InputError(input, 'has no valid "capturedAt" time', EXAMPLE);
  return {
    v: 1,
    provider: expected.provider,
    resource: token.resource,
    traffic,
    ...(token.taskDefinitions === undefined ? {} : { taskDefinitions: token.taskDefinitions }),
    capturedAt,
  };
}
