import type { Core } from '../../../shared/core';
import { InputError } from '../../../shared/errors';
import { GATE_INPUTS, type GateSettings, readGateSettings } from '../../../shared/gate/inputs';
import { type InputReader, inputReader } from '../../../shared/inputs';
import { SLACK_API_URL_VARIABLE, SLACK_TS } from '../../../shared/slack/client';
import { TAKE_OVER_INPUT } from '../../../shared/traffic/guards';
import {
  checkCandidate,
  readTrafficTarget,
  resourceOf,
  TARGET_INPUTS,
} from '../../../shared/traffic/settings';
import { parseSteps, STEPS_INPUT } from '../../../shared/traffic/steps';
import { decodeRollbackTarget } from '../../../shared/traffic/token';
import type { CandidateRequest, RollbackTarget, TrafficTarget } from '../../../shared/traffic/types';

/** Input and output names, mirroring action.yml (a test checks they agree). */
export const INPUTS = {
  ...TARGET_INPUTS,
  takeOver: TAKE_OVER_INPUT,
  candidate: 'candidate',
  rollbackTarget: 'rollback-target',
  steps: STEPS_INPUT,
  planOnly: 'plan-only',
  source: GATE_INPUTS.source,
  loadBalancer: GATE_INPUTS.loadBalancer,
  targetGroups: GATE_INPUTS.targetGroups,
  prometheusUrl: GATE_INPUTS.prometheusUrl,
  prometheusHeaders: GATE_INPUTS.prometheusHeaders,
  requestsQuery: GATE_INPUTS.requestsQuery,
  errorsQuery: GATE_INPUTS.errorsQuery,
  latencyQuery: GATE_INPUTS.latencyQuery,
  bakeTime: 'bake-time',
  maxDuration: GATE_INPUTS.maxDuration,
  detectableRatio: GATE_INPUTS.detectableRatio,
  interval: GATE_INPUTS.interval,
  metricsDelay: GATE_INPUTS.metricsDelay,
  maxErrorRate: GATE_INPUTS.maxErrorRate,
  maxIncrease: GATE_INPUTS.maxIncrease,
  minRequests: GATE_INPUTS.minRequests,
  falseAlarmRate: GATE_INPUTS.falseAlarmRate,
  maxP95LatencyMs: GATE_INPUTS.maxP95LatencyMs,
  maxLatencyIncrease: GATE_INPUTS.maxLatencyIncrease,
  gateMode: 'gate-mode',
  onInconclusive: 'on-inconclusive',
  rollbackOnFailure: 'rollback-on-failure',
  slackBotToken: 'slack-bot-token',
  slackChannel: 'slack-channel',
  slackTs: 'slack-ts',
  slackTitle: 'slack-title',
  timeout: 'timeout',
  pollInterval: 'poll-interval',
} as const;

export const OUTPUTS = {
  verdict: 'verdict',
  stoppedAt: 'stopped-at',
  held: 'held',
  percent: 'percent',
  observedTraffic: 'observed-traffic',
  rollbackTarget: 'rollback-target',
  rolledBack: 'rolled-back',
  reason: 'reason',
  candidate: 'candidate',
  stable: 'stable',
  steps: 'steps',
} as const;

export const ON_INCONCLUSIVE = ['rollback', 'hold'] as const;

/** The one Slack message the rollout keeps up to date; undefined when no token was given. */
export interface SlackSettings {
  token: string;
  channel: string;
  /** The message to update; undefined: the rollout posts one. */
  ts?: string;
  title?: string;
  apiUrl?: string;
}

export interface RolloutSettings {
  target: TrafficTarget;
  candidate: CandidateRequest;
  /** The deploy job's token; undefined: the rollout records its own before its first write. */
  rollbackTarget?: RollbackTarget;
  /** The token as given, echoed as the output unchanged. */
  rollbackTargetToken?: string;
  steps: number[];
  planOnly: boolean;
  gate: GateSettings;
  onInconclusive: (typeof ON_INCONCLUSIVE)[number];
  rollbackOnFailure: boolean;
  takeOver: boolean;
  slack?: SlackSettings;
  /** Slack inputs that could not be used: warned about, never a failure (notify-slack's rule). */
  slackProblems: string[];
  /** Every secret value, for redacting what the runner's masking does not reach. */
  secrets: string[];
  timeoutMs: number;
  pollMs: number;
}

