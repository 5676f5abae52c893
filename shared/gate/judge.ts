/** The judge as the gate sets it up from its inputs (the action and the benchmark build it here). */
import { createSequentialJudge, stageAlphas } from '../judge/sequential';
import type { Judge } from '../judge/types';
import type { GateConfig } from './types';

/** Early promotion tests "not worse than this multiple of the tolerated ratio". */
export const PROMOTE_MULTIPLE = 1.5;

export function nullRatioOf(config: Pick<GateConfig, 'maxIncrease'>): number {
  return 1 + config.maxIncrease;
}

/** Level of the judge's end-of-window comparison: the one whose power a pass requires. */
export function endOfWindowAlphaOf(config: Pick<GateConfig, 'falseAlarmRate'>): number {
  return stageAlphas(config.falseAlarmRate).endOfWindowAlpha;
}

export function createGateJudge(config: Pick<GateConfig, 'maxIncrease' | 'falseAlarmRate'>): Judge {
  const nullRatio = nullRatioOf(config);
  return createSequentialJudge({
    nullRatio,
    promoteRatio: PROMOTE_MULTIPLE * nullRatio,
    ...stageAlphas(config.falseAlarmRate),
  });
}
