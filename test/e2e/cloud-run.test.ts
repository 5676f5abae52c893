/**
 * canary-shift and rollback bundles, run as the runner runs them, against the Cloud Run emulator
 * through the real @google-cloud/run client (REST transport).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type CloudRunEmulator, startCloudRunEmulator } from '../../harness/emulators/cloud-run/server';
import { type BundleResult, runBundle } from '../../harness/helpers/runner';

const PROJECT = 'shop-prod-1';
const REGION = 'europe-west1';
const V1 = 'europe-docker.pkg.dev/shop-prod-1/apps/shop:v1';
const V2 = 'europe-docker.pkg.dev/shop-prod-1/apps/shop:v2';
const BAD = 'europe-docker.pkg.dev/shop-prod-1/apps/shop:bad';
const CRASH = 'europe-docker.pkg.dev/shop-prod-1/apps/shop:crash';

let emulator: CloudRunEmulator;

async function start(options: { reconcileMs?: number } = {}): Promise<CloudRunEmulator> {
  emulator = await startCloudRunEmulator({
    project: PROJECT,
    region: REGION,
    services: [{ name: 'shop', image: V1 }],
    images: { [BAD]: { errorRate: 0.2 }, [CRASH]: { failsToStart: true } },
    reconcileMs: options.reconcileMs ?? 30,
  });
  return emulator;
}

afterEach(async () => {
  await emulator?.stop();
});

const target = {
  provider: 'cloud-run',
  project: PROJECT,
  region: REGION,
  service: 'shop',
  'poll-interval': '100ms',
};

function shift(inputs: Record<string, string | number>, options: Parameters<typeof runBundle>[2] = {}) {
  return runBundle(
    'canary-shift',
    { ...target, timeout: '20s', ...inputs },
    {
      ...options,
      env: { ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT: emulator.endpoint, ...options.env },
    },
  );
}

function rollback(inputs: Record<string, string | number>) {
  return runBundle(
    'rollback',
    { ...target, timeout: '20s', ...inputs },
    { env: { ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT: emulator.endpoint } },
  );
}

const writes = () => emulator.calls.filter((c) => c.method === 'PATCH' && c.status === 200).length;
const firstRevision = () => emulator.revisions('shop')[0] ?? '';

function expectSucceeded(result: BundleResult): void {
  expect(result.errors, result.stdout).toEqual([]);
  expect(result.exitCode).toBe(0);
}

/** Requests sent to the service URL, by the version that answered. */
async function sendThroughService(count: number): Promise<Record<string, number>> {
  const answered: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const response = await fetch(emulator.serviceUrl('shop'));
    const version = response.headers.get('x-version') ?? '?';
    answered[version] = (answered[version] ?? 0) + 1;
    await response.arrayBuffer();
  }
  return answered;
}

