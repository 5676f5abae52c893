/**
 * Pure logic of the ECS blue/green split: a listener's (or rule's) weighted forward action read as
 * a traffic split between the two services, a split written back as weights, and the digest that
 * stands in for an etag (ELBv2 has none).
 */
import { createHash } from 'node:crypto';
import { ActionError } from '../../errors';
import type { TrafficEntry } from '../../traffic/types';

/** The parts of an ELBv2 `Action` this module reads; the SDK's type fits it. */
export interface ElbAction {
  Type?: string | undefined;
  Order?: number | undefined;
  TargetGroupArn?: string | undefined;
  ForwardConfig?:
    | {
        TargetGroups?: { TargetGroupArn?: string | undefined; Weight?: number | undefined }[] | undefined;
        TargetGroupStickinessConfig?:
          | { Enabled?: boolean | undefined; DurationSeconds?: number | undefined }
          | undefined;
      }
    | undefined;
  AuthenticateOidcConfig?: object | undefined;
}

export interface WeightedGroup {
  targetGroupArn: string;
  weight: number;
}

/** The forward action's target groups with their weights (a single target group weighs 1, as ELBv2 says). */
export function forwardGroups(actions: readonly ElbAction[], where: string): WeightedGroup[] {
  const forwards = actions.filter((a) => a.Type === 'forward');
  if (forwards.length !== 1) {
    throw new ActionError(
      `${where} has ${forwards.length === 0 ? 'no' : 'more than one'} forward action; a blue/green split needs exactly one weighted forward`,
    );
  }
  const forward = forwards[0] as ElbAction;
  const tuples = forward.ForwardConfig?.TargetGroups ?? [];
  if (tuples.length > 0) {
    return tuples.map((t) => ({ targetGroupArn: t.TargetGroupArn ?? '', weight: t.Weight ?? 1 }));
  }
  if (forward.TargetGroupArn) return [{ targetGroupArn: forward.TargetGroupArn, weight: 1 }];
  throw new ActionError(`${where}: its forward action names no target group`);
}

/**
 * Weights as whole percents per service. ELBv2 weights are relative (0–999), so they are scaled to
 * 100 with the largest-remainder method: the shares always sum to exactly 100.
 */
export function splitFromWeights(
  groups: readonly WeightedGroup[],
  serviceOfGroup: ReadonlyMap<string, string>,
  where: string,
): TrafficEntry[] {
  const foreign = groups.filter((g) => !serviceOfGroup.has(g.targetGroupArn) && g.weight > 0);
  if (foreign.length > 0) {
    throw new ActionError(
      `${where} also forwards to ${foreign.map((g) => g.targetGroupArn).join(', ')}, which neither service is registered with; refusing to manage a split it doesn't own`,
    );
  }
  const ours = [...serviceOfGroup.entries()].map(([targetGroupArn, service]) => ({
    service,
    targetGroupArn,
    weight: groups.find((g) => g.targetGroupArn === targetGroupArn)?.weight,
  }));
  const missing = ours.filter((o) => o.weight === undefined);
  if (missing.length > 0) {
    throw new ActionError(
      `${where} does not forward to the target group of ${missing.map((m) => m.service).join(', ')} (${missing.map((m) => m.targetGroupArn).join(', ')}); add it to the forward action with weight 0`,
    );
  }
  const total = ours.reduce((sum, o) => sum + (o.weight ?? 0), 0);
  if (total <= 0) throw new ActionError(`${where} forwards with all weights 0: nothing serves traffic`);
  const exact = ours.map((o) => ({ service: o.service, share: ((o.weight ?? 0) * 100) / total }));
  const floors = exact.map((e) => ({ ...e, percent: Math.floor(e.share) }));
  let left = 100 - floors.reduce((sum, f) => sum + f.percent, 0);
  for (const f of [...floors].sort((a, b) => b.share - b.percent - (a.share - a.percent))) {
    if (left-- <= 0) break;
    f.percent++;
  }
  return floors.map((f) => ({ target: f.service, percent: f.percent }));
}

/** A stable digest of the forward weights: changes whenever anyone changes the split. */
export function weightsVersion(groups: readonly WeightedGroup[]): string {
  const canonical = [...groups]
    .sort((a, b) => a.targetGroupArn.localeCompare(b.targetGroupArn))
    .map((g) => `${g.targetGroupArn}=${g.weight}`)
    .join(',');
  return `weights:${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

/**
 * The actions to write for a split: the same actions, with only the forward's weights replaced
 * (order, stickiness, other target groups at 0 and other actions kept). The listener describes an
 * OIDC action without its client secret; `UseExistingClientSecret` keeps the stored one.
 */
export function actionsWithSplit<Action extends ElbAction>(
  actions: readonly Action[],
  split: readonly TrafficEntry[],
  groupOfService: ReadonlyMap<string, string>,
): Action[] {
  const weightOf = new Map<string, number>();
  for (const entry of split) {
    const group = groupOfService.get(entry.target);
    if (group === undefined) {
      throw new ActionError(`cannot route to ${entry.target}: it is not one of the two services`);
    }
    weightOf.set(group, (weightOf.get(group) ?? 0) + entry.percent);
  }
  const total = [...weightOf.values()].reduce((sum, w) => sum + w, 0);
  if (total !== 100) throw new ActionError(`a split must sum to 100 %, this one sums to ${total} %`);
  return actions.map((action) => {
    if (action.Type === 'authenticate-oidc' && action.AuthenticateOidcConfig) {
      return {
        ...action,
        AuthenticateOidcConfig: { ...action.AuthenticateOidcConfig, UseExistingClientSecret: true },
      };
    }
    if (action.Type !== 'forward') return action;
    const { TargetGroupArn: _single, ...rest } = action;
    const current = forwardGroups([action], 'the forward action');
    const groups = new Set([...current.map((g) => g.targetGroupArn), ...groupOfService.values()]);
    return {
      ...rest,
      ForwardConfig: {
        ...action.ForwardConfig,
        TargetGroups: [...groups].map((arn) => ({ TargetGroupArn: arn, Weight: weightOf.get(arn) ?? 0 })),
      },
    } as Action;
  });
}
