import { describe, expect, it } from 'vitest';
import {
  type Check,
  parseChecks,
  parseHeaders,
  parseStatusExpectation,
} from '../../../actions/smoke-test/src/checks';
import { INPUTS, OUTPUTS } from '../../../actions/smoke-test/src/inputs';
import { evaluate, type ProbeResponse, resolvePointer } from '../../../actions/smoke-test/src/match';
import { InputError } from '../../../shared/errors';
import { declaredNames } from '../../helpers/metadata';

const response = (over: Partial<ProbeResponse> = {}): ProbeResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json', 'x-revision': 'shop-00042-abc' },
  body: '{"status":"ok","build":{"sha":"abc123"},"items":[1,2]}',
  latencyMs: 20,
  ...over,
});

const only = (yaml: string): Check => {
  const [check] = parseChecks(yaml);
  if (!check) throw new Error('no check');
  return check;
};

describe('parseChecks', () => {
  it('reads the documented forms', () => {
    const checks = parseChecks(`
- name: health
  path: /healthz
  expect-status: [200, 204]
  expect-body: /"status":\\s*"ok"/
  expect-json: {/build/sha: abc123, /items/1: 2}
  expect-header: {X-Revision: shop-}
  max-latency-ms: 300
- path: /orders
  method: post
  body: {sku: 1}
`);
    expect(checks).toHaveLength(2);
    expect(checks[0]?.expectStatus.codes).toEqual([200, 204]);
    expect(checks[0]?.expectBody?.kind).toBe('regex');
    expect(checks[1]?.method).toBe('POST');
    expect(checks[1]?.body).toBe('{"sku":1}');
    expect(checks[1]?.headers['content-type']).toBe('application/json');
    expect(checks[1]?.name).toBe('POST /orders');
  });

  it('accepts a {checks: [...]} document and defaults to GET / expecting 2xx', () => {
    expect(parseChecks('checks:\n  - path: /a')).toHaveLength(1);
    const [root] = parseChecks(undefined);
    expect(root?.path).toBe('/');
    expect(root?.expectStatus.classes).toEqual([2]);
  });

  it.each([
    ['- {path: /a, expect-status: 2xxx}', 'expect-status "2xxx" is not a status code or class'],
    ['- {path: /a, expect-stauts: 200}', 'unknown key "expect-stauts"'],
    ['- {path: healthz}', 'path "healthz" must start with /'],
    ['- {path: /a, method: FETCH}', 'method "FETCH" is not one of'],
    ['- {path: /a, max-latency-ms: -5}', 'max-latency-ms must be a positive number'],
    ['- {path: /a, expect-body: "/([/"}', 'is not a valid regular expression'],
    ['[unclosed', 'is not valid YAML'],
    ['[]', 'must be a non-empty list of checks'],
    ['missing-file.yml', 'file "missing-file.yml" does not exist'],
  ])('rejects %s', (yaml, message) => {
    expect(() => parseChecks(yaml)).toThrow(InputError);
    expect(() => parseChecks(yaml)).toThrow(message);
  });

  it('parses status forms', () => {
    expect(parseStatusExpectation(200, 'x')).toMatchObject({ codes: [200], classes: [] });
    expect(parseStatusExpectation('3xx', 'x')).toMatchObject({ codes: [], classes: [3] });
    expect(parseStatusExpectation([201, '2xx'], 'x')).toMatchObject({ codes: [201], classes: [2] });
  });
});

describe('parseHeaders', () => {
  it('reads YAML maps and "Name: value" lines without showing values in errors', () => {
    expect(parseHeaders('{Authorization: Bearer t0k3n}', 'headers')).toEqual({
      Authorization: 'Bearer t0k3n',
    });
    expect(parseHeaders('Authorization: Basic a: b\nX-Env: prod', 'headers')).toEqual({
      Authorization: 'Basic a: b',
      'X-Env': 'prod',
    });
    expect(() => parseHeaders('just-a-secret-value', 'headers')).toThrow('each line must be "Name: value"');
    expect(() => parseHeaders('just-a-secret-value', 'headers')).not.toThrow('just-a-secret-value');
  });
});

describe('evaluate', () => {
  it('passes a response that meets every expectation', () => {
    const check = only(
      `- {path: /, expect-status: 2xx, expect-body: ok, expect-json: {/status: ok}, expect-header: {x-revision: /^shop-\\d+/}, max-latency-ms: 50}`,
    );
    expect(evaluate(check, response(), 'abc123')).toEqual([]);
  });

  it('names each unmet expectation with what came back', () => {
    const check = only(
      `- {path: /, expect-status: 201, expect-body: healthy, expect-json: {/status: up, /missing: 1}, expect-header: {x-cache: HIT}, max-latency-ms: 5}`,
    );
    const mismatches = evaluate(check, response(), 'def456');
    expect(mismatches.map((m) => m.what)).toEqual([
      'status',
      'body',
      'json /status',
      'json /missing',
      'header x-cache',
      'latency',
      'version',
    ]);
    expect(mismatches[0]).toEqual({ what: 'status', expected: '201', got: '200' });
    expect(mismatches[2]).toEqual({ what: 'json /status', expected: '"up"', got: '"ok"' });
  });

  it('reports a non-JSON body for JSON expectations and honours skip-version', () => {
    const check = only('- {path: /, expect-json: {/a: 1}, skip-version: true}');
    expect(evaluate(check, response({ body: '<html>' }), 'abc')).toEqual([
      { what: 'json', expected: 'a JSON body', got: 'not JSON' },
    ]);
  });

  it('resolves JSON pointers with escapes and array indexes', () => {
    const doc = { 'a/b': { 'c~d': [10, 20] } };
    expect(resolvePointer(doc, '/a~1b/c~0d/1')).toEqual({ found: true, value: 20 });
    expect(resolvePointer(doc, '/a~1b/c~0d/2').found).toBe(false);
    expect(resolvePointer(doc, '')).toEqual({ found: true, value: doc });
  });
});

describe('metadata', () => {
  it('declares exactly the inputs and outputs the code reads and writes', () => {
    const declared = declaredNames('smoke-test');
    expect(Object.values(INPUTS).sort()).toEqual(declared.inputs);
    expect(Object.values(OUTPUTS).sort()).toEqual(declared.outputs);
  });
});
