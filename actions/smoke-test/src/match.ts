import { createContext, Script } from 'node:vm';
import type { Check, StatusExpectation, TextMatcher } from './checks';

/** One response as the checks see it. */
export interface ProbeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  latencyMs: number;
}

/** One unmet expectation: what was asked and what came back. */
export interface Mismatch {
  what: string;
  expected: string;
  got: string;
}

export function statusMatches(expectation: StatusExpectation, status: number): boolean {
  return expectation.codes.includes(status) || expectation.classes.includes(Math.floor(status / 100));
}

/**
 * Longest one regular expression may run on one text. JavaScript's backtracking engine can take
 * exponential time on patterns with nested quantifiers ("(a+)+$") and cannot be interrupted from
 * the same thread, so each match runs under a vm timeout: V8's watchdog terminates it, as .NET's
 * Regex match timeout does. A linear-time engine (RE2) would avoid the problem but is a native
 * module, and it refuses the lookarounds and backreferences users write.
 */
export const REGEX_BUDGET_MS = 1_000;

const regexSandbox = createContext({ pattern: /$^/, text: '' });
const regexTest = new Script('pattern.test(text)');

/** Whether a text matches: true, false, or 'too slow' when a pattern outran REGEX_BUDGET_MS. */
export function textMatches(matcher: TextMatcher, text: string): boolean | 'too slow' {
  if (matcher.kind === 'substring') return text.includes(matcher.text);
  regexSandbox.pattern = matcher.pattern;
  regexSandbox.text = text;
  try {
    return regexTest.runInContext(regexSandbox, { timeout: REGEX_BUDGET_MS }) === true;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'too slow';
    throw err;
  } finally {
    regexSandbox.text = '';
  }
}

/** What "got" says about a text that did not match. */
function missed(result: boolean | 'too slow', got: string): string {
  return result === 'too slow'
    ? `gave up after ${REGEX_BUDGET_MS} ms: the pattern backtracks catastrophically (nested quantifiers such as (a+)+); simplify it`
    : got;
}

function describe(matcher: TextMatcher): string {
  return matcher.kind === 'substring' ? `contains "${matcher.text}"` : `matches ${matcher.pattern}`;
}

/** Resolves an RFC 6901 JSON pointer; `found` is false when any segment is missing. */
export function resolvePointer(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (pointer === '') return { found: true, value: doc };
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key) && Number(key) < node.length) node = node[Number(key)];
    else if (typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, key)) {
      node = (node as Record<string, unknown>)[key];
    } else return { found: false };
  }
  return { found: true, value: node };
}

/** Deep equality for JSON values; a YAML scalar 42 equals "42" when the document has a string. */
function jsonEquals(expected: unknown, actual: unknown): boolean {
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    return (
      expected === actual ||
      (typeof actual === 'string' && typeof expected !== 'string' && String(expected) === actual)
    );
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return false;
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = Object.keys(e);
  return keys.length === Object.keys(a).length && keys.every((k) => jsonEquals(e[k], a[k]));
}

/** Every expectation of a check that a response does not meet; empty means the check passed. */
export function evaluate(check: Check, response: ProbeResponse, expectVersion?: string): Mismatch[] {
  const mismatches: Mismatch[] = [];
  if (!statusMatches(check.expectStatus, response.status)) {
    mismatches.push({ what: 'status', expected: check.expectStatus.text, got: String(response.status) });
  }
  const bodyMatch = check.expectBody ? textMatches(check.expectBody, response.body) : true;
  if (check.expectBody && bodyMatch !== true) {
    mismatches.push({
      what: 'body',
      expected: describe(check.expectBody),
      got: missed(bodyMatch, 'no match'),
    });
  }
  if (check.expectJson.length > 0) {
    let doc: unknown;
    let parsed = true;
    try {
      doc = JSON.parse(response.body);
    } catch {
      parsed = false;
      mismatches.push({ what: 'json', expected: 'a JSON body', got: 'not JSON' });
    }
    for (const { pointer, value } of parsed ? check.expectJson : []) {
      const found = resolvePointer(doc, pointer);
      if (!found.found)
        mismatches.push({ what: `json ${pointer}`, expected: JSON.stringify(value), got: 'missing' });
      else if (!jsonEquals(value, found.value)) {
        mismatches.push({
          what: `json ${pointer}`,
          expected: JSON.stringify(value),
          got: JSON.stringify(found.value) ?? 'undefined',
        });
      }
    }
  }
  for (const { name, matcher } of check.expectHeaders) {
    const value = response.headers[name];
    if (value === undefined)
      mismatches.push({ what: `header ${name}`, expected: describe(matcher), got: 'absent' });
    else {
      const matched = textMatches(matcher, value);
      if (matched !== true)
        mismatches.push({ what: `header ${name}`, expected: describe(matcher), got: missed(matched, value) });
    }
  }
  if (check.maxLatencyMs !== undefined && response.latencyMs > check.maxLatencyMs) {
    mismatches.push({
      what: 'latency',
      expected: `≤ ${check.maxLatencyMs} ms`,
      got: `${Math.round(response.latencyMs)} ms`,
    });
  }
  if (expectVersion !== undefined && !check.skipVersion) {
    const shown =
      response.body.includes(expectVersion) ||
      Object.values(response.headers).some((v) => v.includes(expectVersion));
    if (!shown)
      mismatches.push({
        what: 'version',
        expected: `"${expectVersion}" in a header or the body`,
        got: 'not found: another version answered',
      });
  }
  return mismatches;
}
