/**
 * The Cloud Run emulator as the real @google-cloud/run client sees it: resource shapes, long-running
 * operations, error codes and etags, and the extra handlers mounted on its port.
 */
import type { ServicesClient } from '@google-cloud/run/build/src/v2/services_client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudRunEmulator, startCloudRunEmulator } from '../emulators/cloud-run/server';

let emulator: CloudRunEmulator;
let services: ServicesClient;
const NAME = 'projects/emu-project-1/locations/us-central1/services/cart';

beforeAll(async () => {
  emulator = await startCloudRunEmulator({
    project: 'emu-project-1',
    region: 'us-central1',
    services: [{ name: 'cart', image: 'gcr.io/emu-project-1/cart:v1', traffic: 'pinned' }],
    reconcileMs: 20,
  });
  const { ServicesClient: Client } = await import('@google-cloud/run/build/src/v2/services_client.js');
  const authClient = {
    getRequestHeaders: async () => new Headers(),
    fetch: (url: string, init: RequestInit) => fetch(url, init),
  };
  services = new Client({
    fallback: true,
    protocol: 'http',
    apiEndpoint: '127.0.0.1',
    port: emulator.port,
    authClient,
  } as unknown as ConstructorParameters<typeof Client>[0]);
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
