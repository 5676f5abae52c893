/**
 * The Cloud Run emulator as the real @google-cloud/run client sees it: resource shapes, long-running
 * operations, error codes and etags, and the extra handlers mounted on its port.
 */
import type { ServicesClient } from '@google-cloud/run/build/src/v2/services_client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudRunEmulator, startCloudRunEmulator } from '../../harness/emulators/cloud-run/server';

let emulator: CloudRunEmulator;
let services: ServicesClient;
const NAME = 'projects/emu-project-1/locations/us-central1/services/cart';

/** The real ServicesClient, REST transport, pointed at an emulator port with a no-op auth client. */
async function restClient(port: number): Promise<ServicesClient> {
  const { ServicesClient: Client } = await import('@google-cloud/run/build/src/v2/services_client.js');
  return new Client({
    fallback: true,
    protocol: 'http',
    apiEndpoint: '127.0.0.1',
    port,
    authClient: {
      getRequestHeaders: async () => new Headers(),
      fetch: (url: string, init: RequestInit) => fetch(url, init),
    },
  } as unknown as ConstructorParameters<typeof Client>[0]);
}

beforeAll(async () => {
  emulator = await startCloudRunEmulator({
    project: 'emu-project-1',
    region: 'us-central1',
    services: [{ name: 'cart', image: 'gcr.io/emu-project-1/cart:v1', traffic: 'pinned' }],
    reconcileMs: 20,
  });
  services = await restClient(emulator.port);
});

afterAll(async () => {
  await services.close();
  await emulator.stop();
});

