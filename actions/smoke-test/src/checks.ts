import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../../../shared/errors';
import { parseYaml } from '../../../shared/yaml';

/** What a response's status must be: any of these exact codes or classes ("2xx" is 200–299). */
export interface StatusExpectation {
  codes: number[];
  classes: number[];
  text: string;
}

export type TextMatcher = { kind: 'substring'; text: string } | { kind: 'regex'; pattern: RegExp };

export interface Check {
  name: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  expectStatus: StatusExpectation;
  expectBody?: TextMatcher;
  /** JSON pointer (RFC 6901) → the value found there must equal this. */
  expectJson: { pointer: string; value: unknown }[];
  expectHeaders: { name: string; matcher: TextMatcher }[];
  maxLatencyMs?: number;
  /** This check need not show expect-version (e.g. a health endpoint that prints nothing). */
  skipVersion: boolean;
}

const CHECK_KEYS = [
  'name',
  'path',
  'method',
  'headers',
  'body',
  'expect-status',
  'expect-body',
  'expect-json',
  'expect-header',
  'max-latency-ms',
  'skip-version',
] as const;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const INPUT = 'checks';
const EXAMPLE = '[{path: /healthz, expect-status: 200}]';

export const DEFAULT_CHECKS_YAML = '- {name: root, path: /, expect-status: 2xx}';

/** Parses "200", 200, "2xx" or a list of them. */
export function parseStatusExpectation(raw: unknown, where: string): StatusExpectation {
  const items = Array.isArray(raw) ? raw : [raw ?? '2xx'];
  const codes: number[] = [];
  const classes: number[] = [];
  for (const item of items) {
    const text = String(item).trim();
    const cls = text.match(/^([1-5])xx$/i);
    if (cls) classes.push(Number(cls[1]));
    else if (/^[1-5]\d\d$/.test(text)) codes.push(Number(text));
    else
      throw new InputError(
        INPUT,
        `${where}: expect-status "${text}" is not a status code or class`,
        '200, "2xx" or [200, 204]',
      );
  }
  if (items.length === 0)
    throw new InputError(INPUT, `${where}: expect-status is an empty list`, '[200, 204]');
  return { codes, classes, text: items.map(String).join(' or ') };
}

/** "/regex/flags" becomes a regular expression, anything else a substring. */
export function parseTextMatcher(raw: unknown, where: string): TextMatcher {
  const text = String(raw);
  const regex = text.match(/^\/(.+)\/([dgimsuy]*)$/s);
  if (!regex) return { kind: 'substring', text };
  try {
    return { kind: 'regex', pattern: new RegExp(regex[1] as string, (regex[2] ?? '').replace('g', '')) };
  } catch (err) {
    throw new InputError(
      INPUT,
      `${where}: ${text} is not a valid regular expression (${(err as Error).message})`,
      '/"status":\\s*"ok"/',
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(raw: unknown, where: string): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw))
    throw new InputError(INPUT, `${where} must be a map of names to values`, '{X-Probe: smoke}');
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
}

function parseCheck(raw: unknown, index: number): Check {
  const where = `check ${index + 1}`;
  if (!isRecord(raw)) throw new InputError(INPUT, `${where} is not a map`, EXAMPLE);
  const unknown = Object.keys(raw).filter((key) => !(CHECK_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new InputError(
      INPUT,
      `${where}: unknown key "${unknown[0]}"; known keys are ${CHECK_KEYS.join(', ')}`,
      EXAMPLE,
    );
  }
  const path = String(raw.path ?? '/');
  if (!path.startsWith('/'))
    throw new InputError(INPUT, `${where}: path "${path}" must start with /`, '/healthz');
  const method = String(raw.method ?? 'GET').toUpperCase();
  if (!METHODS.includes(method))
    throw new InputError(INPUT, `${where}: method "${method}" is not one of ${METHODS.join(', ')}`, 'GET');
  const headers = stringMap(raw.headers, `${where}: headers`);
  let body: string | undefined;
  if (raw.body !== undefined && raw.body !== null) {
    if (typeof raw.body === 'string') body = raw.body;
    else {
      body = JSON.stringify(raw.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    }
  }
  const expectJsonRaw = raw['expect-json'] ?? {};
  if (!isRecord(expectJsonRaw))
    throw new InputError(INPUT, `${where}: expect-json must map JSON pointers to values`, '{/status: ok}');
  const expectJson = Object.entries(expectJsonRaw).map(([pointer, value]) => {
    if (pointer !== '' && !pointer.startsWith('/')) {
      throw new InputError(INPUT, `${where}: expect-json key "${pointer}" is not a JSON pointer`, '/status');
    }
    return { pointer, value };
  });
  const expectHeaders = Object.entries(stringMap(raw['expect-header'], `${where}: expect-header`)).map(
    ([name, value]) => ({
      name: name.toLowerCase(),
      matcher: parseTextMatcher(value, `${where}: expect-header ${name}`),
    }),
  );
  const latency = raw['max-latency-ms'];
  if (latency !== undefined && (typeof latency !== 'number' || !(latency > 0))) {
    throw new InputError(INPUT, `${where}: max-latency-ms must be a positive number of milliseconds`, '500');
  }
  return {
    name: String(raw.name ?? `${method} ${path}`),
    path,
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    expectStatus: parseStatusExpectation(raw['expect-status'], where),
    ...(raw['expect-body'] === undefined
      ? {}
      : { expectBody: parseTextMatcher(raw['expect-body'], `${where}: expect-body`) }),
    expectJson,
    expectHeaders,
    ...(latency === undefined ? {} : { maxLatencyMs: latency }),
    skipVersion: raw['skip-version'] === true,
  };
}

/** Reads checks from inline YAML or from a YAML file named by the input. */
export function parseChecks(input: string | undefined, workspace = process.cwd()): Check[] {
  let text = input ?? DEFAULT_CHECKS_YAML;
  const looksLikePath = !text.includes('\n') && /\.(ya?ml|json)$/i.test(text.trim());
  if (looksLikePath) {
    const file = text.trim().startsWith('/') ? text.trim() : `${workspace}/${text.trim()}`;
    if (!existsSync(file))
      throw new InputError(INPUT, `file "${text.trim()}" does not exist`, '.github/smoke-checks.yml');
    text = readFileSync(file, 'utf8');
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new InputError(INPUT, `is not valid YAML: ${(err as Error).message.split('\n')[0]}`, EXAMPLE);
  }
  const list = isRecord(doc) && Array.isArray(doc.checks) ? doc.checks : doc;
  if (!Array.isArray(list) || list.length === 0)
    throw new InputError(INPUT, 'must be a non-empty list of checks', EXAMPLE);
  return list.map(parseCheck);
}

/** Extra headers from YAML/JSON or "Name: value" lines. No error shows a value: they may be secrets. */
export function parseHeaders(input: string | undefined, inputName: string): Record<string, string> {
  if (input === undefined) return {};
  try {
    const doc = parseYaml(input);
    if (isRecord(doc)) return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, String(v ?? '')]));
  } catch {
    // "Authorization: Bearer a: b" is not valid YAML; read it as lines below.
  }
  const headers: Record<string, string> = {};
  for (const line of input
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw new InputError(inputName, 'each line must be "Name: value"', 'Authorization: Bearer …');
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}
