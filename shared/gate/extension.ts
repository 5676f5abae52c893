/**
 * The adaptive bake: when `duration` ends before the data has the power the verdict needs, keep
 * watching, up to `max-duration`. The choice looks only at exposure (requests, total errors, the
 * split; power.ts), never at which arm the errors fell in, so stopping at a data-dependent time
 * does not bend the judge's false-alarm level.
 */
import type { Exposure } from './power';
import type { GateConfig } from './types';

/**
 * The judge learns the service's noise from the step's own minutes (there is no A/A history in
 * production): with fewer judged intervals than this, a 2× regression at a busy service reads as
 * noise, so a short bake extends to this many before a pass, whatever the power says.
 */
export const MIN_JUDGED_INTERVALS = 8;

/** Beyond this multiple of max-duration, the estimate says extending cannot help: stop at `duration`. */
export const HOPELESS_MULTIPLE = 2;

export type BakeStep = 'watch' | 'extend' | 'decide';

export function bakeStep(
  config: Pick<GateConfig, 'horizon' | 'maxHorizon' | 'warmup' | 'detectableRatio' | 'power'>,
  intervals: number,
  exposure: Exposure,
): BakeStep {
  if (intervals < config.horizon) return 'watch';
  if (intervals >= config.maxHorizon) return 'decide';
  const judged = intervals - config.warmup;
  if (judged >= MIN_JUDGED_INTERVALS && exposure.power(config.detectableRatio) >= config.power)
    return 'decide';
  const needed = exposure.minutesNeeded(config.detectableRatio, config.power);
  // No error seen at all: no estimate, and the few-errors fallback decides at `duration`.
  if (needed === undefined) return 'decide';
  if (config.warmup + needed > HOPELESS_MULTIPLE * config.maxHorizon) return 'decide';
  return 'extend';
}
