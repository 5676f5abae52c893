/**
 * The safety net, attacked through the built bundles as an adopting SRE would (issue 13, items 7,
 * 8, 10, 12, 18, 19): overlapping rollouts, a defaulted candidate that is production itself,
 * numbers and durations that are not what they look like, YAML that rewrites values, and steps
 * run without cloud credentials. Each bad case must fail with `::error::` naming the cause, exit
 * code 1, no stack trace, and nothing written to any cloud.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsEmulator, startAwsEmulator } from '../../harness/emulators/aws/server';
import { type CloudRunEmulator, startCloudRunEmulator } from '../../harness/emulators/cloud-run/server';
import { SlackEmulator } from '../../harness/emulators/slack/index';
import { startServer, type TestServer } from '../../harness/helpers/http-server';
import { type BundleResult, runBundle } from '../../harness/helpers/runner';

const PROJECT = 'shop-prod-1';
const REGION = 'europe-west1';
const V1 = 'europe-docker.pkg.dev/shop-prod-1/apps/shop:v1';
const V2 = 'europe-docker.pkg.dev/shop-prod-1/apps/shop:v2';
const V3 = 'europe-docker.pkg.dev/shop-prod-1/apps/shop:v3';

const cloudRunTarget = {
  provider: 'cloud-run',
  project: PROJECT,
  region: REGION,
  service: 'shop',
  'poll-interval': '100ms',
  timeout: '30s',
};

/** A failure the way the runner shows it: one ::error::, exit 1, and no stack trace anywhere. */
function expectCleanFailure(result: BundleResult, pattern: RegExp): void {
  expect(result.exitCode, result.stdout + result.stderr).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatch(pattern);
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

function expectSucceeded(result: BundleResult): void {
  expect(result.errors, result.stdout).toEqual([]);
  expect(result.exitCode).toBe(0);
}

describe('Cloud Run traffic safety (emulator)', () => {
  let emulator: CloudRunEmulator;

  afterEach(async () => {
    await emulator?.stop();
  });

  async function start(): Promise<string> {
    emulator = await startCloudRunEmulator({
      project: PROJECT,
      region: REGION,
      services: [{ name: 'shop', image: V1 }],
      reconcileMs: 30,
    });
    return emulator.revisions('shop')[0] ?? '';
  }

  const env = () => ({ ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT: emulator.endpoint });
  const shift = (inputs: Record<string, string | number>) =>
    runBundle('canary-shift', { ...cloudRunTarget, ...inputs }, { env: env() });
  const writes = () => emulator.calls.filter((c) => c.method === 'PATCH').length;

  it('refuses a candidate that is the revision serving 100 %, defaulted or named, before any write', async () => {
    const stable = await start();
    const result = await shift({ percent: 10 });
    expectCleanFailure(
      result,
      new RegExp(
        `^canary-shift: no candidate to shift to: neither "image" nor "candidate" was given, and the newest ready revision, ${stable}, is the one serving 100 %`,
      ),
    );
    expect(writes()).toBe(0);
    // No canary tag on the production revision, and nobody called it the candidate.
    expect(JSON.stringify(emulator.describe('shop').traffic)).not.toContain('canary');
    expect(result.outputs.candidate).toBeUndefined();
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });

    // Naming the production revision as the candidate of a 10 % step is refused the same way.
    const named = await shift({ percent: 10, candidate: stable });
    expectCleanFailure(named, new RegExp(`the candidate ${stable} already serves 100 %`));
    expect(writes()).toBe(0);
    expect(JSON.stringify(emulator.describe('shop').traffic)).not.toContain('canary');
  });

  it('refuses a second rollout over a split it did not make, naming the first canary; takes over only when told', async () => {
    const stable = await start();
    const first = await shift({ percent: 10, image: V2 });
    expectSucceeded(first);
    const firstCanary = first.outputs.candidate ?? '';
    const writesAfterFirst = writes();

    const second = await shift({ percent: 10, image: V3 });
    expectCleanFailure(second, /a split this rollout did not make/);
    expect(second.errors[0]).toContain(`${firstCanary} (10 %)`);
    expect(second.errors[0]).toContain('"take-over: true"');
    expect(writes()).toBe(writesAfterFirst); // nothing deployed, nothing moved
    expect(emulator.observed('shop')).toEqual({ [stable]: 90, [firstCanary]: 10 });

    const takeOver = await shift({ percent: 10, image: V3, 'take-over': 'true' });
    expectSucceeded(takeOver);
    const secondCanary = takeOver.outputs.candidate ?? '';
    expect(takeOver.stdout).toContain(
      `Taking over (take-over: true): ${firstCanary} (10 %) goes back to ${stable}`,
    );
    expect(emulator.observed('shop')).toEqual({ [stable]: 90, [secondCanary]: 10 });
    // The rollback target names the vetted state only: the first, unvetted canary gets nothing back.
    const token = takeOver.outputs['rollback-target'] ?? '';
    expect(JSON.parse(token).traffic).toEqual([{ target: stable, percent: 100 }]);

    const restored = await runBundle('rollback', { ...cloudRunTarget, to: token }, { env: env() });
    expectSucceeded(restored);
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
  });

  it.each(['1e2', '0x0A', '0b11', '1_0', ' 10 '])(
    'refuses percent %j before any API call (decimal digits only)',
    async (percent) => {
      await start();
      const result = await shift({ percent, image: V2 });
      expectCleanFailure(
        result,
        new RegExp(`input "percent": ${JSON.stringify(percent)} is not a whole number in decimal digits`),
      );
      expect(emulator.calls).toEqual([]);
    },
  );

  it.each([
    ['canary-shift', 'timeout', { percent: 10, image: V2 }],
    ['canary-shift', 'poll-interval', { percent: 10, image: V2 }],
    ['rollback', 'timeout', { revision: 'shop-00001-abc' }],
  ] as const)('%s refuses a %s a timer cannot wait, before any API call', async (action, input, inputs) => {
    await start();
    const result = await runBundle(action, { ...cloudRunTarget, ...inputs, [input]: '597h' }, { env: env() });
    expectCleanFailure(
      result,
      new RegExp(
        `^${action}: input "${input}": "597h" is longer than the longest duration a timer can wait \\(2147483647 ms, about 24 days\\) \\(for example: `,
      ),
    );
    expect(emulator.calls).toEqual([]);
  });
});