export function readSettings(core: Core, env: NodeJS.ProcessEnv = process.env): RolloutSettings {
  const read = inputReader(core);
  // Secrets first, so nothing read after them can print them unmasked.
  const slackToken = read.secret(INPUTS.slackBotToken);
  const target = readTrafficTarget(read);
  const steps = parseSteps(read.optional(INPUTS.steps));
  const rawCandidate = read.optional(INPUTS.candidate);
  const candidate: CandidateRequest = {
    ...(rawCandidate === undefined
      ? {}
      : { candidate: checkCandidate(target, INPUTS.candidate, rawCandidate) }),
    // canary-shift's default tag: the candidate keeps the URL the deploy step gave it.
    ...(target.provider === 'cloud-run' ? { tag: 'canary' } : {}),
    // ECS-native: the steps must be the ones of the deployment in progress (checked before any write).
    ...(target.provider === 'ecs' ? { steps } : {}),
  };
  const token = read.optional(INPUTS.rollbackTarget);
  const rollbackTarget =
    token === undefined
      ? undefined
      : decodeRollbackTarget(token, INPUTS.rollbackTarget, {
          provider: target.provider,
          resource: resourceOf(target),
        });
  const gate = readGateSettings(core, env, {
    action: 'rollout',
    names: { duration: INPUTS.bakeTime, mode: INPUTS.gateMode },
    arms: { target },
  });
  const pollMs = read.durationMs(INPUTS.pollInterval, '5s');
  if (pollMs < 100) throw new InputError(INPUTS.pollInterval, 'must be at least 100ms', '5s');
  const slackProblems: string[] = [];
  const slack = readSlack(read, slackToken, env, slackProblems);
  return {
    target,
    candidate,
    ...(rollbackTarget === undefined ? {} : { rollbackTarget, rollbackTargetToken: token }),
    steps,
    planOnly: read.boolean(INPUTS.planOnly, false),
    gate,
    onInconclusive: read.choice(INPUTS.onInconclusive, ON_INCONCLUSIVE, 'rollback'),
    rollbackOnFailure: read.boolean(INPUTS.rollbackOnFailure, true),
    takeOver: read.boolean(INPUTS.takeOver, false),
    ...(slack === undefined ? {} : { slack }),
    slackProblems,
    secrets: [...gate.secrets, ...(slackToken === undefined ? [] : [slackToken])],
    timeoutMs: read.durationMs(INPUTS.timeout, '10m'),
    pollMs,
  };
}

/**
 * The Slack inputs, with notify-slack's rule: a notification never fails the rollout. A problem
 * (no channel, a token that is not one, a malformed ts) is recorded and Slack left out.
 */
function readSlack(
  read: InputReader,
  token: string | undefined,
  env: NodeJS.ProcessEnv,
  problems: string[],
): SlackSettings | undefined {
  const channel = read.optional(INPUTS.slackChannel);
  const ts = read.optional(INPUTS.slackTs);
  const title = read.optional(INPUTS.slackTitle);
  if (token === undefined) {
    if (channel !== undefined || ts !== undefined) {
      problems.push(`"${INPUTS.slackChannel}" and "${INPUTS.slackTs}" need "${INPUTS.slackBotToken}"`);
    }
    return undefined;
  }
  const problem = !/^xox[a-z]-/.test(token)
    ? `input "${INPUTS.slackBotToken}": does not look like a Slack token (its value is not shown; bot tokens start with xoxb-)`
    : channel === undefined
      ? `input "${INPUTS.slackChannel}": is required with ${INPUTS.slackBotToken}`
      : ts !== undefined && !SLACK_TS.test(ts)
        ? `input "${INPUTS.slackTs}": "${ts}" is not a Slack message timestamp (for example 1700000000.123456)`
        : undefined;
  if (problem !== undefined || channel === undefined) {
    problems.push(problem ?? `input "${INPUTS.slackChannel}": is required`);
    return undefined;
  }
  const apiUrl = env[SLACK_API_URL_VARIABLE]?.trim();
  return {
    token,
    channel,
    ...(ts === undefined ? {} : { ts }),
    ...(title === undefined ? {} : { title }),
    ...(apiUrl ? { apiUrl } : {}),
  };
}
