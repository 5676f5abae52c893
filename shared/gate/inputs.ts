/**
 * The gate's inputs, parsed in one place for error-rate-gate and rollout: the same names, defaults,
 * checks and messages. error-rate-gate names its arms in inputs; rollout learns them at each step
 * from the shift, so for rollout only where to read (project and service, load balancer and target
 * groups, Prometheus) is parsed here.
 */
import {
  ALB,
  AWS_REGION,
  CLOUD_RUN_SERVICE,
  checkIdentity,
  ECS_CLUSTER,
  ECS_SERVICE,
  GCP_PROJECT,
  GCP_REGION,
  TARGET_GROUP,
} from '../cloud-identities';
import type { Core } from '../core';
import { ActionError, InputError } from '../errors';
import { type InputReader, inputReader } from '../inputs';
import { maskSecret } from '../mask';
import { loadBalancerDimension, targetGroupDimension } from '../metrics/cloudwatch';
import { DEFAULT_ERRORS_QUERY, DEFAULT_REQUESTS_QUERY, unknownPlaceholders } from '../metrics/prometheus';
import type { MetricsSettings } from '../metrics/settings';
import type { MetricsSourceName } from '../metrics/types';
import type { EcsTarget, TrafficTarget } from '../traffic/types';
import { userAgent } from '../user-agent';
import { baselineFrom, cloudRunResourceFrom } from './arms';
import { GATE_DEFAULTS, maxBakeMinutes } from './config';

/** error-rate-gate's input names (its action.yml declares them; rollout renames two, see GateForm). */
export const GATE_INPUTS = {
  provider: 'provider',
  source: 'source',
  candidate: 'candidate',
  baseline: 'baseline',
  rollbackTarget: 'rollback-target',
  project: 'project',
  region: 'region',
  service: 'service',
  loadBalancer: 'load-balancer',
  candidateTargetGroup: 'candidate-target-group',
  baselineTargetGroup: 'baseline-target-group',
  prometheusUrl: 'prometheus-url',
  prometheusHeaders: 'prometheus-headers',
  requestsQuery: 'requests-query',
  errorsQuery: 'errors-query',
  latencyQuery: 'latency-query',
  startTime: 'start-time',
  duration: 'duration',
  maxDuration: 'max-duration',
  detectableRatio: 'detectable-ratio',
  interval: 'interval',
  metricsDelay: 'metrics-delay',
  maxErrorRate: 'max-error-rate',
  maxIncrease: 'max-increase',
  minRequests: 'min-requests',
  falseAlarmRate: 'false-alarm-rate',
  maxP95LatencyMs: 'max-p95-latency-ms',
  maxLatencyIncrease: 'max-latency-increase',
  mode: 'mode',
  /** error-rate-gate on an ECS-native service (source cloudwatch): its cluster and one service. */
  cluster: 'cluster',
  services: 'services',
  /** rollout: the two target groups in the order of `services`. */
  targetGroups: 'target-groups',
} as const;
const INPUTS = GATE_INPUTS;

export const SOURCES: readonly MetricsSourceName[] = ['cloud-monitoring', 'cloudwatch', 'prometheus'];
export const MODES = ['enforce', 'dry-run'] as const;

/** How long each source takes to show a finished interval (its documented publishing delay). */
export const DEFAULT_METRICS_DELAY: Record<MetricsSourceName, string> = {
  // Cloud Run metrics: "sampled every 60 seconds… not visible for up to 180 seconds".
  'cloud-monitoring': '180s',
  // ALB metrics are published each minute, usually within two.
  cloudwatch: '120s',
  // Two scrape intervals of a typical 15 s scrape.
  prometheus: '30s',
};