describe('integer and duration inputs of the other actions', () => {
  it.each([
    ['smoke-test', { url: 'http://127.0.0.1:9', retries: '1e1' }, 'retries'],
    ['smoke-test', { url: 'http://127.0.0.1:9', concurrency: '0x5' }, 'concurrency'],
    ['smoke-test', { url: 'http://127.0.0.1:9', timeout: '600h' }, 'timeout'],
    [
      'error-rate-gate',
      {
        source: 'prometheus',
        'prometheus-url': 'http://127.0.0.1:9',
        candidate: 'a',
        baseline: 'b',
        'min-requests': '1e2',
      },
      'min-requests',
    ],
    [
      'db-backup',
      {
        engine: 'postgres',
        'database-url': 'postgres://backup@127.0.0.1:9/shop',
        destination: 'file:///tmp/backups',
        jobs: '0b10',
      },
      'jobs',
    ],
    [
      'notify-slack',
      {
        'webhook-url': 'http://127.0.0.1:9/hook',
        status: 'started',
        timeout: '600h',
        'fail-on-error': 'true',
      },
      'timeout',
    ],
  ] as const)('%s refuses %j, naming the input', async (action, inputs, input) => {
    const result = await runBundle(action, inputs);
    expectCleanFailure(result, new RegExp(`^${action}: input "${input}": `));
  });
});