describe('canary-shift on Cloud Run', () => {
  it('promotes 10 → 50 → 100 %, proving each split by what the platform serves', async () => {
    await start();
    const stable = firstRevision();

    const ten = await shift({ percent: 10, image: V2 });
    expectSucceeded(ten);
    const candidate = ten.outputs.candidate ?? '';
    expect(candidate).toMatch(/^shop-v2-[0-9a-f]{8}$/);
    expect(ten.outputs.stable).toBe(stable);
    expect(emulator.observed('shop')).toEqual({ [stable]: 90, [candidate]: 10 });
    expect(JSON.parse(ten.outputs['observed-traffic'] ?? '')).toEqual([
      { target: stable, percent: 90 },
      { target: candidate, percent: 10, tag: 'canary' },
    ]);
    // The tag URL reaches the candidate alone; the service URL splits by the observed weights.
    expect(ten.outputs['candidate-url']).toBe(emulator.tagUrl('shop', 'canary'));
    const tagged = await fetch(ten.outputs['candidate-url'] ?? '');
    expect(tagged.headers.get('x-version')).toBe('v2');
    // Routed request by request at random (seeded), as Cloud Run does: 10 % on average, not exactly.
    const routed = await sendThroughService(200);
    expect(Object.keys(routed).sort()).toEqual(['v1', 'v2']);
    expect(routed.v2).toBeGreaterThanOrEqual(5); // binomial(200, 0.1): mean 20, sd 4.2
    expect(routed.v2).toBeLessThanOrEqual(40);
    expect(ten.summary).toContain(`| ${stable} | stable | 100 % | 90 % |`);
    expect(ten.summary).toContain(
      `| ${candidate} | candidate | 0 % | 10 % | canary: ${ten.outputs['candidate-url']} |`,
    );
    expect(ten.summary).toContain('pie showData title After');

    const fifty = await shift({ percent: 50, image: V2 });
    expectSucceeded(fifty);
    expect(fifty.outputs.candidate).toBe(candidate);
    expect(emulator.observed('shop')).toEqual({ [stable]: 50, [candidate]: 50 });
    // The rollback target is still the state before the rollout, not the half-way split.
    expect(JSON.parse(fifty.outputs['rollback-target'] ?? '').traffic).toEqual([
      { target: stable, percent: 100 },
    ]);

    const hundred = await shift({ percent: 100, image: V2 });
    expectSucceeded(hundred);
    expect(emulator.observed('shop')).toEqual({ [candidate]: 100 });
    expect(await sendThroughService(20)).toEqual({ v2: 20 });
    expect(emulator.revisions('shop')).toHaveLength(2); // one deploy for three steps
    expect(emulator.log.samples({ group: 'shop', version: candidate }).length).toBeGreaterThan(0);
    // Every call names the action, its version and the run.
    expect(new Set(emulator.calls.map((c) => c.userAgent))).toEqual(
      new Set(['rollout-actions/canary-shift/1.0.0 (acme/shop run 4242/1)']),
    );
  });

  it('pins a LATEST split when deploying, so the new revision takes no traffic before the shift', async () => {
    await start();
    const stable = firstRevision();
    expect((emulator.describe('shop').traffic as { type: number }[])[0]?.type).toBe(1); // LATEST
    const zero = await shift({ percent: 0, image: V2 });
    expectSucceeded(zero);
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
    expect(emulator.describe('shop').traffic).toEqual([
      { type: 2, revision: stable, percent: 100 },
      { type: 2, revision: zero.outputs.candidate, percent: 0, tag: 'canary' },
    ]);
  });

  it('re-running a step that holds writes nothing', async () => {
    await start();
    expectSucceeded(await shift({ percent: 10, image: V2 }));
    const before = writes();
    const again = await shift({ percent: 10, image: V2 });
    expectSucceeded(again);
    expect(writes()).toBe(before);
    expect(again.stdout).toContain('already holds');
    expect(again.summary).toContain('already held: nothing written');
  });

  it('shifts to a named revision, and to the newest ready one by default', async () => {
    await start();
    const stable = firstRevision();
    const deployed = await shift({ percent: 0, image: V2, 'revision-suffix': 'v2' });
    expectSucceeded(deployed);
    expect(deployed.outputs.candidate).toBe('shop-v2');
    expectSucceeded(await shift({ percent: 25, candidate: 'shop-v2' }));
    expect(emulator.observed('shop')).toEqual({ [stable]: 75, 'shop-v2': 25 });
    expectSucceeded(await shift({ percent: 40 }));
    expect(emulator.observed('shop')).toEqual({ [stable]: 60, 'shop-v2': 40 });
  });
});

