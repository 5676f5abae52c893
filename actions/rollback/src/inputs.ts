import { checkIdentity, ECS_TASK_DEFINITION } from '../../../shared/cloud-identities';
import type { Core } from '../../../shared/core';
import { InputError } from '../../../shared/errors';
import { inputReader } from '../../../shared/inputs';
import { revisionNameProblem } from '../../../shared/providers/cloud-run/names';
import type { RestoreSource } from '../../../shared/traffic/rollout';
import { readTrafficTarget, resourceOf, TARGET_INPUTS } from '../../../shared/traffic/settings';
import { decodeRollbackTarget } from '../../../shared/traffic/token';
import type { TrafficTarget } from '../../../shared/traffic/types';

/** Input and output names, mirroring action.yml (a test checks they agree). */
export const INPUTS = {
  ...TARGET_INPUTS,
  to: 'to',
  revision: 'revision',
  taskDefinition: 'task-definition',
  reason: 'reason',
  timeout: 'timeout',
  pollInterval: 'poll-interval',
} as const;

export const OUTPUTS = {
  rolledBack: 'rolled-back',
  observedTraffic: 'observed-traffic',
} as const;

export interface RollbackSettings {
  target: TrafficTarget;
  /** Undefined when nothing names a state to restore: the rollout never wrote, a logged no-op. */
  source: RestoreSource | undefined;
  reason?: string;
  timeoutMs: number;
  pollMs: number;
}

export function readSettings(core: Core): RollbackSettings {
  const read = inputReader(core);
  const target = readTrafficTarget(
    read,
    { [INPUTS.revision]: 'cloud-run', [INPUTS.taskDefinition]: 'ecs' },
    { singleEcsService: true },
  );
  const token = read.optional(INPUTS.to);
  const explicitInput = target.provider === 'cloud-run' ? INPUTS.revision : INPUTS.taskDefinition;
  const explicit = read.optional(explicitInput);
  if (token !== undefined && explicit !== undefined) {
    throw new InputError(
      INPUTS.to,
      `give either "to" or "${explicitInput}", not both`,
      '${{ needs.shift.outputs.rollback-target }}',
    );
  }
  if (target.provider === 'cloud-run' && explicit !== undefined) {
    const problem = revisionNameProblem(target.service, explicit);
    if (problem !== undefined) {
      throw new InputError(
        INPUTS.revision,
        `"${explicit}" ${problem}, so it is not a revision of service ${target.service}`,
        `${target.service}-00041-xyz`,
      );
    }
  }
  if (target.provider === 'ecs' && explicit !== undefined) {
    checkIdentity(
      ECS_TASK_DEFINITION,
      INPUTS.taskDefinition,
      explicit,
      'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop:41',
    );
  }
  let source: RestoreSource | undefined;
  if (token !== undefined) {
    source = {
      kind: 'token',
      target: decodeRollbackTarget(token, INPUTS.to, {
        provider: target.provider,
        resource: resourceOf(target),
      }),
    };
  } else if (explicit !== undefined) {
    source = { kind: 'explicit', id: explicit };
  }
  const reason = read.optional(INPUTS.reason);
  const pollMs = read.durationMs(INPUTS.pollInterval, '5s');
  if (pollMs < 100) throw new InputError(INPUTS.pollInterval, 'must be at least 100ms', '5s');
  return {
    target,
    source,
    ...(reason === undefined ? {} : { reason }),
    timeoutMs: read.durationMs(INPUTS.timeout, '10m'),
    pollMs,
  };
}