describe('YAML values stay as written', () => {
  let app: TestServer;
  let slack: SlackEmulator;
  beforeAll(async () => {
    app = await startServer((_req, res) => res.end('ok'));
    slack = await SlackEmulator.start();
  });
  afterAll(async () => {
    await app.close();
    await slack.close();
  });

  it('smoke-test sends numeric-looking header values exactly as written', async () => {
    const result = await runBundle('smoke-test', {
      url: app.url,
      headers: 'X-Request-Id: 12345678901234567890123\nX-Revision: 00042',
      checks: '- {path: /, headers: {X-Build: 0x1F, X-Ratio: 1.0}}',
    });
    expectSucceeded(result);
    const headers = app.requests.at(-1)?.headers ?? {};
    expect(headers['x-request-id']).toBe('12345678901234567890123');
    expect(headers['x-revision']).toBe('00042');
    expect(headers['x-build']).toBe('0x1F');
    expect(headers['x-ratio']).toBe('1.0');
  });

  it('notify-slack shows revision 00042 as 00042', async () => {
    const result = await runBundle(
      'notify-slack',
      {
        'bot-token': SlackEmulator.TOKEN,
        channel: '#deploys',
        'fail-on-error': 'true',
        status: 'started',
        fields: 'service: shop\nrevision: 00042\nrequest: 12345678901234567890123',
      },
      { env: { ROLLOUT_ACTIONS_SLACK_API_URL: slack.apiUrl } },
    );
    expectSucceeded(result);
    const conversation = slack.renderConversation();
    expect(conversation).toContain('00042');
    expect(conversation).toContain('12345678901234567890123');
    // Not the number YAML would make of them (a timestamp like 03:42:49 may hold a bare 42 elsewhere).
    expect(conversation).not.toMatch(/Revision: `?42\b|1\.2345678901234568e\+22/);
  });
});

describe('without cloud credentials', () => {
  // An empty home: no gcloud login and no ~/.aws files; no credential variables at all.
  const home = mkdtempSync(join(tmpdir(), 'no-credentials-'));
  const bare = {
    HOME: home,
    GOOGLE_APPLICATION_CREDENTIALS: undefined,
    CLOUDSDK_CONFIG: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_ROLE_ARN: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  };
  const GOOGLE = /no Google credentials found \(.+\): run google-github-actions\/auth before this step$/;
  const AWS = /no AWS credentials found \(.+\): run aws-actions\/configure-aws-credentials before this step$/;
  const gate = {
    provider: 'cloud-run',
    project: PROJECT,
    region: 'us-central1',
    service: 'shop',
    candidate: 'shop-00002-new',
    baseline: 'shop-00001-old',
    duration: '5m',
  };
  // Guards the run, not a timing claim: the old gate kept retrying for 259–300 s.
  const options = (env: Record<string, string | undefined>) => ({
    env: { ...bare, ...env },
    timeoutMs: 60_000,
  });

  it.each([
    [
      'a missing key file',
      { GOOGLE_APPLICATION_CREDENTIALS: join(home, 'missing.json') },
      /names .*missing\.json, which is not a readable file/,
    ],
    ['nothing set', {}, /GOOGLE_APPLICATION_CREDENTIALS is not set/],
  ])(
    'error-rate-gate on Cloud Monitoring, with %s, fails at once naming the auth step',
    async (_, env, why) => {
      const result = await runBundle('error-rate-gate', gate, options(env));
      expectCleanFailure(result, GOOGLE);
      expect(result.errors[0]).toMatch(why);
    },
  );

  it('canary-shift on Cloud Run says the same', async () => {
    const result = await runBundle(
      'canary-shift',
      { ...cloudRunTarget, percent: 10, image: V2 },
      options({}),
    );
    expectCleanFailure(result, GOOGLE);
  });

  describe('AWS, with the default chain empty', () => {
    let aws: AwsEmulator;
    beforeAll(async () => {
      aws = await startAwsEmulator({ deploymentMs: 100 });
    });
    afterAll(async () => aws.stop());
    const awsEnv = () => ({ ROLLOUT_ACTIONS_AWS_ENDPOINT: aws.endpoint, AWS_REGION: 'us-east-1' });

    it('canary-shift and rollback on ECS fail before any API call', async () => {
      const target = {
        provider: 'ecs',
        cluster: aws.world.cluster,
        services: `${aws.world.services.blue},${aws.world.services.green}`,
        'listener-arn': aws.world.listenerArn,
      };
      const shift = await runBundle(
        'canary-shift',
        { ...target, percent: 10, 'task-definition': 'shop:2' },
        options(awsEnv()),
      );
      expectCleanFailure(shift, AWS);
      const rollback = await runBundle(
        'rollback',
        { ...target, 'task-definition': 'shop:1' },
        options(awsEnv()),
      );
      expectCleanFailure(rollback, AWS);
      expect(aws.calls).toEqual([]);
    });

    it('error-rate-gate on CloudWatch fails at once', async () => {
      const cloudWatch = await startServer((_req, res) => res.end());
      const arn = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012';
      const result = await runBundle(
        'error-rate-gate',
        {
          provider: 'ecs',
          'load-balancer': `${arn}:loadbalancer/app/shop-alb/50dc6c495c0c9188`,
          'candidate-target-group': `${arn}:targetgroup/shop-green/6d0ecf831eec9f09`,
          'baseline-target-group': `${arn}:targetgroup/shop-blue/943f017f100becff`,
          duration: '5m',
        },
        options({ AWS_ENDPOINT_URL_CLOUDWATCH: cloudWatch.url, AWS_REGION: 'eu-west-1' }),
      );
      await cloudWatch.close();
      expectCleanFailure(result, AWS);
      expect(cloudWatch.requests).toEqual([]);
    });
  });
});
