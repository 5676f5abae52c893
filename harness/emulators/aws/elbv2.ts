/**
 * Elastic Load Balancing v2 on its wire protocol, AWS Query (form-encoded requests, XML
 * responses): the listener, rule and target group operations a weighted blue/green shift uses,
 * with the error codes of the API reference (ListenerNotFound, RuleNotFound, TargetGroupNotFound,
 * ValidationError).
 */
import { AwsApiError } from './errors';
import type { AwsModel, Listener, ListenerRule, RuleAction, WeightedTarget } from './model';
import type { QueryValue } from './query';

type Params = Record<string, QueryValue>;

function list(params: Params, name: string): QueryValue[] {
  const value = params[name];
  return Array.isArray(value) ? value : [];
}

function text(value: QueryValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function obj(value: QueryValue | undefined): Params {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** ELBv2 shape of a rule action. */
function actionXml(action: RuleAction): Record<string, unknown> {
  if (action.type !== 'forward') return { Type: action.type, Order: action.order, ...action.other };
  const groups = action.targetGroups ?? [];
  return {
    Type: 'forward',
    Order: action.order,
    // ELBv2 repeats the target group at the top level when a forward has only one.
    TargetGroupArn: groups.length === 1 ? groups[0]?.targetGroupArn : undefined,
    ForwardConfig: {
      TargetGroups: groups.map((g) => ({ TargetGroupArn: g.targetGroupArn, Weight: g.weight })),
      TargetGroupStickinessConfig: {
        Enabled: action.stickiness?.enabled ?? false,
        DurationSeconds: action.stickiness?.durationSeconds,
      },
    },
  };
}

function parseActions(model: AwsModel, raw: QueryValue[], field: string): RuleAction[] {
  if (raw.length === 0) throw new AwsApiError('ValidationError', `${field} must contain at least one action`);
  return raw.map((item) => {
    const a = obj(item);
    const type = text(a.Type);
    if (!type) throw new AwsApiError('ValidationError', `${field}: an action must have a Type`);
    const order = text(a.Order) === undefined ? undefined : Number(text(a.Order));
    if (type !== 'forward') {
      const { Type: _t, Order: _o, ...other } = a;
      return { type, ...(order === undefined ? {} : { order }), other };
    }
    const forward = obj(a.ForwardConfig);
    let targetGroups: WeightedTarget[] = list(forward, 'TargetGroups').map((g) => {
      const group = obj(g);
      const weightText = text(group.Weight);
      const weight = weightText === undefined ? 1 : Number(weightText);
      if (!Number.isInteger(weight) || weight < 0 || weight > 999) {
        throw new AwsApiError('ValidationError', `Target group weight must be between 0 and 999`);
      }
      return { targetGroupArn: text(group.TargetGroupArn) ?? '', weight };
    });
    const single = text(a.TargetGroupArn);
    if (targetGroups.length === 0 && single) targetGroups = [{ targetGroupArn: single, weight: 1 }];
    if (targetGroups.length === 0) {
      throw new AwsApiError('ValidationError', 'A forward action must have at least one target group');
    }
    if (targetGroups.length > 5)
      throw new AwsApiError('ValidationError', 'At most 5 target groups per action');
    if (new Set(targetGroups.map((g) => g.targetGroupArn)).size !== targetGroups.length) {
      throw new AwsApiError('ValidationError', 'A target group may appear only once in a forward action');
    }
    for (const g of targetGroups) {
      if (!model.targetGroups.has(g.targetGroupArn)) {
        throw new AwsApiError('TargetGroupNotFound', `Target group '${g.targetGroupArn}' not found`);
      }
    }
    const stickiness = obj(forward.TargetGroupStickinessConfig);
    const duration = text(stickiness.DurationSeconds);
    return {
      type,
      ...(order === undefined ? {} : { order }),
      targetGroups,
      stickiness: {
        enabled: text(stickiness.Enabled) === 'true',
        ...(duration === undefined ? {} : { durationSeconds: Number(duration) }),
      },
    };
  });
}

function listenerXml(l: Listener): Record<string, unknown> {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    DefaultActions: l.defaultActions.map(actionXml),
  };
}

function ruleXml(r: ListenerRule): Record<string, unknown> {
  return {
    RuleArn: r.arn,
    Priority: r.priority,
    Conditions: r.pathPatterns.length
      ? [{ Field: 'path-pattern', Values: r.pathPatterns, PathPatternConfig: { Values: r.pathPatterns } }]
      : [],
    Actions: r.actions.map(actionXml),
    IsDefault: false,
  };
}

function defaultRuleXml(l: Listener): Record<string, unknown> {
  return {
    RuleArn: `${l.arn.replace(':listener/', ':listener-rule/')}/default`,
    Priority: 'default',
    Conditions: [],
    Actions: l.defaultActions.map(actionXml),
    IsDefault: true,
  };
}

function findListener(model: AwsModel, arn: string | undefined): Listener {
  const listener = arn === undefined ? undefined : model.listeners.get(arn);
  if (!listener) throw new AwsApiError('ListenerNotFound', 'One or more listeners not found');
  return listener;
}

function findRule(model: AwsModel, arn: string | undefined): ListenerRule {
  const rule = arn === undefined ? undefined : model.rules.get(arn);
  if (!rule) throw new AwsApiError('RuleNotFound', 'One or more rules not found');
  return rule;
}

/** Handles one ELBv2 operation; returns the `<Op>Result` content or throws an AwsApiError. */
export function handleElbv2(model: AwsModel, operation: string, params: Params): Record<string, unknown> {
  switch (operation) {
    case 'DescribeListeners': {
      const arns = list(params, 'ListenerArns').map(String);
      const lbArn = text(params.LoadBalancerArn);
      if (arns.length > 0) return { Listeners: arns.map((arn) => listenerXml(findListener(model, arn))) };
      if (lbArn) {
        if (!model.loadBalancers.has(lbArn))
          throw new AwsApiError('LoadBalancerNotFound', 'Load balancer not found');
        return {
          Listeners: [...model.listeners.values()]
            .filter((l) => l.loadBalancerArn === lbArn)
            .map(listenerXml),
        };
      }
      throw new AwsApiError('ValidationError', 'Either LoadBalancerArn or ListenerArns must be specified');
    }
    case 'DescribeRules': {
      const arns = list(params, 'RuleArns').map(String);
      if (arns.length > 0) return { Rules: arns.map((arn) => ruleXml(findRule(model, arn))) };
      const listener = findListener(model, text(params.ListenerArn));
      const rules = [...model.rules.values()].filter((r) => r.listenerArn === listener.arn).map(ruleXml);
      return { Rules: [...rules, defaultRuleXml(listener)] };
    }
    case 'ModifyListener': {
      const listener = findListener(model, text(params.ListenerArn));
      const actions = list(params, 'DefaultActions');
      if (actions.length > 0) listener.defaultActions = parseActions(model, actions, 'DefaultActions');
      return { Listeners: [listenerXml(listener)] };
    }
    case 'ModifyRule': {
      const rule = findRule(model, text(params.RuleArn));
      const actions = list(params, 'Actions');
      if (actions.length > 0) rule.actions = parseActions(model, actions, 'Actions');
      return { Rules: [ruleXml(rule)] };
    }
    case 'DescribeTargetGroups': {
      const arns = list(params, 'TargetGroupArns').map(String);
      const names = list(params, 'Names').map(String);
      const lbArn = text(params.LoadBalancerArn);
      const all = [...model.targetGroups.values()];
      let groups = all;
      if (arns.length > 0) groups = arns.map((arn) => all.find((g) => g.arn === arn) ?? notFound());
      else if (names.length > 0) groups = names.map((name) => all.find((g) => g.name === name) ?? notFound());
      else if (lbArn) groups = all.filter((g) => g.loadBalancerArn === lbArn);
      return {
        TargetGroups: groups.map((g) => ({
          TargetGroupArn: g.arn,
          TargetGroupName: g.name,
          Protocol: 'HTTP',
          Port: g.port,
          VpcId: 'vpc-0a1b2c3d',
          TargetType: 'ip',
          HealthCheckPath: '/healthz',
          LoadBalancerArns: [g.loadBalancerArn],
        })),
      };
    }
    case 'DescribeTargetHealth': {
      const arn = text(obj(params).TargetGroupArn);
      const group = arn === undefined ? undefined : model.targetGroups.get(arn);
      if (!group) return notFound();
      const service = model.serviceOfTargetGroup(group.arn);
      // A native service registers each revision with its own target group.
      const running = !service
        ? 0
        : service.native
          ? (model.servingOf(group.arn)?.running ?? 0)
          : model.runningCount(service);
      return {
        TargetHealthDescriptions: Array.from({ length: running }, (_, i) => ({
          Target: { Id: `10.0.${1 + (group.name.length % 200)}.${10 + i}`, Port: group.port },
          HealthCheckPort: String(group.port),
          TargetHealth: { State: 'healthy' },
        })),
      };
    }
    default:
      throw new AwsApiError('InvalidAction', `The emulator does not implement ${operation}.`);
  }
}

function notFound(): never {
  throw new AwsApiError('TargetGroupNotFound', 'One or more target groups not found');
}
