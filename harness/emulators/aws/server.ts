/**
 * A local AWS for the ECS path: one HTTP port that answers ECS (AWS JSON 1.1) and ELBv2 (AWS Query)
 * as the official SDK clients call them, plus one port per listener that routes real requests
 * between the services' tasks by the listener's current weights. Other AWS APIs (CloudWatch's
 * GetMetricData, answered from the same TrafficLog) mount on the API port with `mount(handler)`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Timeline, toVirtual } from '../../../shared/clock';
import { type RequestSample, TrafficLog } from '../traffic-log';
import { Upstream, type UpstreamBehaviour } from '../upstream';
import { RandomWeightedPicker, seededRandom } from '../weighted-random';
import { AwsApiError, ECS_TARGET_PREFIX, handleEcs } from './ecs';
import { handleElbv2 } from './elbv2';
import {
  ACCOUNT_ID,
  AwsModel,
  type DeploymentControllerType,
  type DeploymentStrategy,
  dimensionOf,
  type Listener,
  type LoadBalancer,
  type RuleAction,
  type TaskDefinition,
} from './model';
import type { LambdaHookResult } from './native';
import { parseDeploymentConfiguration } from './native-config';
import { parseQuery, queryError, queryResponse } from './query';

export type ApiName = 'ecs' | 'elbv2';

/** A handler tried before the ECS/ELBv2 dispatch; returns true when it answered the request. */
export type MountedHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) => boolean | Promise<boolean>;

export interface ApiCall {
  api: ApiName;
  operation: string;
  status: number;
  at: number;
  /** The error code sent, for a failed call. */
  error?: string;
  /** The caller's user agent (x-amz-user-agent, else user-agent). */
  userAgent: string;
}

const WRITE_OPERATIONS = new Set([
  'CreateService',
  'UpdateService',
  'RegisterTaskDefinition',
  'ModifyListener',
  'ModifyRule',
  'ContinueServiceDeployment',
  'StopServiceDeployment',
]);

export type FaultKind = 'throttle' | 'server-error' | 'concurrent-revision';

interface FaultRule {
  kind: FaultKind;
  api?: ApiName;
  operation?: string;
  /** Calls left to fail; Infinity with `untilMs` for a storm of a given length. */
  remaining: number;
  untilMs: number;
}

interface AfterHook {
  operation: string;
  /** Matching calls to let through before this one fires. */
  skip: number;
  run(): void;
}

/** The resources of the seeded blue/green world, by role. */
export interface BlueGreenWorld {
  region: string;
  cluster: string;
  clusterArn: string;
  services: { blue: string; green: string };
  /** A service without a load balancer, for the task-definition rollback. */
  worker: string;
  family: string;
  taskDefinitions: { v1: string; v2: string; v3: string; worker1: string; worker2: string };
  loadBalancerArn: string;
  listenerArn: string;
  /** A rule on the listener (`/api/*`) with its own weighted forward. */
  ruleArn: string;
  targetGroups: { blue: string; green: string };
  /** CloudWatch dimension values (AWS/ApplicationELB): what TrafficLog samples carry as group / version. */
  dimensions: { loadBalancer: string; targetGroups: { blue: string; green: string } };
  /** A service whose deployments ECS drives itself (strategy CANARY at first), behind its own ALB. */
  native: NativeWorld;
}

/** The seeded native-strategy service and the load balancer resources its advancedConfiguration names. */
export interface NativeWorld {
  service: string;
  serviceArn: string;
  family: string;
  taskDefinitions: { v1: string; v2: string; v3: string };
  loadBalancerArn: string;
  /** The production listener and its rule (`/*`) that ECS writes the weights on. */
  productionListenerArn: string;
  productionRuleArn: string;
  /** The test listener and its rule (`/*`): green gets 100 % of it before production shifts. */
  testListenerArn: string;
  testRuleArn: string;
  /** `targetGroupArn` (blue at first) and `alternateTargetGroupArn` (green at first). */
  targetGroups: { blue: string; green: string };
  /** advancedConfiguration.roleArn, the role ECS uses to call ELBv2. */
  roleArn: string;
  /** Real HTTP through the production / test listener. */
  listenerUrl: string;
  testListenerUrl: string;
  dimensions: { loadBalancer: string; targetGroups: { blue: string; green: string } };
}

