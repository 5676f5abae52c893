import { InputError } from '../errors';

/** Rollout facts shown in the message, in the order given; keys normalised to kebab-case. */
export type Fields = Map<string, string>;

/** Keys with a place of their own in the layout; any other key is shown as an extra field. */
export const KNOWN_FIELDS = [
  'service',
  'environment',
  'revision',
  'traffic',
  'verdict',
  'candidate-error-rate',
  'baseline-error-rate',
] as const;

const FIELDS_EXAMPLE = '{service: checkout, environment: production, traffic: 10, verdict: pass}';

function normaliseKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A YAML parser (yaml's parse), passed in so the module is loaded only when some input needs it. */
export type ParseYaml = (text: string) => unknown;

/** A line that starts a field: an unindented key of words, then a colon. */
const KEY_LINE = /^([A-Za-z][\w -]{0,39}):(?:\s|$)/;

/**
 * Reads `fields` as a YAML/JSON mapping, or failing that as "key: value" lines. Values are often
 * step outputs interpolated into the YAML at run time, so a value that breaks YAML (a colon, a
 * quote) still reads as a line rather than failing the notification, and a multi-line value (a
 * gate's reason) goes on until the next line that starts with a key.
 */
export function parseFields(raw: string | undefined, input: string, parseYaml: ParseYaml): Fields {
  const fields: Fields = new Map();
  if (raw === undefined || raw.trim() === '') return fields;
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    for (const [key, value] of Object.entries(parsed)) {
      if (normaliseKey(key) !== '') fields.set(normaliseKey(key), stringify(value));
    }
    return fields;
  }
  let current: string | undefined;
  for (const line of raw.split('\n')) {
    const key = line.match(KEY_LINE)?.[1];
    if (key !== undefined) {
      current = normaliseKey(key);
      fields.set(current, line.slice(line.indexOf(':') + 1).trim());
    } else if (current !== undefined) {
      fields.set(current, `${fields.get(current)}\n${line.trimEnd()}`);
    } else if (line.trim() !== '') {
      throw new InputError(input, `line "${line.trim()}" is not "key: value"`, FIELDS_EXAMPLE);
    }
  }
  for (const [key, value] of fields) fields.set(key, value.trim());
  return fields;
}

/** "candidate-error-rate" → "Candidate error rate". */
export function fieldLabel(key: string): string {
  const words = key.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An error rate given as a fraction (as error-rate-gate outputs it) shown as a percentage. */
export function formatRate(value: string): string {
  const trimmed = value.trim();
  if (!/^\d+(\.\d+)?(e-?\d+)?$/i.test(trimmed)) return trimmed;
  const rate = Number(trimmed);
  if (!Number.isFinite(rate) || rate > 1) return trimmed;
  const percent = rate * 100;
  const digits = percent === 0 ? 0 : percent < 0.1 ? 3 : 2;
  return `${percent.toFixed(digits)} %`;
}

interface Share {
  name: string;
  percent: number;
}

function shareOf(entry: unknown): Share | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  // canary-shift's and rollback's observed-traffic entries name what serves as "target".
  const name = e.target ?? e.revision ?? e.name ?? e.tag ?? e.key ?? e.targetGroup ?? e.service;
  const percent = Number(e.percent ?? e.weight ?? e.share);
  return typeof name === 'string' && Number.isFinite(percent) ? { name, percent } : undefined;
}

/**
 * The traffic split as named shares, from a JSON object {name: percent}, a list of
 * {target, percent} (observed-traffic) or a rollback-target token (its recorded traffic).
 */
export function parseTraffic(value: string): Share[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const recorded = (parsed as { traffic?: unknown } | null)?.traffic;
  if (typeof parsed === 'object' && parsed !== null && Array.isArray(recorded)) parsed = recorded;
  if (Array.isArray(parsed)) {
    const shares = parsed.map(shareOf);
    return shares.every((s) => s !== undefined) && shares.length > 0 ? (shares as Share[]) : undefined;
  }
  if (typeof parsed === 'object' && parsed !== null) {
    const entries = Object.entries(parsed).map(([name, percent]) => ({ name, percent: Number(percent) }));
    return entries.length > 0 && entries.every((e) => Number.isFinite(e.percent)) ? entries : undefined;
  }
  return undefined;
}

/** A ten-cell bar of the candidate's share, e.g. ▰▰▱▱▱▱▱▱▱▱ for 20 %. */
export function trafficBar(percent: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(percent / 10)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)}`;
}

/**
 * Traffic as a person reads it: "10" → "▰▱▱▱▱▱▱▱▱▱ 10 % to the candidate"; a split → each share.
 * Returns plain text: the caller escapes it.
 */
export function formatTraffic(value: string): string {
  const trimmed = value.trim();
  const bare = trimmed.match(/^(\d+(?:\.\d+)?)\s*%?$/);
  if (bare) {
    const percent = Number(bare[1]);
    return `${trafficBar(percent)} ${percent} % to the candidate`;
  }
  const shares = parseTraffic(trimmed);
  if (shares) return shares.map((s) => `${s.name} ${s.percent} %`).join(' · ');
  return trimmed;
}

const VERDICT_ICONS: Record<string, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️' };

export function formatVerdict(value: string): string {
  const icon = VERDICT_ICONS[value.trim().toLowerCase()];
  return icon ? `${icon} ${value.trim()}` : value.trim();
}
