/**
 * The Cloud Run pipeline on the local cloud, as the end-to-end tests and the demo run it: the
 * inputs a caller would pass (the gate's in minutes of the local cloud's accelerated metrics
 * timeline, with Cloud Monitoring's real 60 s periods and 180 s delay), and a record of the
 * traffic the platform served after each step.
 */
import type { LocalCloud } from '../emulators/local-cloud';
import { type PipelineEvent, type PipelineOptions, type PipelineRun, runPipeline } from './runner';

export const CLOUD_RUN_PIPELINE = '.github/workflows/canary-cloud-run.yml';
export const REGISTRY = 'europe-docker.pkg.dev/demo-project/apps';
export const STABLE_IMAGE = `${REGISTRY}/shop:v1`;
export const HEALTHY_IMAGE = `${REGISTRY}/shop:v2`;
export const FAULTY_IMAGE = `${REGISTRY}/shop:v3`;
/** Answers 500 to everything: fails the smoke test. */
export const BROKEN_IMAGE = `${REGISTRY}/shop:v4`;

/**
 * Share of requests every version fails, the stable and the healthy one alike. The gate's judge
 * compares how the errors split between candidate and baseline: with no errors at all it has
 * nothing to compare, and a few seconds of a real-looking 0.1 % would not give it enough either.
 */
export const BASE_ERROR_RATE = 0.05;
export const FAULTY_ERROR_RATE = 0.4;

/** How the emulator's revisions of each image behave. */
export const IMAGE_BEHAVIOURS: Record<string, { errorRate: number }> = {
  [STABLE_IMAGE]: { errorRate: BASE_ERROR_RATE },
  [HEALTHY_IMAGE]: { errorRate: BASE_ERROR_RATE },
  [FAULTY_IMAGE]: { errorRate: FAULTY_ERROR_RATE },
  [BROKEN_IMAGE]: { errorRate: 1 },
};

/** The version a revision of `image` reports (the emulator's app answers with its image tag). */
export const versionOf = (image: string) => image.split(':').pop() ?? image;

export interface TrafficSnapshot {
  after: string;
  /** Revision → percent, as the emulator serves it. */
  observed: Record<string, number>;
}

export interface ScenarioResult {
  run: PipelineRun;
  /** The observed split after every step that ran. */
  traffic: TrafficSnapshot[];
}

/**
 * The gate and polls of both platforms' pipeline scenarios, on the local cloud's accelerated
 * timeline (120×): real 60 s periods and the action's default metrics-delay, each virtual minute
 * half a real second (16m: an 8 s bake).
 */
export const PIPELINE_GATE_INPUTS = {
  'bake-time': '16m',
  'gate-interval': '1m',
  'min-requests': '50',
  // Tolerate up to twice the baseline's error rate: the judge then promotes a healthy candidate
  // on a few seconds of errors, and still catches the faulty one (8× the baseline) at once.
  'max-increase': '100%',
  'max-error-rate': '20%',
  'poll-interval': '250ms',
};

export function cloudRunInputs(
  cloud: LocalCloud,
  image: string,
  overrides: Record<string, string | boolean> = {},
): Record<string, string | boolean> {
  return {
    project: cloud.project,
    region: cloud.region,
    service: cloud.service,
    image,
    environment: 'demo',
    steps: '20,50,100',
    ...PIPELINE_GATE_INPUTS,
    'expect-version': versionOf(image),
    'smoke-checks': '- {name: home, path: /, expect-status: 200, expect-json: {/status: ok}}',
    'slack-channel': cloud.slackChannel,
    'workload-identity-provider':
      'projects/123456/locations/global/workloadIdentityPools/github/providers/demo',
    'service-account': `deployer@${cloud.project}.iam.gserviceaccount.com`,
    ...overrides,
  };
}

/** What a scenario may add to the caller's inputs and do while the pipeline runs (both platforms). */
export interface ScenarioOptions {
  overrides?: Record<string, string | boolean>;
  /** More secrets than the Slack token, e.g. DATABASE_URL for the backup. */
  secrets?: Record<string, string>;
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
  /** The decision of the approval environment's reviewers on a held step. */
  review?: PipelineOptions['review'];
}

/**
 * Calls `record` with what `read` returns whenever it changed, every 50 ms until stopped: the
 * traffic path a rollout took, as the platform served it between the pipeline's steps.
 */
export function sampleWhileRunning<T>(read: () => T, record: (value: T) => void): { stop: () => void } {
  let last = '';
  const sample = () => {
    const value = read();
    const key = JSON.stringify(value);
    if (key !== last) record(value);
    last = key;
  };
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
    },
  };
}

/** Inputs that hold an inconclusive step for `environment`'s reviewers instead of rolling it back. */
export const holdFor = (environment: string) => ({
  'on-inconclusive': 'hold',
  'approval-environment': environment,
});

/** The runner options a scenario passes through unchanged. */
export const passThrough = (options: ScenarioOptions) => ({
  ...(options.signal ? { signal: options.signal } : {}),
  ...(options.review ? { review: options.review } : {}),
});

export async function runCloudRunScenario(
  cloud: LocalCloud,
  image: string,
  options: ScenarioOptions = {},
): Promise<ScenarioResult> {
  const traffic: TrafficSnapshot[] = [];
  // One process walks every step, so the split is also sampled while a step runs.
  const sampler = sampleWhileRunning(
    () => cloud.cloudRun.observed(cloud.service),
    (observed) => traffic.push({ after: 'sample', observed }),
  );
  const run = await runPipeline({
    workflow: CLOUD_RUN_PIPELINE,
    inputs: cloudRunInputs(cloud, image, options.overrides),
    secrets: { SLACK_BOT_TOKEN: cloud.slackToken, ...options.secrets },
    env: cloud.env,
    ...passThrough(options),
    onEvent: (event) => {
      if (event.type === 'step-end' && event.record.outcome !== 'skipped') {
        traffic.push({
          after: `${event.record.job}/${event.record.id}`,
          observed: cloud.cloudRun.observed(cloud.service),
        });
      }
      options.onEvent?.(event);
    },
  }).finally(sampler.stop);
  return { run, traffic };
}
