import { checkIdentity, ECS_TASK_DEFINITION } from '../../../shared/cloud-identities';
import type { Core } from '../../../shared/core';
import { InputError } from '../../../shared/errors';
import { inputReader } from '../../../shared/inputs';
import { checkCandidateNames } from '../../../shared/providers/cloud-run/names';
import {
  isTaskDefinitionFile,
  readTaskDefinitionFile,
  taskDefinitionPath,
} from '../../../shared/providers/ecs/task-definition';
import { TAKE_OVER_INPUT } from '../../../shared/traffic/guards';
import { checkCandidate, readTrafficTarget, TARGET_INPUTS } from '../../../shared/traffic/settings';
import { parseSteps } from '../../../shared/traffic/steps';
import type { CandidateRequest, TrafficTarget } from '../../../shared/traffic/types';

/** Input and output names, mirroring action.yml (a test checks they agree). */
export const INPUTS = {
  ...TARGET_INPUTS,
  percent: 'percent',
  timeout: 'timeout',
  pollInterval: 'poll-interval',
  candidate: 'candidate',
  image: 'image',
  candidateTag: 'candidate-tag',
  revisionSuffix: 'revision-suffix',
  taskDefinition: 'task-definition',
  takeOver: TAKE_OVER_INPUT,
  steps: 'steps',
} as const;

export const OUTPUTS = {
  stable: 'stable',
  candidate: 'candidate',
  candidateUrl: 'candidate-url',
  observedTraffic: 'observed-traffic',
  rollbackTarget: 'rollback-target',
} as const;

export interface CanaryShiftSettings {
  target: TrafficTarget;
  percent: number;
  candidate: CandidateRequest;
  timeoutMs: number;
  pollMs: number;
  /** Fold a split this rollout did not make into the stable target instead of refusing. */
  takeOver: boolean;
}

// Cloud Run tags and revision suffixes: lower case letters, digits and hyphens.
const TAG = /^[a-z]([-a-z0-9]{0,44}[a-z0-9])?$/;
const SUFFIX = /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/;
const IMAGE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

/**
 * ECS: a task definition file (`*.json`, relative to the workspace) is read and checked now, before
 * any API call, and handed on as an absolute path; an ARN or family:revision is handed on as is.
 */
function taskDefinitionInput(value: string): string {
  if (!isTaskDefinitionFile(value)) return value;
  const path = taskDefinitionPath(value, process.env.GITHUB_WORKSPACE ?? process.cwd());
  readTaskDefinitionFile(path, INPUTS.taskDefinition);
  return path;
}

export function readSettings(core: Core): CanaryShiftSettings {
  const read = inputReader(core);
  const target = readTrafficTarget(read, {
    [INPUTS.image]: 'cloud-run',
    [INPUTS.candidateTag]: 'cloud-run',
    [INPUTS.revisionSuffix]: 'cloud-run',
    [INPUTS.taskDefinition]: 'ecs',
  });
  const percent = read.optionalInteger(INPUTS.percent, { min: 0, max: 100, example: '10' });
  if (percent === undefined) throw new InputError(INPUTS.percent, 'is required', '10');
  const timeoutMs = read.durationMs(INPUTS.timeout, '10m');
  const pollMs = read.durationMs(INPUTS.pollInterval, '5s');
  if (pollMs < 100) throw new InputError(INPUTS.pollInterval, 'must be at least 100ms', '5s');
  const candidate = read.optional(INPUTS.candidate);
  return {
    target,
    percent,
    candidate: readCandidate(read, target, candidate),
    timeoutMs,
    pollMs,
    takeOver: read.boolean(INPUTS.takeOver, false),
  };
}

function readCandidate(
  read: ReturnType<typeof inputReader>,
  target: TrafficTarget,
  candidate: string | undefined,
): CandidateRequest {
  if (target.provider === 'ecs') {
    const taskDefinition = read.optional(INPUTS.taskDefinition);
    if (candidate !== undefined && taskDefinition !== undefined) {
      throw new InputError(
        INPUTS.candidate,
        'give either "candidate" or "task-definition", not both',
        'shop:42',
      );
    }
    for (const [name, value] of [
      [INPUTS.candidate, candidate],
      [INPUTS.taskDefinition, taskDefinition],
    ] as const) {
      if (name === INPUTS.taskDefinition && value !== undefined && isTaskDefinitionFile(value)) continue;
      if (value !== undefined) checkIdentity(ECS_TASK_DEFINITION, name, value);
    }
    // ECS-native: the rollout's steps, validated as rollout validates them; the provider maps them onto the strategy.
    const rawSteps = read.optional(INPUTS.steps);
    const steps = rawSteps === undefined ? undefined : parseSteps(rawSteps, INPUTS.steps);
    return {
      ...(candidate === undefined ? {} : { candidate }),
      ...(taskDefinition === undefined ? {} : { taskDefinition: taskDefinitionInput(taskDefinition) }),
      ...(steps === undefined ? {} : { steps }),
    };
  }
  const image = read.optional(INPUTS.image);
  if (candidate !== undefined && image !== undefined) {
    throw new InputError(
      INPUTS.candidate,
      'give either "candidate" or "image", not both',
      `${target.service}-00042-abc`,
    );
  }
  if (candidate !== undefined) checkCandidate(target, INPUTS.candidate, candidate);
  if (image !== undefined && !IMAGE.test(image)) {
    throw new InputError(
      INPUTS.image,
      `"${image}" is not a container image reference`,
      'europe-docker.pkg.dev/p/repo/shop:1.2.3',
    );
  }
  const tag = read.optional(INPUTS.candidateTag) ?? 'canary';
  if (!TAG.test(tag)) throw new InputError(INPUTS.candidateTag, `"${tag}" is not a traffic tag`, 'canary');
  const revisionSuffix = read.optional(INPUTS.revisionSuffix);
  if (revisionSuffix !== undefined) {
    if (image === undefined) throw new InputError(INPUTS.revisionSuffix, 'only applies with "image"', 'v42');
    if (!SUFFIX.test(revisionSuffix) || target.service.length + 1 + revisionSuffix.length > 63) {
      throw new InputError(
        INPUTS.revisionSuffix,
        `"${revisionSuffix}" is not a revision suffix (lower case letters, digits, hyphens; service-suffix ≤ 63 characters)`,
        'v42',
      );
    }
  }
  const request = {
    tag,
    ...(candidate === undefined ? {} : { candidate }),
    ...(image === undefined ? {} : { image }),
    ...(revisionSuffix === undefined ? {} : { revisionSuffix }),
  };
  checkCandidateNames(target.service, request, {
    tag: INPUTS.candidateTag,
    revisionSuffix: INPUTS.revisionSuffix,
    image: INPUTS.image,
  });
  return request;
}
