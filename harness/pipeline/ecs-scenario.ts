/**
 * The ECS pipeline on the local AWS, as the end-to-end tests run it: the inputs a caller would
 * pass for the emulator's seeded blue/green world, or for its one ECS-native service (other
 * timings shrunk from minutes to seconds; the gate's in minutes of the accelerated metrics
 * timeline, with the ALB's 60 s periods), and the listener weights after each step.
 */
import type { LocalAws } from '../emulators/local-cloud';
import {
  BASE_ERROR_RATE,
  FAULTY_ERROR_RATE,
  PIPELINE_GATE_INPUTS,
  passThrough,
  type ScenarioOptions,
  sampleWhileRunning,
} from './cloud-run-scenario';
import { type PipelineRun, runPipeline } from './runner';

export const ECS_PIPELINE = '.github/workflows/canary-ecs.yml';

export interface WeightSnapshot {
  after: string;
  /** Service name → weight, as the listener forwards. */
  weights: Record<string, number>;
}

/**
 * Task definitions v1 (running on blue) and v2 fail as often as each other, v3 eight times as
 * often: as in the Cloud Run scenarios, the judge needs errors on both sides to compare.
 */
export function seedBehaviours(local: LocalAws): void {
  const { taskDefinitions } = local.aws.world;
  local.aws.setTaskBehaviour(taskDefinitions.v1, { errorRate: BASE_ERROR_RATE });
  local.aws.setTaskBehaviour(taskDefinitions.v2, { errorRate: BASE_ERROR_RATE });
  local.aws.setTaskBehaviour(taskDefinitions.v3, { errorRate: FAULTY_ERROR_RATE });
}

/** The release's inputs both kinds of service take alike: the gate, the polls, Slack. */
function releaseInputs(local: LocalAws, taskDefinition: string) {
  return {
    'aws-region': local.aws.world.region,
    'role-to-assume': 'arn:aws:iam::123456789012:role/shop-deployer',
    cluster: local.aws.world.cluster,
    'task-definition': taskDefinition,
    environment: 'demo',
    ...PIPELINE_GATE_INPUTS,
    'slack-channel': local.slackChannel,
  };
}

export function ecsInputs(
  local: LocalAws,
  taskDefinition: string,
  overrides: Record<string, string | boolean> = {},
): Record<string, string | boolean> {
  const world = local.aws.world;
  return {
    ...releaseInputs(local, taskDefinition),
    services: `${world.services.blue},${world.services.green}`,
    'listener-arn': world.listenerArn,
    'load-balancer': world.loadBalancerArn,
    'target-groups': `${world.targetGroups.blue},${world.targetGroups.green}`,
    // The emulator has no test listener reaching only the idle service: the smoke test probes the
    // weighted listener, so it can't prove here that the candidate itself answered.
    'smoke-url': local.listenerUrl,
    steps: '20,50,100',
    ...overrides,
  };
}

/**
 * The ECS-native service's inputs: its one name, nothing of the load balancer (the actions read
 * the listener rules and target groups from ECS's deployment), and its test listener as the smoke
 * URL (ECS sends all of it to the candidate before production traffic shifts).
 */
export function ecsNativeInputs(
  local: LocalAws,
  taskDefinition: string,
  overrides: Record<string, string | boolean> = {},
): Record<string, string | boolean> {
  const { native } = local.aws.world;
  return {
    ...releaseInputs(local, taskDefinition),
    services: native.service,
    'smoke-url': native.testListenerUrl,
    steps: '10,100',
    ...overrides,
  };
}

export interface EcsScenarioOptions extends ScenarioOptions {
  /** The seeded ECS-native service (one name, ECS shifts) instead of the blue and green services. */
  native?: boolean;
}

export async function runEcsScenario(
  local: LocalAws,
  taskDefinition: string,
  options: EcsScenarioOptions = {},
): Promise<{ run: PipelineRun; weights: WeightSnapshot[] }> {
  const { world } = local.aws;
  // The weights that serve production: the two services' listener, or the rule ECS writes.
  const serving = options.native ? world.native.productionRuleArn : world.listenerArn;
  const inputs = options.native ? ecsNativeInputs : ecsInputs;
  const weights: WeightSnapshot[] = [];
  const sampler = sampleWhileRunning(
    () => local.aws.weights(serving),
    (sampled) => weights.push({ after: 'sample', weights: sampled }),
  );
  const run = await runPipeline({
    workflow: ECS_PIPELINE,
    inputs: inputs(local, taskDefinition, options.overrides),
    secrets: { SLACK_BOT_TOKEN: local.slackToken, ...options.secrets },
    env: local.env,
    ...passThrough(options),
    onEvent: (event) => {
      if (event.type === 'step-end' && event.record.outcome !== 'skipped') {
        weights.push({
          after: `${event.record.job}/${event.record.id}`,
          weights: local.aws.weights(serving),
        });
      }
      options.onEvent?.(event);
    },
  }).finally(sampler.stop);
  return { run, weights };
}