export interface AwsEmulatorOptions {
  port?: number;
  listenerPort?: number;
  region?: string;
  /** How long a deployment stays IN_PROGRESS (default 300 ms). */
  deploymentMs?: number;
  log?: TrafficLog;
  /** Desired count of the stable (blue) service. */
  desiredCount?: number;
  /** Seed of the listener's weighted random choice (default 1: the same sequence every run). */
  seed?: number;
  /**
   * The clock of ECS-native deployments (stages, bake times, hook timeouts): the accelerated
   * timeline the bundles run on, or a test's own `now()`. Default: the wall clock.
   */
  timeline?: Timeline;
  now?: () => number;
  /** How long a lifecycle stage without its own duration takes, ms on that clock (default deploymentMs / 10). */
  stageMs?: number;
}

export interface AwsFaults {
  /** The next `times` matching calls (or every matching call for `forMs`) answer throttling. */
  throttle(match?: FaultMatch): void;
  /** The next matching calls answer 503 (ELBv2 ServiceUnavailable) / 500 (ECS ServerException). */
  serverError(match?: FaultMatch): void;
  /** RegisterTaskDefinition answers "Too many concurrent attempts to create a new revision". */
  concurrentRevision(times?: number): void;
  /** The next deployment of this service fails its circuit breaker (and rolls back if enabled). */
  failNextDeployment(service: string, options?: { rollback?: boolean }): void;
  /** Deployments take this long from now on. */
  slowDeployments(ms: number): void;
  /**
   * What the AWS_LAMBDA hook with this function ARN answers when ECS invokes it (default
   * SUCCEEDED). No Lambda runs here: the invocations are recorded in `model.lambdaInvocations`.
   */
  lambdaHookAnswers(functionArn: string, result: LambdaHookResult): void;
  /** Who drives a service's deployments: its DeploymentController.type and DeploymentConfiguration.strategy. */
  deploymentsDrivenBy(
    service: string,
    options: { controller?: DeploymentControllerType; strategy?: DeploymentStrategy },
  ): void;
  /**
   * Another writer: after the `nth` (default 1st) answered call of `after`, the weights of
   * `target` (listener or rule ARN) change to `weights` (by service name or target group ARN).
   */
  concurrentWriter(options: {
    after: string;
    nth?: number;
    target: string;
    weights: Record<string, number>;
  }): void;
  clear(): void;
}

export interface FaultMatch {
  api?: ApiName;
  operation?: string;
  times?: number;
  forMs?: number;
}

