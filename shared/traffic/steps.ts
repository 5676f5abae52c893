/**
 * A rollout's steps: the candidate's share after each shift, e.g. `5,10,20,30,50,75,100`. Validated
 * whole, in one place, before anything runs (rollout's plan-only reaches it from a pipeline's plan
 * job): every value a whole percentage from 1 to 100, strictly increasing, ending at 100.
 */
import { InputError } from '../errors';

export const STEPS_INPUT = 'steps';
export const STEPS_EXAMPLE = '5,10,20,30,50,75,100';

/** The shares, in order; an InputError naming `input` (and an accepted value) otherwise. */
export function parseSteps(raw: string | undefined, input = STEPS_INPUT): number[] {
  const fail = (problem: string): never => {
    throw new InputError(input, problem, STEPS_EXAMPLE);
  };
  if (raw === undefined || raw.trim() === '') return fail('is required');
  const parts = raw.split(',').map((part) => part.trim());
  const steps: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (part === '') fail(`has an empty value at position ${index + 1}`);
    // Decimal digits only: Number() would also take "1e2", "0x0A" and "12.0".
    if (!/^\d{1,3}$/.test(part)) fail(`"${part}" is not a whole percentage`);
    const percent = Number(part);
    if (percent < 1 || percent > 100) fail(`${percent} is outside 1–100`);
    const previous = steps.at(-1);
    if (previous !== undefined && percent === previous) fail(`lists ${percent} twice`);
    if (previous !== undefined && percent < previous) {
      fail(`must increase, and ${percent} comes after ${previous}`);
    }
    steps.push(percent);
  }
  if (steps.at(-1) !== 100) fail(`must end at 100 (the promotion), and ends at ${steps.at(-1)}`);
  return steps;
}

/** The steps as the `steps` output and the summary show them. */
export function formatSteps(steps: readonly number[]): string {
  return steps.join(',');
}