describe('rollback on Cloud Run', () => {
  it.each([10, 50, 100])(
    'restores the stable revision from the %i percent step, then is a no-op',
    async (percent) => {
      await start();
      const stable = firstRevision();
      let token = '';
      for (const step of [10, 50, 100].filter((p) => p <= percent)) {
        const result = await shift({ percent: step, image: BAD });
        expectSucceeded(result);
        token = result.outputs['rollback-target'] ?? '';
      }
      const restored = await rollback({ to: token, reason: 'error rate 20 %' });
      expectSucceeded(restored);
      expect(restored.outputs['rolled-back']).toBe('true');
      expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
      // The candidate keeps its tag at 0 %: its URL still answers for a post-mortem.
      expect(JSON.parse(restored.outputs['observed-traffic'] ?? '')).toEqual([
        { target: stable, percent: 100 },
        expect.objectContaining({ percent: 0, tag: 'canary' }),
      ]);
      expect(restored.summary).toContain('Rolled back');
      expect(await sendThroughService(10)).toEqual({ v1: 10 });

      const writesBefore = writes();
      const again = await rollback({ to: token });
      expectSucceeded(again);
      expect(again.outputs['rolled-back']).toBe('false');
      expect(writes()).toBe(writesBefore);
    },
  );

  it('two rollbacks at once converge on the same state', async () => {
    await start();
    const stable = firstRevision();
    const token = (await shift({ percent: 50, image: BAD })).outputs['rollback-target'] ?? '';
    const [a, b] = await Promise.all([rollback({ to: token }), rollback({ to: token })]);
    expectSucceeded(a);
    expectSucceeded(b);
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
    expect([a.outputs['rolled-back'], b.outputs['rolled-back']]).toContain('true');
  });

  it('restores an explicit revision', async () => {
    await start();
    const stable = firstRevision();
    expectSucceeded(await shift({ percent: 100, image: V2 }));
    const restored = await rollback({ revision: stable });
    expectSucceeded(restored);
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
  });

  it('is a logged no-op when no token was produced (the rollout never wrote)', async () => {
    await start();
    const result = await rollback({});
    expectSucceeded(result);
    expect(result.outputs['rolled-back']).toBe('false');
    expect(result.warnings.join('\n')).toContain('nothing was in flight');
    expect(emulator.calls).toHaveLength(0);
  });
});

