import { describe, expect, it } from 'vitest';
import { INPUTS as SHIFT_INPUTS, OUTPUTS as SHIFT_OUTPUTS } from '../../../actions/canary-shift/src/inputs';
import { INPUTS as ROLLBACK_INPUTS, OUTPUTS as ROLLBACK_OUTPUTS } from '../../../actions/rollback/src/inputs';
import { InputError } from '../../../shared/errors';
import { computeSplit, lastGoodSplit, sameSplit, stableOf } from '../../../shared/traffic/split';
import { renderSplitSummary } from '../../../shared/traffic/summary';
import { decodeRollbackTarget, encodeRollbackTarget } from '../../../shared/traffic/token';
import type { RollbackTarget } from '../../../shared/traffic/types';
import { declaredNames } from '../../helpers/metadata';

describe('action metadata', () => {
  it.each([
    ['canary-shift', SHIFT_INPUTS, SHIFT_OUTPUTS],
    ['rollback', ROLLBACK_INPUTS, ROLLBACK_OUTPUTS],
  ])('%s: INPUTS and OUTPUTS mirror action.yml', (action, inputs, outputs) => {
    const declared = declaredNames(action);
    expect(Object.values(inputs).sort()).toEqual(declared.inputs);
    expect(Object.values(outputs).sort()).toEqual(declared.outputs);
  });
});

describe('splits', () => {
  it('gives the candidate its share and the rest to the stable target', () => {
    const current = [{ target: 'shop-1', percent: 100 }];
    expect(computeSplit(current, { target: 'shop-2', tag: 'canary' }, 10)).toEqual([
      { target: 'shop-1', percent: 90 },
      { target: 'shop-2', percent: 10, tag: 'canary' },
    ]);
    expect(computeSplit(current, { target: 'shop-2' }, 100)).toEqual([{ target: 'shop-2', percent: 100 }]);
  });

  it('folds other serving targets into the stable one', () => {
    const current = [
      { target: 'a', percent: 60 },
      { target: 'b', percent: 30 },
      { target: 'cand', percent: 10 },
    ];
    expect(stableOf(current, 'cand')).toBe('a');
    expect(computeSplit(current, { target: 'cand' }, 50)).toEqual([
      { target: 'a', percent: 50 },
      { target: 'cand', percent: 50 },
    ]);
  });

  it('refuses a split with no stable target to take the rest', () => {
    expect(() => computeSplit([{ target: 'cand', percent: 100 }], { target: 'cand' }, 50)).toThrow(
      /no stable version/,
    );
  });

  it('compares serving shares, ignoring tags and 0 % entries', () => {
    expect(
      sameSplit(
        [
          { target: 'a', percent: 90 },
          { target: 'b', percent: 10, tag: 'canary' },
          { target: 'c', percent: 0, tag: 'old' },
        ],
        [
          { target: 'b', percent: 10 },
          { target: 'a', percent: 90 },
        ],
      ),
    ).toBe(true);
    expect(sameSplit([{ target: 'a', percent: 100 }], [{ target: 'b', percent: 100 }])).toBe(false);
  });

  it('the last good split hands the candidate share back to the stable target', () => {
    expect(lastGoodSplit([{ target: 'a', percent: 100 }], 'cand')).toEqual([{ target: 'a', percent: 100 }]);
    expect(
      lastGoodSplit(
        [
          { target: 'a', percent: 50 },
          { target: 'cand', percent: 50 },
        ],
        'cand',
      ),
    ).toEqual([{ target: 'a', percent: 100 }]);
  });

  it('the last good split never keeps a share of a revision that is neither stable nor candidate', () => {
    // Another rollout's canary at 10 %: handing it its share again on rollback would re-expose it.
    expect(
      lastGoodSplit(
        [
          { target: 'stable', percent: 80 },
          { target: 'other-canary', percent: 10 },
          { target: 'cand', percent: 10 },
        ],
        'cand',
      ),
    ).toEqual([{ target: 'stable', percent: 100 }]);
    expect(lastGoodSplit([{ target: 'cand', percent: 100 }], 'cand')).toEqual([
      { target: 'cand', percent: 100 },
    ]);
  });
});

describe('rollback token', () => {
  const resource = { project: 'shop-prod-1', region: 'europe-west1', service: 'shop' };
  const token: RollbackTarget = {
    v: 1,
    provider: 'cloud-run',
    resource,
    traffic: [{ target: 'shop-00001-abc', percent: 100 }],
    capturedAt: '2026-11-22T10:00:00.000Z',
  };

  it('round-trips', () => {
    expect(
      decodeRollbackTarget(encodeRollbackTarget(token), 'to', { provider: 'cloud-run', resource }),
    ).toEqual(token);
  });

  it.each([
    ['not json', /input "to": is not a rollback-target token \(not JSON\)/],
    ['[1]', /not a JSON object/],
    [JSON.stringify({ ...token, v: 2 }), /unknown token version 2/],
    [JSON.stringify({ ...token, provider: 'ecs' }), /captured for provider "ecs"/],
    [JSON.stringify({ ...token, resource: { ...resource, service: 'other' } }), /another resource/],
    [JSON.stringify({ ...token, traffic: [] }), /no "traffic"/],
    [JSON.stringify({ ...token, traffic: [{ target: 'a', percent: 150 }] }), /between 0 and 100/],
    [JSON.stringify({ ...token, traffic: [{ target: 'a', percent: 40 }] }), /summing to 40 %/],
    [JSON.stringify({ ...token, capturedAt: 'yesterday' }), /capturedAt/],
  ])('rejects %s', (text, message) => {
    const decode = () => decodeRollbackTarget(text, 'to', { provider: 'cloud-run', resource });
    expect(decode).toThrow(InputError);
    expect(decode).toThrow(message);
  });
});

describe('split summary', () => {
  it('shows before and after as a table and two pie charts', () => {
    const text = renderSplitSummary({
      title: 'Canary at 10 %',
      detail: 'shop',
      before: [{ target: 'shop-1', percent: 100 }],
      after: [
        { target: 'shop-1', percent: 90 },
        { target: 'shop-2', percent: 10, tag: 'canary' },
      ],
      roles: { 'shop-1': 'stable', 'shop-2': 'candidate' },
      tags: { 'shop-2': 'canary' },
      urls: { canary: 'http://canary.example' },
    });
    expect(text).toContain('| shop-1 | stable | 100 % | 90 % |');
    expect(text).toContain('| shop-2 | candidate | 0 % | 10 % | canary: http://canary.example |');
    expect(text).toContain('pie showData title Before');
    expect(text).toContain('"candidate shop-2" : 10');
  });

  it('says the after state is unknown rather than guessing', () => {
    const text = renderSplitSummary({
      title: 't',
      detail: '',
      before: [{ target: 'a', percent: 100 }],
      after: undefined,
    });
    expect(text).toContain('| a |  | 100 % | unknown |');
    expect(text).toContain('could not be read');
  });
});
