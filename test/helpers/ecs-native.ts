/**
 * The local AWS's ECS-native service for the e2e tests of the bundles on it (canary-shift,
 * error-rate-gate, rollback, rollout): started per test with load on its production listener,
 * task behaviours seeded (v1 and v2 healthy, v3 faulty), and read back as the tests need.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, expect } from 'vitest';
import { parseDeploymentConfiguration } from '../../harness/emulators/aws/native-config';
import type { AwsEmulator } from '../../harness/emulators/aws/server';
import { type LocalAws, startLocalAws } from '../../harness/emulators/local-cloud';
import { type BundleResult, everythingVisible, runBundle } from '../../harness/helpers/runner';
import { BASE_ERROR_RATE, FAULTY_ERROR_RATE } from '../../harness/pipeline/cloud-run-scenario';

/** Each virtual minute (ECS's bake times, the gate's 60 s periods) passes in half a real second. */
const TIME_SCALE = 120;

/** The strategies the tests run, with ECS bake times of one virtual minute. */
export const NATIVE_CONFIGURATIONS = {
  CANARY: {
    strategy: 'CANARY',
    canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: 1 },
    bakeTimeInMinutes: 1,
  },
  LINEAR: {
    strategy: 'LINEAR',
    linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: 1 },
    bakeTimeInMinutes: 1,
  },
} as const;

/**
 * Registers the hooks that start the local AWS before each test and stop it after, proving that
 * no bundle run showed the AWS secret key or the Slack token; returns what the tests use.
 */
export function useNativeCloud(secretKey: string) {
  let local: LocalAws | undefined;
  const results: BundleResult[] = [];
  beforeEach(async () => {
    // ECS, ELBv2 and CloudWatch on one accelerated timeline, with steady load on the production listener.
    local = await startLocalAws({ loadOn: 'native', timeScale: TIME_SCALE });
    const { aws } = local;
    aws.setTaskBehaviour(aws.world.native.taskDefinitions.v1, { errorRate: BASE_ERROR_RATE });
    aws.setTaskBehaviour(aws.world.native.taskDefinitions.v2, { errorRate: BASE_ERROR_RATE });
    aws.setTaskBehaviour(aws.world.native.taskDefinitions.v3, { errorRate: FAULTY_ERROR_RATE });
    results.length = 0;
  });
  afterEach(async () => {
    const stopped = local;
    local = undefined;
    await stopped?.stop();
    for (const result of results) {
      expect(everythingVisible(result)).not.toContain(secretKey);
      if (stopped) expect(everythingVisible(result)).not.toContain(stopped.slackToken);
    }
  });
  const cloud = (): LocalAws => {
    if (local === undefined) throw new Error('the local AWS runs only inside a test');
    return local;
  };
  const aws = () => cloud().aws;
  return {
    cloud,
    aws,
    /** The target inputs of the native service, as every bundle takes them. */
    target: () => ({
      provider: 'ecs',
      cluster: aws().world.cluster,
      services: aws().world.native.service,
      'poll-interval': '100ms',
    }),
    /** A bundle run against the local AWS, its outputs kept for the secrets check. */
    async run(
      action: string,
      inputs: Record<string, string | undefined>,
      onStart?: (child: ChildProcess) => void,
    ): Promise<BundleResult> {
      const env = { ...cloud().env, AWS_SECRET_ACCESS_KEY: secretKey };
      const result = await runBundle(action, inputs, {
        env,
        timeoutMs: 200_000,
        ...(onStart ? { onStart } : {}),
      });
      results.push(result);
      return result;
    },
    ...nativeService(aws),
  };
}

/** Readers of the seeded native service, its deployments and the writes that reached the emulator. */
function nativeService(aws: () => AwsEmulator) {
  const service = () => {
    const found = aws().model.findService(aws().world.cluster, aws().world.native.service);
    if (!found?.native) throw new Error('seed changed: no native service');
    return found;
  };
  return {
    service,
    deployments: () => service().native?.deployments ?? [],
    /** The production rule's weights as ECS wrote them, by target group name. */
    weights: () => aws().weights(aws().world.native.productionRuleArn),
    writeNames: () =>
      aws()
        .writes()
        .map((c) => c.operation),
    /** Sets the service's strategy (as its owner would have, before our rollout). */
    useStrategy(configuration: Record<string, unknown>): void {
      const web = service();
      aws().model.makeNative(
        web,
        parseDeploymentConfiguration(configuration, undefined),
        web.native?.loadBalancers ?? [],
      );
    },
  };
}
