/**
 * The listener part of the ECS provider: the weighted forward of a listener (default action) or a
 * listener rule, read as a split, checked for other writers, written, and the health of the
 * targets a weight would send traffic to. Only ELBv2 calls live here.
 */
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ActionError } from '../../errors';
import { formatSplit } from '../../traffic/split';
import { ConcurrentWriteError, type TrafficEntry, type WaitOptions } from '../../traffic/types';
import type { EcsApi, ElbSdk } from './api';
import { pollUntil } from './poll';
import { forwardGroups, splitFromWeights, type WeightedGroup, weightsVersion } from './weights';

export interface ForwardRead {
  actions: Action[];
  groups: WeightedGroup[];
  version: string;
  split: TrafficEntry[];
}

/** Where the weighted forward lives: exactly one of the two. */
export type ListenerLocation = { listenerArn: string } | { listenerRuleArn: string };

/**
 * An ARN ECS gives as `productionListenerRule`: a listener rule (ALB) or a listener (NLB), per the
 * SDK model's AdvancedConfiguration.
 */
export function locationOfArn(arn: string): ListenerLocation {
  return arn.includes(':listener-rule/') ? { listenerRuleArn: arn } : { listenerArn: arn };
}

export class ListenerWeights {
  constructor(
    private readonly api: EcsApi,
    readonly location: ListenerLocation,
  ) {}

  where(): string {
    return 'listenerRuleArn' in this.location
      ? `listener rule ${this.location.listenerRuleArn}`
      : `listener ${this.location.listenerArn}`;
  }

  private sdk(): { elb: NonNullable<EcsApi['elb']>; sdk: ElbSdk } {
    if (this.api.elb === undefined || this.api.elbSdk === undefined) {
      throw new ActionError('a traffic split needs "listener-arn" or "listener-rule-arn" and two services');
    }
    return { elb: this.api.elb, sdk: this.api.elbSdk };
  }

  /** The forward's weights, as a split over the services (or target groups) `nameOfGroup` names. */
  async read(nameOfGroup: ReadonlyMap<string, string>): Promise<ForwardRead> {
    const { elb, sdk } = this.sdk();
    const where = this.where();
    const location = this.location;
    let actions: Action[];
    try {
      if ('listenerRuleArn' in location) {
        const out = await this.api.call('ELBv2 DescribeRules', () =>
          elb.send(new sdk.DescribeRulesCommand({ RuleArns: [location.listenerRuleArn] })),
        );
        actions = out.Rules?.[0]?.Actions ?? [];
      } else {
        const out = await this.api.call('ELBv2 DescribeListeners', () =>
          elb.send(new sdk.DescribeListenersCommand({ ListenerArns: [location.listenerArn] })),
        );
        actions = out.Listeners?.[0]?.DefaultActions ?? [];
      }
    } catch (err) {
      if (err instanceof Error && /^(ListenerNotFound|RuleNotFound)/.test(err.name)) {
        throw new ActionError(`${where} not found: ${err.message}`);
      }
      throw err;
    }
    const groups = forwardGroups(actions, where);
    return {
      actions,
      groups,
      version: weightsVersion(groups),
      split: splitFromWeights(groups, nameOfGroup, where),
    };
  }

  /** Reads again and refuses (ConcurrentWriteError, nothing written) when the weights changed. */
  async readUnchanged(
    expectedVersion: string,
    nameOfGroup: ReadonlyMap<string, string>,
    when: string,
  ): Promise<ForwardRead> {
    const forward = await this.read(nameOfGroup);
    if (forward.version !== expectedVersion) {
      throw new ConcurrentWriteError(
        `the weights changed since they were read (now ${formatSplit(forward.split)}) ${when}; another writer is active, so nothing was written`,
      );
    }
    return forward;
  }

  /** Writes the actions (ModifyRule or ModifyListener); no new attempt after a cancel. */
  async write(actions: Action[], signal: AbortSignal): Promise<void> {
    const { elb, sdk } = this.sdk();
    const location = this.location;
    if ('listenerRuleArn' in location) {
      await this.api.call(
        'ELBv2 ModifyRule',
        () => elb.send(new sdk.ModifyRuleCommand({ RuleArn: location.listenerRuleArn, Actions: actions })),
        signal,
      );
    } else {
      await this.api.call(
        'ELBv2 ModifyListener',
        () =>
          elb.send(
            new sdk.ModifyListenerCommand({ ListenerArn: location.listenerArn, DefaultActions: actions }),
          ),
        signal,
      );
    }
  }

  /** The target group must report a healthy target before it takes any traffic. */
  async waitForHealthyTargets(
    label: string,
    group: string,
    deadline: number,
    options: WaitOptions,
  ): Promise<void> {
    const { elb, sdk } = this.sdk();
    const healthy = await pollUntil(
      async () => {
        const out = await this.api.call('ELBv2 DescribeTargetHealth', () =>
          elb.send(new sdk.DescribeTargetHealthCommand({ TargetGroupArn: group })),
        );
        return (out.TargetHealthDescriptions ?? []).filter((t) => t.TargetHealth?.State === 'healthy').length;
      },
      (count) => (count > 0 ? count : undefined),
      () => new ActionError(`${label} has no healthy target in ${group}; it can't take traffic`),
      this.api.pollOptions(deadline, options),
    );
    this.api.deps.log(`${label}: ${healthy} healthy targets in ${group}`);
  }

  /** The load balancer a target group serves (its CloudWatch dimension comes from it). */
  async loadBalancerOf(targetGroupArn: string): Promise<string> {
    const { elb, sdk } = this.sdk();
    const out = await this.api.call('ELBv2 DescribeTargetGroups', () =>
      elb.send(new sdk.DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] })),
    );
    const arn = out.TargetGroups?.[0]?.LoadBalancerArns?.[0];
    if (arn === undefined) throw new ActionError(`target group ${targetGroupArn} serves no load balancer`);
    return arn;
  }
}