export interface AwsEmulator {
  /** Give this to every AWS client as `endpoint`. */
  endpoint: string;
  /** The seeded listener, reachable over real HTTP. */
  listenerUrl: string;
  world: BlueGreenWorld;
  model: AwsModel;
  log: TrafficLog;
  faults: AwsFaults;
  /** Every API call answered, in order. */
  calls: ApiCall[];
  /** The answered calls that change state. */
  writes(): ApiCall[];
  /** How a service's tasks (by service name) or a task definition's tasks (family:revision or ARN) answer. */
  setTaskBehaviour(key: string, behaviour: Partial<UpstreamBehaviour>): void;
  /** The forward weights of a listener (default action) or rule, by service name (by target group name for a native service's two groups). */
  weights(target: string): Record<string, number>;
  setWeights(target: string, weights: Record<string, number>): void;
  mount(handler: MountedHandler): void;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** A path-pattern condition value (`*` any run of characters, `?` one) as a matcher. */
function globMatches(pattern: string, path: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(path);
}

function seed(
  model: AwsModel,
  desiredCount: number,
): Omit<BlueGreenWorld, 'listenerArn' | 'ruleArn' | 'dimensions' | 'native'> & {
  lbName: string;
} {
  const clusterArn = model.createCluster('shop');
  const container = (image: string) => [
    { name: 'app', image, essential: true, portMappings: [{ containerPort: 8080 }] },
  ];
  const v1 = model.registerTaskDefinition('shop', container('shop:v1'), { cpu: '256', memory: '512' });
  const v2 = model.registerTaskDefinition('shop', container('shop:v2'), { cpu: '256', memory: '512' });
  const v3 = model.registerTaskDefinition('shop', container('shop:v3'), { cpu: '256', memory: '512' });
  const worker1 = model.registerTaskDefinition('worker', container('worker:v1'));
  const worker2 = model.registerTaskDefinition('worker', container('worker:v2'));
  const lb = model.createLoadBalancer('shop');
  const blueGroup = model.createTargetGroup('shop-blue', lb.arn);
  const greenGroup = model.createTargetGroup('shop-green', lb.arn);
  model.createService('shop', {
    name: 'shop-blue',
    taskDefinition: v1.taskDefinitionArn,
    desiredCount,
    targetGroupArn: blueGroup.arn,
  });
  model.createService('shop', {
    name: 'shop-green',
    taskDefinition: v1.taskDefinitionArn,
    desiredCount: 0,
    targetGroupArn: greenGroup.arn,
  });
  model.createService('shop', {
    name: 'shop-worker',
    taskDefinition: worker1.taskDefinitionArn,
    desiredCount: 1,
  });
  return {
    region: model.region,
    cluster: 'shop',
    clusterArn,
    services: { blue: 'shop-blue', green: 'shop-green' },
    worker: 'shop-worker',
    family: 'shop',
    taskDefinitions: {
      v1: v1.taskDefinitionArn,
      v2: v2.taskDefinitionArn,
      v3: v3.taskDefinitionArn,
      worker1: worker1.taskDefinitionArn,
      worker2: worker2.taskDefinitionArn,
    },
    loadBalancerArn: lb.arn,
    targetGroups: { blue: blueGroup.arn, green: greenGroup.arn },
    lbName: lb.name,
  };
}

const forward = (blue: string, green: string): RuleAction[] => [
  {
    type: 'forward',
    targetGroups: [
      { targetGroupArn: blue, weight: 100 },
      { targetGroupArn: green, weight: 0 },
    ],
    stickiness: { enabled: false },
  },
];

/** A listener on its own loopback port (its Port is the port it got). */
async function listenerOn(model: AwsModel, lb: LoadBalancer, defaultActions: RuleAction[]) {
  const server = createServer();
  server.keepAliveTimeout = 1000;
  const port = await listen(server, 0);
  const listener = model.createListener(lb, port, defaultActions);
  return { server, listener, url: `http://127.0.0.1:${port}` };
}

/**
 * The native-strategy service `web` (task definitions web:1..3, serving web:1) behind the ALB
 * `web`: production and test listeners, each with a `/*` rule forwarding blue 100 / green 0, named
 * by the service's advancedConfiguration. Strategy CANARY (10 %, 1 minute canary bake, 1 minute
 * deployment bake) until an UpdateService changes it.
 */
async function seedNative(model: AwsModel, desiredCount: number) {
  const container = (image: string) => [
    { name: 'app', image, essential: true, portMappings: [{ containerPort: 8080 }] },
  ];
  const [v1, v2, v3] = ['web:v1', 'web:v2', 'web:v3'].map((image) =>
    model.registerTaskDefinition('web', container(image), { cpu: '256', memory: '512' }),
  ) as [TaskDefinition, TaskDefinition, TaskDefinition];
  const lb = model.createLoadBalancer('web');
  const blue = model.createTargetGroup('web-blue', lb.arn);
  const green = model.createTargetGroup('web-green', lb.arn);
  const production = await listenerOn(model, lb, forward(blue.arn, green.arn));
  const test = await listenerOn(model, lb, forward(blue.arn, green.arn));
  const productionRule = model.createRule(production.listener, '1', ['/*'], forward(blue.arn, green.arn));
  const testRule = model.createRule(test.listener, '1', ['/*'], forward(blue.arn, green.arn));
  const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/ecsInfrastructureRoleForLoadBalancers`;
  const service = model.createService('shop', {
    name: 'web',
    taskDefinition: v1.taskDefinitionArn,
    desiredCount,
  });
  model.makeNative(
    service,
    parseDeploymentConfiguration(
      {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 },
        bakeTimeInMinutes: 1,
      },
      undefined,
    ),
    [
      {
        targetGroupArn: blue.arn,
        containerName: 'app',
        containerPort: 8080,
        advancedConfiguration: {
          alternateTargetGroupArn: green.arn,
          productionListenerRule: productionRule.arn,
          testListenerRule: testRule.arn,
          roleArn,
        },
      },
    ],
  );
  const world: NativeWorld = {
    service: service.serviceName,
    serviceArn: service.serviceArn,
    family: 'web',
    taskDefinitions: { v1: v1.taskDefinitionArn, v2: v2.taskDefinitionArn, v3: v3.taskDefinitionArn },
    loadBalancerArn: lb.arn,
    productionListenerArn: production.listener.arn,
    productionRuleArn: productionRule.arn,
    testListenerArn: test.listener.arn,
    testRuleArn: testRule.arn,
    targetGroups: { blue: blue.arn, green: green.arn },
    roleArn,
    listenerUrl: production.url,
    testListenerUrl: test.url,
    dimensions: {
      loadBalancer: dimensionOf(lb.arn),
      targetGroups: { blue: dimensionOf(blue.arn), green: dimensionOf(green.arn) },
    },
  };
  return { world, production, test };
}

export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const timeline = options.timeline;
  const model = new AwsModel({
    region: options.region ?? 'us-east-1',
    deploymentMs: options.deploymentMs ?? 300,
    now: options.now ?? (timeline ? () => toVirtual(timeline, Date.now()) : Date.now),
    ...(options.stageMs === undefined ? {} : { stageMs: options.stageMs }),
  });
  const log = options.log ?? new TrafficLog();
  const calls: ApiCall[] = [];
  const mounted: MountedHandler[] = [];
  let faultRules: FaultRule[] = [];
  let afterHooks: AfterHook[] = [];

  const seeded = seed(model, options.desiredCount ?? 2);

  // ---- the API port ---------------------------------------------------------------------------
  const takeFault = (api: ApiName, operation: string): FaultRule | undefined => {
    const now = Date.now();
    faultRules = faultRules.filter((r) => r.remaining > 0 && now < r.untilMs);
    const rule = faultRules.find(
      (r) =>
        (r.api === undefined || r.api === api) &&
        (r.operation === undefined || r.operation === operation) &&
        (r.kind !== 'concurrent-revision' || operation === 'RegisterTaskDefinition'),
    );
    if (rule) rule.remaining--;
    return rule;
  };

  const faultError = (api: ApiName, kind: FaultKind): AwsApiError => {
    if (kind === 'throttle') {
      return api === 'ecs'
        ? new AwsApiError('ThrottlingException', 'Rate exceeded')
        : new AwsApiError('Throttling', 'Rate exceeded');
    }
    if (kind === 'concurrent-revision') {
      return new AwsApiError(
        'ClientException',
        'Too many concurrent attempts to create a new revision of the specified family.',
      );
    }
    return api === 'ecs'
      ? new AwsApiError('ServerException', 'Service unavailable. Try again later.', 500)
      : new AwsApiError('ServiceUnavailable', 'Service is unavailable, please try again later.', 503);
  };

  const runAfterHooks = (operation: string) => {
    for (const hook of afterHooks.filter((h) => h.operation === operation)) {
      if (hook.skip-- > 0) continue;
      afterHooks = afterHooks.filter((h) => h !== hook);
      hook.run();
    }
  };

  const answer = (
    api: ApiName,
    operation: string,
    req: IncomingMessage,
    res: ServerResponse,
    run: () => unknown,
  ) => {
    const requestId = randomUUID();
    const userAgent = [req.headers['user-agent'], req.headers['x-amz-user-agent']].filter(Boolean).join(' ');
    const fault = takeFault(api, operation);
    try {
      if (fault) throw faultError(api, fault.kind);
      const result = run();
      res.statusCode = 200;
      res.setHeader('x-amzn-requestid', requestId);
      if (api === 'ecs') {
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify(result));
      } else {
        res.setHeader('content-type', 'text/xml');
        res.end(queryResponse(operation, result, requestId));
      }
      calls.push({ api, operation, status: 200, at: Date.now(), userAgent });
      runAfterHooks(operation);
    } catch (err) {
      const error = err instanceof AwsApiError ? err : new AwsApiError('InternalFailure', String(err), 500);
      res.statusCode = error.status;
      res.setHeader('x-amzn-requestid', requestId);
      if (api === 'ecs') {
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.setHeader('x-amzn-errortype', error.code);
        res.end(JSON.stringify({ __type: error.code, message: error.message }));
      } else {
        res.setHeader('content-type', 'text/xml');
        res.end(queryError(error.type, error.code, error.message, requestId));
      }
      calls.push({ api, operation, status: error.status, at: Date.now(), error: error.code, userAgent });
    }
  };

  const api = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      for (const handler of mounted) {
        if (await handler(req, res, body)) return;
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method === 'POST' && target.startsWith(ECS_TARGET_PREFIX)) {
        const operation = target.slice(ECS_TARGET_PREFIX.length);
        return answer('ecs', operation, req, res, () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(body || '{}');
          } catch {
            throw new AwsApiError('SerializationException', 'Malformed JSON');
          }
          return handleEcs(model, operation, parsed as Record<string, unknown>);
        });
      }
      const params = parseQuery(body);
      if (req.method === 'POST' && typeof params.Action === 'string') {
        const operation = params.Action;
        if (params.Version !== '2015-12-01') {
          return answer('elbv2', operation, req, res, () => {
            throw new AwsApiError('InvalidAction', `Unsupported Version ${String(params.Version)}`);
          });
        }
        return answer('elbv2', operation, req, res, () => handleElbv2(model, operation, params));
      }
      res.statusCode = 404;
      res.end('not an AWS API request this emulator knows');
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  api.keepAliveTimeout = 1000;
  const apiPort = await listen(api, options.port ?? 0);

  // ---- the listener port: real traffic split by the current weights ----------------------------
  const listenerServer = createServer();
  listenerServer.keepAliveTimeout = 1000;
  const listenerPort = await listen(listenerServer, options.listenerPort ?? 0);
  const lb = model.loadBalancers.get(seeded.loadBalancerArn);
  if (!lb) throw new Error('seed: load balancer missing');
  const listener: Listener = model.createListener(
    lb,
    listenerPort,
    forward(seeded.targetGroups.blue, seeded.targetGroups.green),
  );
  const rule = model.createRule(
    listener,
    '10',
    ['/api/*'],
    forward(seeded.targetGroups.blue, seeded.targetGroups.green),
  );
  const native = await seedNative(model, options.desiredCount ?? 2);
  const world: BlueGreenWorld = {
    ...seeded,
    native: native.world,
    listenerArn: listener.arn,
    ruleArn: rule.arn,
    dimensions: {
      loadBalancer: dimensionOf(seeded.loadBalancerArn),
      targetGroups: {
        blue: dimensionOf(seeded.targetGroups.blue),
        green: dimensionOf(seeded.targetGroups.green),
      },
    },
  };
  delete (world as Partial<typeof seeded>).lbName;

  // Each request is sent to a target group chosen at random by weight, as an ALB does.
  const picker = new RandomWeightedPicker(seededRandom(options.seed ?? 1));
  const upstreams = new Map<string, Upstream>();
  const behaviours = new Map<string, Partial<UpstreamBehaviour>>();

  /** Routes one request arriving at `listener` the way an ALB does. */
  const route = (listener: Listener) => (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const path = new URL(req.url ?? '/', 'http://listener').pathname;
    const matched = [...model.rules.values()]
      .filter((r) => r.listenerArn === listener.arn && r.pathPatterns.some((p) => globMatches(p, path)))
      .sort((a, b) => Number(a.priority) - Number(b.priority))[0];
    const actions = matched?.actions ?? listener.defaultActions;
    const action = actions.find((a) => a.type === 'forward');
    const groupArn = picker.pick(
      (action?.targetGroups ?? []).map((g) => ({ key: g.targetGroupArn, percent: g.weight })),
    );
    const serving = groupArn === undefined ? undefined : model.servingOf(groupArn);
    const service = serving?.service;
    const taskDefinitionArn = serving?.taskDefinitionArn;
    const record = (status: number, byLoadBalancer: Partial<RequestSample> = {}) =>
      log.record({
        at: Date.now(),
        group: dimensionOf(listener.loadBalancerArn),
        version: groupArn === undefined ? 'none' : dimensionOf(groupArn),
        status,
        latencyMs: performance.now() - started,
        ...byLoadBalancer,
      });
    if (!service || taskDefinitionArn === undefined) {
      // What an ALB answers when the chosen target group has no target: its own 503 (ELB metrics).
      res.statusCode = 503;
      res.end('503 Service Temporarily Unavailable');
      record(503, { answeredBy: 'load-balancer', noTarget: true });
      return;
    }
    const key = `${service.serviceName}|${taskDefinitionArn}`;
    const taskDefinition = model.findTaskDefinition(taskDefinitionArn);
    const version = taskDefinition
      ? `${taskDefinition.family}:${taskDefinition.revision}`
      : taskDefinitionArn;
    const upstream = upstreams.get(key) ?? new Upstream({ version });
    upstreams.set(key, upstream);
    upstream.set({
      version,
      errorRate: 0,
      latencyMs: 0,
      ...behaviours.get(taskDefinitionArn),
      ...behaviours.get(service.serviceName),
    });
    // A target that fails mid-request leaves the ALB to answer 502 itself.
    void upstream.handle(req, res).then(
      (status) => record(status),
      () => record(502, { answeredBy: 'load-balancer' }),
    );
  };
  listenerServer.on('request', route(listener));
  native.production.server.on('request', route(native.production.listener));
  native.test.server.on('request', route(native.test.listener));

  /** A target group's key in weights(): its service's name, or its own name when one service has two. */
  const serviceKey = (nameOrArn: string): string => {
    const group = model.targetGroups.get(nameOrArn);
    if (!group) return nameOrArn;
    const service = model.serviceOfTargetGroup(group.arn);
    if (service?.native) return group.name;
    return service?.serviceName ?? nameOrArn;
  };

  const forwardOf = (target: string): RuleAction => {
    const actions = model.listeners.get(target)?.defaultActions ?? model.rules.get(target)?.actions;
    const action = actions?.find((a) => a.type === 'forward');
    if (!action) throw new Error(`no forward action on ${target}`);
    return action;
  };

  const weights = (target: string): Record<string, number> =>
    Object.fromEntries(
      (forwardOf(target).targetGroups ?? []).map((g) => [serviceKey(g.targetGroupArn), g.weight]),
    );

  const setWeights = (target: string, next: Record<string, number>) => {
    const action = forwardOf(target);
    action.targetGroups = (action.targetGroups ?? []).map((g) => ({
      ...g,
      weight: next[serviceKey(g.targetGroupArn)] ?? next[g.targetGroupArn] ?? g.weight,
    }));
  };

  const addFault = (kind: FaultKind, match: FaultMatch = {}) => {
    faultRules.push({
      kind,
      ...(match.api ? { api: match.api } : {}),
      ...(match.operation ? { operation: match.operation } : {}),
      remaining: match.forMs !== undefined ? Number.POSITIVE_INFINITY : (match.times ?? 1),
      untilMs: match.forMs !== undefined ? Date.now() + match.forMs : Number.POSITIVE_INFINITY,
    });
  };

  const faults: AwsFaults = {
    throttle: (match) => addFault('throttle', match),
    serverError: (match) => addFault('server-error', match),
    concurrentRevision: (times = 1) => addFault('concurrent-revision', { times }),
    failNextDeployment(service, opts = {}) {
      const found = model.allServices().find((s) => s.serviceName === service);
      if (!found) throw new Error(`unknown service ${service}`);
      found.circuitBreakerRollback = opts.rollback ?? true;
      model.failNextDeployment.add(service);
    },
    slowDeployments(ms) {
      model.deploymentMs = ms;
    },
    lambdaHookAnswers(functionArn, result) {
      model.lambdaResults.set(functionArn, result);
    },
    deploymentsDrivenBy(service, { controller, strategy }) {
      const found = model.allServices().find((s) => s.serviceName === service);
      if (!found) throw new Error(`unknown service ${service}`);
      if (controller) found.deploymentController = controller;
      if (strategy) found.strategy = strategy;
    },
    concurrentWriter({ after, nth = 1, target, weights: next }) {
      afterHooks.push({ operation: after, skip: nth - 1, run: () => setWeights(target, next) });
    },
    clear() {
      faultRules = [];
      afterHooks = [];
      model.failNextDeployment.clear();
      model.lambdaResults.clear();
    },
  };

  return {
    endpoint: `http://127.0.0.1:${apiPort}`,
    listenerUrl: `http://127.0.0.1:${listenerPort}`,
    world,
    model,
    log,
    faults,
    calls,
    writes: () => calls.filter((c) => c.status === 200 && WRITE_OPERATIONS.has(c.operation)),
    setTaskBehaviour(key, behaviour) {
      const service = model.allServices().find((s) => s.serviceName === key);
      const resolved = service ? key : model.findTaskDefinition(key)?.taskDefinitionArn;
      if (resolved === undefined) throw new Error(`no service or task definition ${key}`);
      behaviours.set(resolved, { ...behaviours.get(resolved), ...behaviour });
    },
    weights,
    setWeights,
    mount: (handler) => mounted.push(handler),
    stop: async () => {
      await Promise.all([
        close(api),
        close(listenerServer),
        close(native.production.server),
        close(native.test.server),
      ]);
    },
  };
}