export interface GateSettings {
  metrics: MetricsSettings;
  /**
   * ECS-native: the service whose deployment's target groups are the candidate (green) and the
   * baseline (blue); the metrics' arms and load balancer are read from it before any metric call.
   */
  ecsNative?: EcsTarget;
  /** When traffic moved (epoch ms); data before it never counts. Undefined: the step's start. */
  startTime?: number;
  durationMs: number;
  /** The bake may extend to this long while the data is short of power. */
  maxDurationMs: number;
  /** A pass needs data that would have caught a regression of this ratio (candidate ÷ baseline). */
  detectableRatio: number;
  intervalMs: number;
  metricsDelayMs: number;
  /** Absolute ceiling on the candidate's error rate (fraction). */
  maxErrorRate: number;
  /** Tolerated relative increase over the baseline (0.2 = 20 % more errors). */
  maxIncrease: number;
  minRequests: number;
  falseAlarmRate: number;
  maxP95LatencyMs?: number;
  maxLatencyIncrease?: number;
  mode: (typeof MODES)[number];
  /** Every secret value, for redacting text the runner's masking does not reach. */
  secrets: string[];
  /**
   * rollout on ECS with CloudWatch: the TargetGroup dimension of each service, in the order of
   * `services` (which is candidate and which baseline is known at each step).
   */
  targetGroups?: [string, string];
}

/**
 * How an action takes the gate's inputs. error-rate-gate: its own names, arms from inputs.
 * rollout: `bake-time` and `gate-mode` for duration and mode, and the arms decided at each step
 * (placeholders until then) on the service of `target`.
 */
export interface GateForm {
  /** The action, for the user agent of the metrics clients. */
  action: string;
  names?: { duration?: string; mode?: string };
  arms: 'inputs' | { target: TrafficTarget };
}

/** Stands for a target group or load balancer the gate reads from the ECS service before any metric call. */
export const FROM_ECS_SERVICE = '(from the ECS service)';

const REVISION = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
/** What an arm is called before a step names it (rollout). */
export const ARM_DECIDED_PER_STEP = '';

/**
 * A rate as a fraction: "5%" or "0.05". A bare number above `maxBare` is refused, because "5"
 * would otherwise silently mean 500 %.
 */
export function parseRate(name: string, raw: string, options: { max: number; example: string }): number {
  const percent = raw.match(/^(\d+(?:\.\d+)?)\s*%$/);
  const value = percent ? Number(percent[1]) / 100 : /^\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw new InputError(name, `"${raw}" is not a rate`, options.example);
  if (!percent && value > 1) {
    throw new InputError(
      name,
      `"${raw}" is ambiguous: write a percentage (${raw}%) or a fraction`,
      options.example,
    );
  }
  if (value > options.max)
    throw new InputError(name, `${raw} is above the maximum ${options.max * 100}%`, options.example);
  return value;
}

