import type { Core } from '../../../shared/core';
import { GATE_INPUTS, type GateSettings, readGateSettings } from '../../../shared/gate/inputs';

export type { GateSettings };

const { targetGroups: _rolloutOnly, ...ERROR_RATE_GATE_INPUTS } = GATE_INPUTS;

/** Input and output names, mirroring action.yml (a test checks they agree). */
export const INPUTS = ERROR_RATE_GATE_INPUTS;

export const OUTPUTS = {
  verdict: 'verdict',
  candidateErrorRate: 'candidate-error-rate',
  baselineErrorRate: 'baseline-error-rate',
  requests: 'requests',
  decidedAfterSeconds: 'decided-after-seconds',
  reason: 'reason',
  detectableRatio: 'detectable-ratio',
  power: 'power',
  extendedMinutes: 'extended-minutes',
} as const;

/** Every input, parsed and checked by the gate's one parser (shared with rollout). */
export function readSettings(core: Core, env: NodeJS.ProcessEnv = process.env): GateSettings {
  return readGateSettings(core, env, { action: 'error-rate-gate', arms: 'inputs' });
}