describe('faults', () => {
  it('retries throttling and unavailability on reads, writes and operation polls', async () => {
    await start();
    emulator.faults.failNext(429, { count: 2, method: 'GET', pathIncludes: '/services/shop' });
    emulator.faults.failNext(503, { count: 1, method: 'PATCH' });
    emulator.faults.failNext(503, { count: 1, pathIncludes: '/operations/' });
    const result = await shift({ percent: 10, image: V2 });
    expectSucceeded(result);
    expect(result.stdout).toMatch(/read service: try 1 failed .*retrying/);
    expect(result.stdout).toMatch(/update service: try 1 failed .*retrying/);
    expect(emulator.calls.filter((c) => c.status === 429 || c.status === 503)).toHaveLength(4);
    expect(Object.values(emulator.observed('shop')).sort()).toEqual([10, 90]);
  });

  it('waits out a slow operation within the timeout', async () => {
    await start();
    emulator.faults.operationDelayMs = 1500;
    const result = await shift({ percent: 10, image: V2 });
    expectSucceeded(result);
    expect(emulator.calls.filter((c) => c.path.includes('/operations/')).length).toBeGreaterThan(5);
    expect(Object.values(emulator.observed('shop')).sort()).toEqual([10, 90]);
  });

  it('rollback retries throttled and unavailable calls', async () => {
    await start();
    const stable = firstRevision();
    const token = (await shift({ percent: 50, image: BAD })).outputs['rollback-target'] ?? '';
    emulator.faults.failNext(429, { count: 1, method: 'GET' });
    emulator.faults.failNext(503, { count: 2, method: 'PATCH' });
    const restored = await rollback({ to: token });
    expectSucceeded(restored);
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
    expect(emulator.calls.filter((c) => c.method === 'PATCH' && c.status === 503)).toHaveLength(2);
  });

  it('a rollback whose operation never finishes fails with the observed split, never claiming success', async () => {
    await start();
    const token = (await shift({ percent: 50, image: BAD })).outputs['rollback-target'] ?? '';
    emulator.faults.stuckOperations = true;
    const result = await rollback({ to: token, timeout: '1s' });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toMatch(/^rollback: timed out waiting for the split .* 50 %/);
    expect(result.outputs['rolled-back']).toBeUndefined();
    expect(
      JSON.parse(result.outputs['observed-traffic'] ?? '').map((e: { percent: number }) => e.percent),
    ).toEqual([50, 50]);
    expect(result.summary).toContain('Rollback did not complete');
  });

  it('fails clearly when the API stays unavailable, before any write', async () => {
    await start();
    emulator.faults.failNext(503, { count: 100 });
    const result = await shift({ percent: 10, image: V2, timeout: '8s' });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toMatch(
      /^canary-shift: Cloud Run read service failed: Injected 503 \(\d+ tries, until the step's deadline\)/,
    );
    expect(writes()).toBe(0);
  }, 90_000);

  it('a stuck operation times out, reporting the observed split and the rollback target', async () => {
    await start();
    const stable = firstRevision();
    expectSucceeded(await shift({ percent: 0, image: V2 }));
    emulator.faults.stuckOperations = true;
    const result = await shift({ percent: 10, image: V2, timeout: '1s' });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toMatch(
      /timed out waiting for the split .* the platform serves .*100 % and is still reconciling/,
    );
    expect(JSON.parse(result.outputs['observed-traffic'] ?? '')).toEqual([
      { target: stable, percent: 100 },
      expect.objectContaining({ percent: 0, tag: 'canary' }),
    ]);
    expect(JSON.parse(result.outputs['rollback-target'] ?? '').traffic).toEqual([
      { target: stable, percent: 100 },
    ]);
    expect(result.summary).toContain('did not complete');
  });

  it('a failed reconcile fails the step; the serving split is unchanged and rollback restores the desired one', async () => {
    await start();
    const stable = firstRevision();
    expectSucceeded(await shift({ percent: 0, image: V2 }));
    emulator.faults.failNextReconcile('Quota exceeded for instances in europe-west1');
    const result = await shift({ percent: 50, image: V2 });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toContain('Quota exceeded for instances in europe-west1');
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
    expect((emulator.describe('shop').traffic as { percent: number }[]).map((t) => t.percent)).toEqual([
      50, 50,
    ]);

    // Re-running the failed step writes the split again, and this time the platform serves it.
    const retried = await shift({ percent: 50, image: V2 });
    expectSucceeded(retried);
    expect(Object.values(emulator.observed('shop'))).toEqual([50, 50]);

    const restored = await rollback({ to: result.outputs['rollback-target'] ?? '' });
    expectSucceeded(restored);
    expect((emulator.describe('shop').traffic as { percent: number }[]).map((t) => t.percent)).toEqual([
      100, 0,
    ]);
  });

  it('a candidate that fails to start never takes traffic', async () => {
    await start();
    const stable = firstRevision();
    const result = await shift({ percent: 10, image: CRASH });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toMatch(/failed to start/);
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
    expect(result.outputs['rollback-target']).toBeTruthy();
  });

  it.each([
    [
      'just before the write is applied',
      (e: CloudRunEmulator) => e.faults.concurrentWriteBeforeNextPatch('shop'),
    ],
    [
      'between the first read and the write',
      (e: CloudRunEmulator) => e.faults.concurrentWriteAfterNextRead('shop'),
    ],
  ])('another writer %s aborts the step with nothing written', async (_when, inject) => {
    await start();
    const stable = firstRevision();
    expectSucceeded(await shift({ percent: 0, image: V2 }));
    const writesBefore = writes();
    inject(emulator);
    const result = await shift({ percent: 10, image: V2 });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toMatch(
      /changed (since it was read|by another writer).*nothing was written/,
    );
    expect(writes()).toBe(writesBefore);
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
    expect(result.outputs['rollback-target']).toBeTruthy();
  });

  it('refuses to reuse a revision name with another image', async () => {
    await start();
    expectSucceeded(await shift({ percent: 0, image: V2, 'revision-suffix': 'rc1' }));
    const result = await shift({ percent: 10, image: BAD, 'revision-suffix': 'rc1' });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toContain('revision shop-rc1 already exists with image');
    expect(writes()).toBe(1);
  });

  it('cancellation during a shift stops writing and reports the state reached; rollback then restores', async () => {
    await start({ reconcileMs: 30 });
    const stable = firstRevision();
    expectSucceeded(await shift({ percent: 0, image: V2 }));
    emulator.faults.operationDelayMs = 60_000;
    const writesBefore = writes();
    const result = await shift(
      { percent: 50, image: V2 },
      {
        onStart: (child) => {
          const timer = setInterval(() => {
            if (writes() > writesBefore) {
              clearInterval(timer);
              child.kill('SIGTERM');
            }
          }, 20);
        },
      },
    );
    expect(result.exitCode).toBe(1);
    expect(result.warnings.join('\n')).toContain('received SIGTERM');
    expect(result.errors.at(-1)).toMatch(/^canary-shift: cancelled/);
    expect(writes()).toBe(writesBefore + 1);
    expect(JSON.parse(result.outputs['observed-traffic'] ?? '')).toContainEqual({
      target: stable,
      percent: 100,
    });
    const token = result.outputs['rollback-target'] ?? '';
    expect(token).not.toBe('');

    emulator.faults.operationDelayMs = 30;
    const restored = await rollback({ to: token });
    expectSucceeded(restored);
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
    expect((emulator.describe('shop').traffic as { percent: number }[]).map((t) => t.percent)).toEqual([
      100, 0,
    ]);
  });
});

/**
 * issue 13: a rollback keeps trying every retryable error until its own deadline, with backoff
 * and Retry-After, then reports what is served. No timing targets here (the machine is loaded):
 * outcomes, observed state, and that a failed step ended by its deadline with generous slack.
 */
describe('rollback persists through faults until its deadline', () => {
  async function midRollout(): Promise<{ stable: string; token: string }> {
    await start();
    const stable = firstRevision();
    const token = (await shift({ percent: 30, image: BAD })).outputs['rollback-target'] ?? '';
    expect(Object.values(emulator.observed('shop')).sort()).toEqual([30, 70]);
    return { stable, token };
  }

  function expectRestored(result: BundleResult, stable: string): void {
    expectSucceeded(result);
    expect(result.outputs['rolled-back']).toBe('true');
    expect(emulator.observed('shop')).toEqual({ [stable]: 100 });
  }

  it('survives 8 consecutive 503s on GET', async () => {
    const { stable, token } = await midRollout();
    emulator.faults.failNext(503, { count: 8, method: 'GET', pathIncludes: '/services/shop' });
    const restored = await rollback({ to: token, timeout: '2m' });
    expectRestored(restored, stable);
    expect(emulator.calls.filter((c) => c.status === 503)).toHaveLength(8);
  }, 180_000);

  it('survives 7 PATCHes answered 429, waiting at least the Retry-After between tries', async () => {
    const { stable, token } = await midRollout();
    emulator.faults.failNext(429, { count: 7, method: 'PATCH', retryAfterSeconds: 1 });
    const restored = await rollback({ to: token, timeout: '2m' });
    expectRestored(restored, stable);
    const patches = emulator.calls.filter((c) => c.method === 'PATCH').slice(-8);
    expect(patches.map((c) => c.status)).toEqual([429, 429, 429, 429, 429, 429, 429, 200]);
    // Retry-After is a lower bound on each wait: a loaded machine only makes the gaps longer.
    for (let i = 1; i < patches.length; i++) {
      expect((patches[i]?.at ?? 0) - (patches[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    }
  }, 180_000);

  it('survives 5 write conflicts in a row, reading again after each', async () => {
    const { stable, token } = await midRollout();
    emulator.faults.concurrentWriteBeforeNextPatch('shop', 5);
    const restored = await rollback({ to: token, timeout: '2m' });
    expectRestored(restored, stable);
    expect(emulator.calls.filter((c) => c.method === 'PATCH' && c.status === 409)).toHaveLength(5);
    expect(restored.stdout.match(/Another writer changed the service/g)).toHaveLength(5);
  }, 180_000);

  it('rewrites after a failed reconcile, as a re-run of canary-shift does', async () => {
    const { stable, token } = await midRollout();
    emulator.faults.failNextReconcile('Quota exceeded for instances in europe-west1');
    const patchesBefore = writes();
    const restored = await rollback({ to: token, timeout: '2m' });
    expectRestored(restored, stable);
    expect(writes() - patchesBefore).toBe(2);
    expect(restored.stdout).toContain('The platform did not apply the rollback');
  }, 180_000);

  it('when the API never recovers, ends by its deadline and reports what is served', async () => {
    const { token } = await midRollout();
    emulator.faults.failNext(503, { count: 10_000, method: 'PATCH' });
    // 20 s: even the longest six backoffs (0.25 + 0.5 + 1 + 2 + 4 + 8 s) leave time for a seventh try.
    const result = await rollback({ to: token, timeout: '20s' });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toMatch(
      /^rollback: Cloud Run update service failed: Injected 503 \(\d+ tries, until the step's deadline\)/,
    );
    expect(
      JSON.parse(result.outputs['observed-traffic'] ?? '').map((e: { percent: number }) => e.percent),
    ).toEqual([70, 30]);
    expect(result.summary).toContain('Rollback did not complete');
    // More tries than the old fixed six, and the step stopped near its deadline (generous slack).
    expect(emulator.calls.filter((c) => c.method === 'PATCH' && c.status === 503).length).toBeGreaterThan(6);
    expect(result.durationMs).toBeLessThan(20_000 + 30_000);
  }, 120_000);
});

describe('names within Cloud Run limits', () => {
  it('shortens the default revision name of a long service name and image tag to 63 characters', async () => {
    const service = 'checkout-payments-gateway-europe-prod-1'; // 39 characters: room for a 7-character tag
    emulator = await startCloudRunEmulator({
      project: PROJECT,
      region: REGION,
      services: [{ name: service, image: V1 }],
      reconcileMs: 30,
    });
    const image = 'europe-docker.pkg.dev/shop-prod-1/apps/checkout:release-2026-12-01-build-4711';
    const result = await shift({ service, percent: 10, image, 'candidate-tag': 'rc-next' });
    expectSucceeded(result);
    const candidate = result.outputs.candidate ?? '';
    // The old default, <service>-<20 characters of tag>-<8 hex>, was 69 characters: the API refuses it.
    expect(candidate).toMatch(new RegExp(`^${service}-release-2026-1-[0-9a-f]{8}$`));
    expect(candidate.length).toBeLessThanOrEqual(63);
    expect(Object.values(emulator.observed(service)).sort()).toEqual([10, 90]);
  });

  it('a rollback token naming a revision that no longer exists fails clearly, writing nothing', async () => {
    await start();
    const token = JSON.stringify({
      v: 1,
      provider: 'cloud-run',
      resource: { project: PROJECT, region: REGION, service: 'shop' },
      traffic: [{ target: 'shop-00042-del', percent: 100 }],
      capturedAt: '2026-01-01T00:00:00Z',
    });
    const result = await rollback({ to: token });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toContain('revision shop-00042-del not found in service shop');
    expect(writes()).toBe(0);
  });
});

describe('bad inputs fail before any API call', () => {
  it.each([
    ['canary-shift', { percent: 150, image: V2 }, 'input "percent": 150 is above the maximum 100'],
    ['canary-shift', { percent: 10, service: '' }, 'input "service": is required'],
    [
      'canary-shift',
      { percent: 10, image: V2, candidate: 'shop-00002-abc' },
      'give either "candidate" or "image"',
    ],
    ['canary-shift', { percent: 10, cluster: 'prod' }, 'input "cluster": applies to provider "ecs" only'],
    [
      'canary-shift',
      { percent: 10, provider: 'gke' },
      'input "provider": "gke" is not one of cloud-run, ecs',
    ],
    ['rollback', { to: '{"v":1,' }, 'input "to": is not a rollback-target token (not JSON)'],
    [
      'rollback',
      {
        to: '{"v":1,"provider":"cloud-run","resource":{"project":"shop-prod-1","region":"europe-west1","service":"cart"},"traffic":[{"target":"cart-1","percent":100}],"capturedAt":"2026-01-01T00:00:00Z"}',
      },
      'belongs to another resource',
    ],
    ['rollback', { revision: 'cart-00001-abc' }, 'is not a revision of service shop'],
    // Cloud Run's name limits (issue 14): refused as input errors, not by the API mid-rollout.
    [
      'canary-shift',
      { percent: 10, image: V2, 'candidate-tag': 'c1' },
      'input "candidate-tag": "c1" is shorter than 3',
    ],
    [
      'canary-shift',
      { percent: 10, image: V2, service: 'checkout-payments-gateway-europe-prod-eu1' },
      'input "candidate-tag": "canary" and the service name "checkout-payments-gateway-europe-prod-eu1" together are 47 characters; Cloud Run allows 46',
    ],
  ])('%s %j', async (action, inputs, message) => {
    await start();
    const result = await runBundle(
      action,
      { ...target, ...inputs },
      { env: { ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT: emulator.endpoint } },
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(message);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(emulator.calls).toHaveLength(0);
  });
});
