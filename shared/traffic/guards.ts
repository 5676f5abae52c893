/**
 * What a canary step refuses after reading the service and naming its candidate, before any write:
 * a candidate that is the very revision serving production, and a split this rollout did not make
 * (another rollout's candidate still holding a share). Pure decisions on the state read.
 */
import { ActionError } from '../errors';
import { formatSplit, servingEntries, stableOf } from './split';
import type { Candidate, CandidateRequest, ProviderName, ServingState } from './types';

/** canary-shift's input that lets a step take over a split it did not make (action.yml declares it). */
export const TAKE_OVER_INPUT = 'take-over';

/** The inputs that name or deploy a candidate, per provider, for messages. */
const CANDIDATE_INPUTS: Record<ProviderName, { deploy: string; name: string }> = {
  'cloud-run': { deploy: 'image', name: 'candidate' },
  ecs: { deploy: 'task-definition', name: 'candidate' },
};

export interface ShiftGuardRequest {
  candidate: CandidateRequest;
  percent: number;
  /** Fold the shares of other targets into the stable one instead of refusing. */
  takeOver?: boolean;
}

/**
 * Refuses before the first write when:
 * - no candidate was asked for (the default is the newest ready revision) and the one found is
 *   what serves 100 %: shifting would tag the production revision and call it the candidate;
 * - the candidate asked for serves 100 % and the step would give it less: nothing else could
 *   take the rest (re-running the promotion step, at 100 %, stays a no-op);
 * - besides the stable target and this candidate, another target serves traffic (another
 *   rollout in flight or left half-way), unless `takeOver`. Folding that share silently would
 *   give an unvetted canary's traffic to the stable, and a rollback target that kept it would hand
 *   it back.
 */
export function guardShift(
  provider: ProviderName,
  state: ServingState,
  candidate: Pick<Candidate, 'target' | 'id'>,
  request: ShiftGuardRequest,
  log: (message: string) => void,
): void {
  const serving = servingEntries(state.observed);
  const inputs = CANDIDATE_INPUTS[provider];
  const asked =
    request.candidate.candidate !== undefined ||
    request.candidate.image !== undefined ||
    request.candidate.taskDefinition !== undefined;
  if (!asked && serving.length === 1 && serving[0]?.target === candidate.target) {
    throw new ActionError(
      `no candidate to shift to: neither "${inputs.deploy}" nor "${inputs.name}" was given, and the newest ready ${provider === 'ecs' ? 'task definition' : 'revision'}, ${candidate.id}, is the one serving 100 % (the stable one). Give "${inputs.deploy}" to deploy a new one, or "${inputs.name}" to name it`,
    );
  }
  if (serving.length === 1 && serving[0]?.target === candidate.target && request.percent < 100) {
    throw new ActionError(
      `the candidate ${candidate.id} already serves 100 %, so no other ${provider === 'ecs' ? 'service' : 'revision'} is there to take ${100 - request.percent} %: is "${inputs.name}" the stable one? Name the new ${provider === 'ecs' ? 'task definition' : 'revision'}, or give "${inputs.deploy}"`,
    );
  }
  const stable = stableOf(serving, candidate.target);
  const foreign = serving.filter((e) => e.target !== candidate.target && e.target !== stable);
  if (foreign.length === 0) return;
  const named = foreign.map((e) => `${e.target} (${e.percent} %)`).join(', ');
  const others = [stable, ...foreign.map((e) => e.target)].join(' and ');
  if (!request.takeOver) {
    throw new ActionError(
      `the service serves ${formatSplit(serving)}, a split this rollout did not make: besides its candidate ${candidate.target}, ${others} serve traffic (another rollout in flight or left half-way, whose candidate is likely ${named}). Roll that rollout back or finish it first, or set "${TAKE_OVER_INPUT}: true" to give ${named} to ${stable}, the largest share, and record ${stable} at 100 % as the rollback target`,
    );
  }
  log(
    `Taking over (${TAKE_OVER_INPUT}: true): ${named} goes back to ${stable}, the largest share; the rollback target is ${stable} at 100 %`,
  );
}
