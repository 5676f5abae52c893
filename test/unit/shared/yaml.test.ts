import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../shared/yaml';

describe('parseYaml', () => {
  it('keeps the written text of a number that would not print back the same', () => {
    expect(
      parseYaml(
        'revision: 00042\nx-id: 12345678901234567890123\nhex: 0x1F\nexp: 1e3\none: 1.0\ninf: .inf\noct: 0o17',
      ),
    ).toEqual({
      revision: '00042',
      'x-id': '12345678901234567890123',
      hex: '0x1F',
      exp: '1e3',
      one: '1.0',
      inf: '.inf',
      oct: '0o17',
    });
  });

  it('reads canonical numbers, booleans and lists as YAML does', () => {
    expect(
      parseYaml('- {expect-status: [200, 2xx], max-latency-ms: 500, ratio: 0.5, skip-version: true}'),
    ).toEqual([{ 'expect-status': [200, '2xx'], 'max-latency-ms': 500, ratio: 0.5, 'skip-version': true }]);
    expect(parseYaml('{"text": "Deployed", "n": -3}')).toEqual({ text: 'Deployed', n: -3 });
  });

  it('throws on malformed YAML', () => {
    expect(() => parseYaml('a: [1, 2')).toThrow();
  });
});
