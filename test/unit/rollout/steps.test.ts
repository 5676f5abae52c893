import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { formatSteps, parseSteps } from '../../../shared/traffic/steps';

function problem(raw: string | undefined): string {
  try {
    parseSteps(raw);
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error(`"${raw}" was accepted`);
}

describe('parseSteps', () => {
  it('reads any number of increasing whole percentages ending at 100', () => {
    expect(parseSteps('5,10,20,30,50,75,100')).toEqual([5, 10, 20, 30, 50, 75, 100]);
    expect(parseSteps(' 1 , 2,3,4,5,6,7,8,9,10,100')).toHaveLength(11);
    expect(parseSteps('100')).toEqual([100]);
    expect(formatSteps(parseSteps(' 10, 50 ,100 '))).toBe('10,50,100');
  });

  it.each([
    [undefined, 'is required'],
    ['', 'is required'],
    ['abc', '"abc" is not a whole percentage'],
    ['10,abc,100', '"abc" is not a whole percentage'],
    ['1e2', '"1e2" is not a whole percentage'],
    ['12.5,100', '"12.5" is not a whole percentage'],
    ['-5,100', '"-5" is not a whole percentage'],
    ['0,100', '0 is outside 1–100'],
    ['10,101', '101 is outside 1–100'],
    ['10,,100', 'has an empty value at position 2'],
    ['10,100,', 'has an empty value at position 3'],
    ['10,5,100', 'must increase, and 5 comes after 10'],
    ['10,10,100', 'lists 10 twice'],
    ['10,50', 'must end at 100 (the promotion), and ends at 50'],
  ])('refuses %j: %s, naming steps with an accepted value', (raw, message) => {
    const text = problem(raw);
    expect(text).toContain('input "steps"');
    expect(text).toContain(message);
    expect(text).toContain('5,10,20,30,50,75,100');
  });
});
