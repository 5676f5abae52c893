/**
 * The adaptive bake: when `duration` ends before the data has the power the verdict needs, keep
 * watching, up to `max-duration`. The choice looks only at exposure (requests, total errors, the
 * split; power.ts), never at which arm the errors fell in, so stopping at a data-dependent time
 * does not bend the judge's false-alarm level.
 */
import { FEW_ERRORS } from './fallback';
import type { Exposure } from './power';
import type { GateConfig } from './types';

/**
 * The judge learns the service's noise from the step's own minutes (there is no A/A history in
 * production): with fewer judged intervals than this, a 2× regression at a busy service reads as
 * noise, so a short bake extends to this many before a pass, whatever the power says.
 */
export const MIN_JUDGED_INTERVALS = 8;

/**
 * Beyond this multiple of max-duration, the estimate says extending cannot help: stop. Only
 * trusted once FEW_ERRORS errors make the estimate more than a guess.
 */
export const HOPELESS_MULTIPLE = 2;

export type BakeStep = 'watch' | 'extend' | 'decide';

export function bakeStep(
  config: Pick<GateConfig, 'horizon' | 'maxHorizon' | 'warmup' | 'detectableRatio' | 'power' | 'minRequests'>,
  intervals: number,
  exposure: Exposure,
): BakeStep {
  if (intervals < config.horizon) return 'watch';
  if (intervals >= config.maxHorizon) return 'decide';
  const judged = intervals - config.warmup;
  if (judged >= MIN_JUDGED_INTERVALS && exposure.power(config.detectableRatio) >= config.power)
    return 'decide';
  // Too few candidate requests to judge at all: more time is the only thing that helps.
  if (exposure.candidateRequests < config.minRequests) return 'extend';
  const needed = exposure.minutesNeeded(config.detectableRatio, config.power);
  // No error seen at all: no estimate, and the few-errors fallback decides now.
  if (needed === undefined) return 'decide';
  if (exposure.totalErrors >= FEW_ERRORS && config.warmup + needed > HOPELESS_MULTIPLE * config.maxHorizon)
    return 'decide';
  return 'extend';
}