/** An instant as ISO 8601 or epoch seconds (or milliseconds), in epoch ms. */
export function parseInstant(name: string, raw: string): number {
  if (/^\d{10}(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  if (/^\d{13}$/.test(raw)) return Number(raw);
  const ms = /^\d{4}-\d\d-\d\dT/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new InputError(name, `"${raw}" is not an ISO 8601 time or epoch seconds`, '2026-11-22T18:00:00Z');
  return ms;
}

function rate(read: InputReader, name: string, fallback: string, max: number, example: string): number {
  return parseRate(name, read.optional(name) ?? fallback, { max, example });
}

export function readGateSettings(core: Core, env: NodeJS.ProcessEnv, form: GateForm): GateSettings {
  const read = inputReader(core);
  const names = { duration: form.names?.duration ?? INPUTS.duration, mode: form.names?.mode ?? INPUTS.mode };
  const rawHeaders = read.secret(INPUTS.prometheusHeaders);
  const headers = parseHeaderLines(rawHeaders);
  const secrets = Object.values(headers).filter((v) => v.length > 0);
  for (const value of secrets) maskSecret(core, value);

  const provider =
    form.arms === 'inputs'
      ? read.optionalChoice(INPUTS.provider, ['cloud-run', 'ecs'] as const)
      : form.arms.target.provider;
  const source =
    read.optionalChoice(INPUTS.source, SOURCES) ??
    (provider === 'cloud-run'
      ? 'cloud-monitoring'
      : provider === 'ecs'
        ? 'cloudwatch'
        : read.optional(INPUTS.prometheusUrl)
          ? 'prometheus'
          : undefined);
  if (source === undefined) {
    throw new InputError(
      INPUTS.source,
      `is required when "${INPUTS.provider}" is not given`,
      SOURCES.join(' | '),
    );
  }

  const intervalMs = read.durationMs(INPUTS.interval, '1m');
  if (intervalMs < 1000 || intervalMs % 1000 !== 0) {
    throw new InputError(INPUTS.interval, 'must be a whole number of seconds, at least 1s', '1m');
  }
  checkIntervalForSource(source, intervalMs);
  const durationMs = read.durationMs(names.duration, '10m');
  if (durationMs < intervalMs) {
    throw new InputError(names.duration, `must be at least one interval (${intervalMs / 1000}s)`, '10m');
  }
  if (durationMs / intervalMs > 10_000) {
    throw new InputError(names.duration, 'spans more than 10000 intervals', '30m with interval 1m');
  }
  const bake = readBake(read, durationMs, intervalMs, names.duration);
  const maxP95LatencyMs = read.optionalNumber(INPUTS.maxP95LatencyMs, { min: 1, example: '800' });
  const rawLatencyIncrease = read.optional(INPUTS.maxLatencyIncrease);
  const maxLatencyIncrease =
    rawLatencyIncrease === undefined
      ? undefined
      : parseRate(INPUTS.maxLatencyIncrease, rawLatencyIncrease, { max: 100, example: '20%' });
  const latency = maxP95LatencyMs !== undefined || maxLatencyIncrease !== undefined;
  const common = {
    latency,
    slowThresholdsMs: [],
    userAgent: userAgent(form.action, env),
    requestTimeoutMs: Math.min(30_000, Math.max(2_000, intervalMs)),
  };

  const targetSettings =
    form.arms === 'inputs'
      ? undefined
      : readTargetSourceSettings(read, source, common, headers, env, form.arms.target);
  const { metrics, targetGroups } = targetSettings ?? {
    metrics: readSourceSettings(read, source, common, headers, env),
    targetGroups: undefined,
  };
  const ecsNative =
    form.arms === 'inputs'
      ? source === 'cloudwatch'
        ? readEcsNativeService(read)
        : undefined
      : targetSettings?.ecsNative;
  const rawStart = form.arms === 'inputs' ? read.optional(INPUTS.startTime) : undefined;
  // The one duration reader: malformed or unbounded values are input errors naming metrics-delay.
  const metricsDelayMs = read.durationMs(INPUTS.metricsDelay, DEFAULT_METRICS_DELAY[source]);
  return {
    metrics,
    ...(ecsNative === undefined ? {} : { ecsNative }),
    ...(rawStart === undefined ? {} : { startTime: parseInstant(INPUTS.startTime, rawStart) }),
    durationMs,
    ...bake,
    intervalMs,
    metricsDelayMs,
    maxErrorRate: rate(read, INPUTS.maxErrorRate, `${GATE_DEFAULTS.maxErrorRate * 100}%`, 1, '5%'),
    maxIncrease: rate(read, INPUTS.maxIncrease, `${GATE_DEFAULTS.maxIncrease * 100}%`, 100, '20%'),
    minRequests: read.integer(INPUTS.minRequests, {
      default: GATE_DEFAULTS.minRequests,
      min: 1,
      example: '100',
    }),
    falseAlarmRate: read.number(INPUTS.falseAlarmRate, {
      default: GATE_DEFAULTS.falseAlarmRate,
      min: 0.0001,
      max: 0.2,
      example: '0.01',
    }),
    ...(maxP95LatencyMs === undefined ? {} : { maxP95LatencyMs }),
    ...(maxLatencyIncrease === undefined ? {} : { maxLatencyIncrease }),
    mode: read.choice(names.mode, MODES, 'enforce'),
    secrets,
    ...(targetGroups === undefined ? {} : { targetGroups }),
  };
}

/**
 * The periods each source's API accepts for the metrics the gate reads: Cloud Monitoring aligns to
 * at least 60 s (common.proto, Aggregation.alignment_period: "The value must be at least 60
 * seconds"); ALB metrics have regular (60 s) resolution, for which a CloudWatch period "must be a
 * multiple of 60" (MetricStat.Period). A shorter interval would only ever yield empty answers.
 */
export function checkIntervalForSource(source: MetricsSourceName, intervalMs: number): void {
  const seconds = intervalMs / 1000;
  if (source === 'cloud-monitoring' && seconds < 60) {
    throw new InputError(
      INPUTS.interval,
      `${seconds}s is shorter than the 60s alignment period Cloud Monitoring requires`,
      '1m',
    );
  }
  if (source === 'cloudwatch' && seconds % 60 !== 0) {
    throw new InputError(
      INPUTS.interval,
      `${seconds}s is not a multiple of the 60s period of ALB metrics in CloudWatch`,
      '1m',
    );
  }
}

/** max-duration and detectable-ratio: how long the bake may extend, and what a pass must be able to see. */
function readBake(
  read: InputReader,
  durationMs: number,
  intervalMs: number,
  durationInput: string,
): Pick<GateSettings, 'maxDurationMs' | 'detectableRatio'> {
  const fallback = `${Math.round(maxBakeMinutes(durationMs / 60_000) * 60)}s`;
  const maxDurationMs = read.durationMs(INPUTS.maxDuration, fallback);
  if (maxDurationMs < durationMs) {
    throw new InputError(
      INPUTS.maxDuration,
      `must be at least ${durationInput} (${durationMs / 1000}s): it is how long the bake may extend beyond it`,
      `${Math.ceil(maxBakeMinutes(durationMs / 60_000))}m`,
    );
  }
  if (maxDurationMs / intervalMs > 10_000) {
    throw new InputError(INPUTS.maxDuration, 'spans more than 10000 intervals', '30m with interval 1m');
  }
  const raw = read.optional(INPUTS.detectableRatio);
  const detectableRatio =
    raw === undefined ? GATE_DEFAULTS.detectableRatio : Number(raw.replace(/[x×]$/, ''));
  if (raw !== undefined && !/^\d+(\.\d+)?[x×]?$/.test(raw)) {
    throw new InputError(INPUTS.detectableRatio, `"${raw}" is not a ratio`, '3');
  }
  if (!(detectableRatio > 1) || detectableRatio > 1000) {
    throw new InputError(
      INPUTS.detectableRatio,
      `${raw} must be above 1 and at most 1000: it is how many times the baseline's error rate a pass must be able to catch`,
      '3',
    );
  }
  return { maxDurationMs, detectableRatio };
}

type Common = Pick<MetricsSettings, 'latency' | 'slowThresholdsMs' | 'userAgent' | 'requestTimeoutMs'>;

/** A required identity input (or its fallback), checked by the one validator of its kind. */
function identity(
  read: InputReader,
  kind: Parameters<typeof checkIdentity>[0],
  name: string,
  fallback?: string,
): string {
  const value = read.optional(name) ?? fallback;
  if (value === undefined) throw new InputError(name, 'is required', kind.example);
  return checkIdentity(kind, name, value);
}

/** The AWS region CloudWatch is read in: the input, else the credential chain's environment. */
function awsRegion(read: InputReader, env: NodeJS.ProcessEnv, fallback?: string): string {
  const region = read.optional(INPUTS.region) ?? fallback ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region === undefined)
    throw new InputError(INPUTS.region, 'is required (or AWS_REGION)', AWS_REGION.example);
  return checkIdentity(AWS_REGION, INPUTS.region, region);
}

function cloudWatchEndpoint(env: NodeJS.ProcessEnv): { endpoint?: string } {
  const endpoint = env.AWS_ENDPOINT_URL_CLOUDWATCH ?? env.AWS_ENDPOINT_URL;
  return endpoint ? { endpoint } : {};
}

/**
 * ECS-native (error-rate-gate, source cloudwatch): one service in "services" with its "cluster",
 * and no target groups given: the gate reads the candidate (green) and baseline (blue) target
 * groups, and their load balancer, from the service's deployment (shared/providers/ecs).
 */
export function readEcsNativeService(read: InputReader): EcsTarget | undefined {
  const cluster = read.optional(INPUTS.cluster);
  const services = read.list(INPUTS.services);
  if (cluster === undefined && services.length === 0) return undefined;
  const [service] = services;
  if (cluster === undefined || service === undefined || services.length !== 1) {
    throw new InputError(
      cluster === undefined ? INPUTS.cluster : INPUTS.services,
      'ECS-native: give the cluster and the one service whose deployment the gate judges',
      cluster === undefined ? 'prod' : 'shop',
    );
  }
  checkIdentity(ECS_CLUSTER, INPUTS.cluster, cluster);
  checkIdentity(ECS_SERVICE, INPUTS.services, service);
  refuseNativeArmInputs(read, service, [
    INPUTS.candidateTargetGroup,
    INPUTS.baselineTargetGroup,
    INPUTS.loadBalancer,
  ]);
  const region = read.optional(INPUTS.region);
  return { provider: 'ecs', cluster, services: [service], ...(region === undefined ? {} : { region }) };
}

/** ECS-native: the arms come from the service's deployment, so inputs naming them are refused. */
function refuseNativeArmInputs(read: InputReader, service: string, names: readonly string[]): void {
  for (const name of names) {
    if (read.optional(name) !== undefined) {
      throw new InputError(
        name,
        `is read from the ECS service ${service}; leave it out (its ECS-native deployment names the candidate and baseline target groups)`,
      );
    }
  }
}

function readSourceSettings(
  read: InputReader,
  source: MetricsSourceName,
  common: Common,
  headers: Record<string, string>,
  env: NodeJS.ProcessEnv,
): MetricsSettings {
  const rollbackTarget = read.optional(INPUTS.rollbackTarget);
  switch (source) {
    case 'cloud-monitoring': {
      const fromToken = cloudRunResourceFrom(rollbackTarget);
      const candidate = read.optional(INPUTS.candidate);
      if (candidate === undefined) throw new InputError(INPUTS.candidate, 'is required', 'shop-00042-xyz');
      if (!REVISION.test(candidate)) {
        throw new InputError(INPUTS.candidate, `"${candidate}" is not valid here`, 'shop-00042-xyz');
      }
      const baseline = baselineOf(read, candidate, rollbackTarget);
      if (!REVISION.test(baseline))
        throw new InputError(INPUTS.baseline, `"${baseline}" is not a revision name`, 'shop-00041-abc');
      const region = read.optional(INPUTS.region) ?? fromToken.region;
      if (region !== undefined) checkIdentity(GCP_REGION, INPUTS.region, region);
      return {
        source,
        ...common,
        candidate,
        baseline,
        project: identity(read, GCP_PROJECT, INPUTS.project, fromToken.project),
        service: identity(read, CLOUD_RUN_SERVICE, INPUTS.service, fromToken.service),
        ...(region ? { region } : {}),
        ...emulatorHost(env),
      };
    }
    case 'cloudwatch': {
      if (readEcsNativeService(read) !== undefined) {
        return {
          source,
          ...common,
          candidate: FROM_ECS_SERVICE,
          baseline: `${FROM_ECS_SERVICE} (baseline)`,
          loadBalancer: FROM_ECS_SERVICE,
          region: awsRegion(read, env),
          ...cloudWatchEndpoint(env),
        };
      }
      const loadBalancer = identity(read, ALB, INPUTS.loadBalancer);
      const candidate = identity(read, TARGET_GROUP, INPUTS.candidateTargetGroup);
      const baseline = identity(read, TARGET_GROUP, INPUTS.baselineTargetGroup);
      if (targetGroupDimension(candidate) === targetGroupDimension(baseline)) {
        throw new InputError(
          INPUTS.baselineTargetGroup,
          'is the same target group as the candidate',
          'targetgroup/shop-blue/943f017f100becff',
        );
      }
      return {
        source,
        ...common,
        candidate: targetGroupDimension(candidate),
        baseline: targetGroupDimension(baseline),
        loadBalancer: loadBalancerDimension(loadBalancer),
        region: awsRegion(read, env),
        ...cloudWatchEndpoint(env),
      };
    }
    case 'prometheus': {
      const candidate = read.required(INPUTS.candidate, 'v2');
      return prometheusSettings(
        read,
        common,
        headers,
        candidate,
        baselineOf(read, candidate, rollbackTarget),
      );
    }
  }
}

/**
 * rollout: where to read each step's metrics, from the traffic target; the arms are named at
 * each step (ARM_DECIDED_PER_STEP until then).
 */
function readTargetSourceSettings(
  read: InputReader,
  source: MetricsSourceName,
  common: Common,
  headers: Record<string, string>,
  env: NodeJS.ProcessEnv,
  target: TrafficTarget,
): { metrics: MetricsSettings; targetGroups: [string, string] | undefined; ecsNative?: EcsTarget } {
  const arms = { candidate: ARM_DECIDED_PER_STEP, baseline: ARM_DECIDED_PER_STEP };
  switch (source) {
    case 'cloud-monitoring': {
      if (target.provider !== 'cloud-run') {
        throw new InputError(
          INPUTS.source,
          'cloud-monitoring reads Cloud Run metrics; provider is ecs',
          'cloudwatch',
        );
      }
      const { project, region, service } = target;
      const metrics = { source, ...common, ...arms, project, service, region, ...emulatorHost(env) };
      return { metrics, targetGroups: undefined };
    }
    case 'cloudwatch': {
      if (target.provider !== 'ecs') {
        throw new InputError(
          INPUTS.source,
          'cloudwatch reads the load balancer of ECS services; provider is cloud-run',
          'cloud-monitoring',
        );
      }
      const region = awsRegion(read, env, target.region);
      const [service] = target.services;
      if (target.services.length === 1 && service !== undefined) {
        // ECS-native: each step reads green and blue from the deployment (shared/gate/ecs-native.ts).
        refuseNativeArmInputs(read, service, [INPUTS.loadBalancer, INPUTS.targetGroups]);
        const metrics: MetricsSettings = {
          source,
          ...common,
          ...arms,
          loadBalancer: FROM_ECS_SERVICE,
          region,
          ...cloudWatchEndpoint(env),
        };
        return { metrics, targetGroups: undefined, ecsNative: target };
      }
      const loadBalancer = identity(read, ALB, INPUTS.loadBalancer);
      const groups = read.list(INPUTS.targetGroups);
      const example = 'targetgroup/shop-blue/943f017f100becff,targetgroup/shop-green/6d0ecf831eec9f09';
      for (const group of groups) checkIdentity(TARGET_GROUP, INPUTS.targetGroups, group, example);
      const [first, second] = groups.map(targetGroupDimension);
      if (groups.length !== 2 || first === undefined || second === undefined || first === second) {
        throw new InputError(
          INPUTS.targetGroups,
          `needs two different target groups, in the order of "services" (${target.services.join(', ')})`,
          example,
        );
      }
      const metrics: MetricsSettings = {
        source,
        ...common,
        ...arms,
        loadBalancer: loadBalancerDimension(loadBalancer),
        region,
        ...cloudWatchEndpoint(env),
      };
      return { metrics, targetGroups: [first, second] };
    }
    case 'prometheus':
      return {
        metrics: prometheusSettings(read, common, headers, arms.candidate, arms.baseline),
        targetGroups: undefined,
      };
  }
}

function prometheusSettings(
  read: InputReader,
  common: Common,
  headers: Record<string, string>,
  candidate: string,
  baseline: string,
): MetricsSettings {
  const url = read.url(INPUTS.prometheusUrl, { example: 'https://prometheus.example.com' });
  if (url === undefined)
    throw new InputError(
      INPUTS.prometheusUrl,
      'is required for source prometheus',
      'https://prometheus.example.com',
    );
  if (url.username || url.password) {
    throw new InputError(
      INPUTS.prometheusUrl,
      'must not carry credentials; pass them in "prometheus-headers"',
      'https://prometheus.example.com',
    );
  }
  const template = (name: string, fallback?: string) => {
    const value = read.optional(name) ?? fallback;
    if (value === undefined) return undefined;
    const unknown = unknownPlaceholders(value);
    if (unknown.length > 0) {
      throw new InputError(
        name,
        `unknown placeholder {{${unknown[0]}}}; use {{version}}, {{arm}}, {{candidate}}, {{baseline}} or {{window}}`,
        DEFAULT_REQUESTS_QUERY,
      );
    }
    return value;
  };
  const latencyQuery = template(INPUTS.latencyQuery);
  if (common.latency && latencyQuery === undefined) {
    throw new InputError(
      INPUTS.latencyQuery,
      'is required for a latency limit with source prometheus',
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{{version}}"}[{{window}}]))) * 1000',
    );
  }
  return {
    source: 'prometheus',
    ...common,
    candidate,
    baseline,
    url,
    requestsQuery: template(INPUTS.requestsQuery, DEFAULT_REQUESTS_QUERY) ?? DEFAULT_REQUESTS_QUERY,
    errorsQuery: template(INPUTS.errorsQuery, DEFAULT_ERRORS_QUERY) ?? DEFAULT_ERRORS_QUERY,
    ...(latencyQuery ? { latencyQuery } : {}),
    headers,
  };
}

function baselineOf(read: InputReader, candidate: string, rollbackTarget: string | undefined): string {
  const raw = read.optional(INPUTS.baseline);
  const baseline =
    raw !== undefined
      ? baselineFrom(raw, INPUTS.baseline, candidate)
      : rollbackTarget !== undefined
        ? baselineFrom(rollbackTarget, INPUTS.rollbackTarget, candidate)
        : undefined;
  if (baseline === undefined) {
    throw new InputError(
      INPUTS.baseline,
      `is required (or "${INPUTS.rollbackTarget}" from canary-shift)`,
      'shop-00041-abc',
    );
  }
  if (baseline === candidate)
    throw new InputError(INPUTS.baseline, 'is the candidate itself', 'shop-00041-abc');
  return baseline;
}

/** The Cloud Monitoring emulator, for tests and local runs only: loopback, plain HTTP, no credentials. */
function emulatorHost(env: NodeJS.ProcessEnv): { emulatorHost?: string } {
  const host = env.CLOUD_MONITORING_EMULATOR_HOST;
  if (!host) return {};
  if (!/^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host)) {
    throw new ActionError(`CLOUD_MONITORING_EMULATOR_HOST must be a loopback host:port, got "${host}"`);
  }
  return { emulatorHost: host };
}

/** "Name: value" lines (or a JSON object) of extra headers for the Prometheus API. */
function parseHeaderLines(raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  const example = 'Authorization: Bearer <token>';
  if (raw.trim().startsWith('{')) {
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      throw new InputError(INPUTS.prometheusHeaders, 'is not valid JSON', example);
    }
  }
  const headers: Record<string, string> = {};
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      // Never echo the line: it may hold a secret.
      throw new InputError(INPUTS.prometheusHeaders, 'each line must be "Name: value"', example);
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}