async function waitDone(name: string) {
  for (let i = 0; i < 100; i++) {
    const operation = await services.checkUpdateServiceProgress(name);
    if (operation.done) return operation;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('operation never finished');
}

describe('Cloud Run emulator', () => {
  it('serves a service with generation, etag, traffic and trafficStatuses', async () => {
    const [service] = await services.getService({ name: NAME });
    expect(service.generation).toBe('1');
    expect(service.observedGeneration).toBe('1');
    expect(service.etag).toMatch(/^".+"$/);
    expect(service.terminalCondition?.state).toBe('CONDITION_SUCCEEDED');
    expect(service.traffic?.[0]).toMatchObject({
      type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION',
      percent: 100,
    });
    expect(service.trafficStatuses?.[0]?.revision).toMatch(/^cart-00001-[a-z]{3}$/);
  });

  it('runs an update as a long-running operation: reconciling, then observed', async () => {
    const [before] = await services.getService({ name: NAME });
    emulator.faults.operationDelayMs = 400;
    const [operation] = await services.updateService({
      service: {
        ...before,
        template: {
          ...before.template,
          revision: 'cart-v2',
          containers: [{ image: 'gcr.io/emu-project-1/cart:v2' }],
        },
        traffic: [
          {
            type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION',
            revision: before.trafficStatuses?.[0]?.revision,
            percent: 50,
          },
          { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'cart-v2', percent: 50, tag: 'next' },
        ],
      },
    });
    const [pending] = await services.getService({ name: NAME });
    expect(pending.reconciling).toBe(true);
    expect(pending.generation).toBe('2');
    expect(pending.etag).not.toBe(before.etag);
    expect((await waitDone(operation.name ?? '')).error).toBeFalsy();
    emulator.faults.operationDelayMs = 20;
    const [after] = await services.getService({ name: NAME });
    expect(after.observedGeneration).toBe('2');
    expect(after.latestReadyRevision).toBe(`${NAME}/revisions/cart-v2`);
    expect(after.trafficStatuses?.map((t) => [t.revision, t.percent, t.tag])).toEqual([
      [before.trafficStatuses?.[0]?.revision, 50, ''],
      ['cart-v2', 50, 'next'],
    ]);
    const tagged = await fetch(emulator.tagUrl('cart', 'next') ?? '');
    expect(tagged.headers.get('x-version')).toBe('v2');
  });

  it('refuses a stale etag (ABORTED) and a revision name reused with another image (ALREADY_EXISTS)', async () => {
    const [service] = await services.getService({ name: NAME });
    await expect(services.updateService({ service: { ...service, etag: '"stale"' } })).rejects.toMatchObject({
      code: 10,
    });
    await expect(
      services.updateService({
        service: {
          ...service,
          template: {
            ...service.template,
            revision: 'cart-v2',
            containers: [{ image: 'gcr.io/emu-project-1/cart:v3' }],
          },
        },
      }),
    ).rejects.toMatchObject({ code: 6 });
  });

  it('answers NOT_FOUND for an unknown service and injected faults with their codes', async () => {
    await expect(
      services.getService({ name: 'projects/emu-project-1/locations/us-central1/services/nope' }),
    ).rejects.toMatchObject({ code: 5 });
    emulator.faults.failNext(429);
    await expect(services.getService({ name: NAME })).rejects.toMatchObject({ code: 8 });
    // The client's default settings retry UNAVAILABLE on reads (the provider turns that off and
    // retries itself); the emulator answered 503 once, then the service.
    const before = emulator.calls.length;
    emulator.faults.failNext(503);
    const [service] = await services.getService({ name: NAME });
    expect(service.name).toBe(NAME);
    expect(emulator.calls.slice(before).map((c) => c.status)).toEqual([503, 200]);
  });

  it('tries mounted handlers on its port before answering 404', async () => {
    emulator.mount((req, res) => {
      if (!req.url?.startsWith('/v3/')) return false;
      res.end('mounted');
      return true;
    });
    expect(await (await fetch(`${emulator.endpoint}/v3/projects/p/timeSeries`)).text()).toBe('mounted');
    expect((await fetch(`${emulator.endpoint}/elsewhere`)).status).toBe(404);
  });
});

/**
 * Where the real API is stricter than a naive emulator would be (harness/emulators/README.md cites
 * each): every case through the real client, on a service of its own.
 */
describe('Cloud Run emulator: the real API contract', () => {
  let strict: CloudRunEmulator;
  let client: ServicesClient;
  const SERVICE = 'projects/emu-project-1/locations/us-central1/services/orders';

  beforeAll(async () => {
    strict = await startCloudRunEmulator({
      project: 'emu-project-1',
      region: 'us-central1',
      services: [{ name: 'orders', image: 'gcr.io/emu-project-1/orders:v1', traffic: 'pinned' }],
      reconcileMs: 20,
    });
    client = await restClient(strict.port);
  });

  afterAll(async () => {
    await client.close();
    await strict.stop();
  });

  async function done(name: string) {
    for (let i = 0; i < 200; i++) {
      const operation = await client.checkUpdateServiceProgress(name);
      if (operation.done) return operation;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('operation never finished');
  }

  const revisionTarget = (revision: string | null | undefined, percent: number, tag?: string) => ({
    type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION' as const,
    revision: revision ?? '',
    percent,
    ...(tag ? { tag } : {}),
  });

  it('refuses a traffic write that sends back the template naming a deployed revision (409 ALREADY_EXISTS); update_mask=traffic without the template is accepted', async () => {
    const [before] = await client.getService({ name: SERVICE });
    const stable = before.trafficStatuses?.[0]?.revision;
    const [deploy] = await client.updateService({
      service: {
        ...before,
        template: {
          ...before.template,
          revision: 'orders-v2',
          containers: [{ image: 'gcr.io/emu-project-1/orders:v2' }],
        },
        traffic: [revisionTarget(stable, 100), revisionTarget('orders-v2', 0, 'canary')],
      },
    });
    expect((await done(deploy.name ?? '')).error).toBeFalsy();

    // What the provider did before: the whole service as read, template.revision included.
    const [read] = await client.getService({ name: SERVICE });
    await expect(
      client.updateService({
        service: {
          ...read,
          traffic: [revisionTarget(stable, 90), revisionTarget('orders-v2', 10, 'canary')],
        },
      }),
    ).rejects.toMatchObject({
      code: 6,
      message: expect.stringContaining(
        "Revision named 'orders-v2' with different configuration already exists",
      ),
    });
    // Without a mask, the template is REQUIRED (a replace).
    await expect(
      client.updateService({
        service: { name: read.name, etag: read.etag, traffic: [revisionTarget(stable, 100)] },
      }),
    ).rejects.toMatchObject({ code: 3 });
    // Only the traffic, named in update_mask: accepted, and the template is left as it was.
    const [split] = await client.updateService({
      service: {
        name: read.name,
        etag: read.etag,
        traffic: [revisionTarget(stable, 90), revisionTarget('orders-v2', 10, 'canary')],
      },
      updateMask: { paths: ['traffic'] },
    });
    expect((await done(split.name ?? '')).error).toBeFalsy();
    const [after] = await client.getService({ name: SERVICE });
    expect(after.template?.revision).toBe('orders-v2');
    expect(after.trafficStatuses?.map((t) => t.percent)).toEqual([90, 10]);
    expect(strict.revisions('orders')).toHaveLength(2);
  });

  it('after a failed reconcile keeps observedGeneration, trafficStatuses and latestReadyRevision of the last serving state', async () => {
    const [before] = await client.getService({ name: SERVICE });
    strict.faults.failNextReconcile('Quota exceeded');
    const [operation] = await client.updateService({
      service: {
        name: before.name,
        etag: before.etag,
        traffic: before.trafficStatuses?.map((t) => revisionTarget(t.revision, 50, t.tag || undefined)) ?? [],
      },
      updateMask: { paths: ['traffic'] },
    });
    const finished = await done(operation.name ?? '');
    expect(finished.error?.message).toContain('Quota exceeded');
    const [after] = await client.getService({ name: SERVICE });
    expect(after.reconciling).toBe(false);
    expect(after.terminalCondition?.state).toBe('CONDITION_FAILED');
    expect(Number(after.generation)).toBe(Number(before.generation) + 1);
    expect(after.observedGeneration).toBe(before.observedGeneration);
    expect(after.latestReadyRevision).toBe(before.latestReadyRevision);
    expect(after.trafficStatuses?.map((t) => t.percent)).toEqual(
      before.trafficStatuses?.map((t) => t.percent),
    );
  });

  it('accepts a traffic write naming a missing revision, then fails its operation', async () => {
    const [before] = await client.getService({ name: SERVICE });
    const [operation] = await client.updateService({
      service: { name: before.name, etag: before.etag, traffic: [revisionTarget('orders-gone', 100)] },
      updateMask: { paths: ['traffic'] },
    });
    expect(operation.done).toBeFalsy();
    const finished = await done(operation.name ?? '');
    expect(finished.error?.message).toContain("Revision 'orders-gone' referenced in traffic not found");
    const [after] = await client.getService({ name: SERVICE });
    expect(after.terminalCondition?.state).toBe('CONDITION_FAILED');
    expect(after.trafficStatuses).toEqual(before.trafficStatuses);
  });

  it('enforces name limits: tags of 3+ characters, tag + service ≤ 46, revision names ≤ 63', async () => {
    const [read] = await client.getService({ name: SERVICE });
    const stable = read.trafficStatuses?.find((t) => t.percent && t.percent > 0)?.revision;
    const traffic = (tag: string) =>
      client.updateService({
        service: { name: read.name, etag: read.etag, traffic: [revisionTarget(stable, 100, tag)] },
        updateMask: { paths: ['traffic'] },
      });
    await expect(traffic('ab')).rejects.toMatchObject({ code: 3 });
    await expect(traffic(`t${'a'.repeat(40)}`)).rejects.toMatchObject({
      code: 3,
      message: expect.stringContaining('cannot exceed 46 characters'),
    });
    await expect(
      client.updateService({
        service: {
          name: read.name,
          etag: read.etag,
          template: {
            ...read.template,
            revision: `orders-${'a'.repeat(57)}`,
            containers: [{ image: 'gcr.io/emu-project-1/orders:v9' }],
          },
        },
        updateMask: { paths: ['template'] },
      }),
    ).rejects.toMatchObject({ code: 3, message: expect.stringContaining('at most 63 characters') });
  });
});

describe('routing', () => {
  async function route(seed: number, count: number): Promise<string[]> {
    const routed = await startCloudRunEmulator({
      project: 'p',
      region: 'r',
      services: [{ name: 'web', image: 'gcr.io/p/web:v1', traffic: 'pinned' }],
      reconcileMs: 5,
      seed,
    });
    try {
      const c = await restClient(routed.port);
      const [read] = await c.getService({ name: 'projects/p/locations/r/services/web' });
      const stable = read.trafficStatuses?.[0]?.revision ?? '';
      const [op] = await c.updateService({
        service: {
          ...read,
          template: { ...read.template, revision: 'web-v2', containers: [{ image: 'gcr.io/p/web:v2' }] },
          traffic: [
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: stable, percent: 90 },
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'web-v2', percent: 10 },
          ],
        },
      });
      for (let i = 0; i < 200 && !(await c.checkUpdateServiceProgress(op.name ?? '')).done; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await c.close();
      const versions: string[] = [];
      for (let i = 0; i < count; i++) {
        const response = await fetch(routed.serviceUrl('web'));
        versions.push(response.headers.get('x-version') ?? '?');
        await response.arrayBuffer();
      }
      return versions;
    } finally {
      await routed.stop();
    }
  }

  it('splits request by request at random, seeded: shares hold on average, not exactly', async () => {
    const a = await route(7, 500);
    const candidate = a.filter((v) => v === 'v2').length;
    expect(candidate).not.toBe(50); // exact shares would give 50 of 500
    expect(candidate).toBeGreaterThanOrEqual(25); // binomial(500, 0.1): mean 50, sd 6.7
    expect(candidate).toBeLessThanOrEqual(75);
    // No fixed pattern: the candidate's requests are not evenly spaced every 10th.
    const gaps = new Set(a.flatMap((v, i) => (v === 'v2' ? [i % 10] : [])));
    expect(gaps.size).toBeGreaterThan(1);
    expect(await route(7, 500)).toEqual(a); // the same seed, the same sequence
  });
});
