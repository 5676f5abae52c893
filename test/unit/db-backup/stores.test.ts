/**
 * The BackupStore implementations through their official SDKs: create-only writes, nothing under
 * the final name when the body fails, list/get/delete. Local folder and the GCS emulator prove
 * create-only end to end; s3rver ignores If-None-Match, so for S3 a loopback server records that
 * the SDK sends `If-None-Match: *` on PutObject and CompleteMultipartUpload and answers 412 the way
 * S3 does, and the store must turn that into ObjectExistsError (and abort the multipart upload).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GcsEmulator, startGcsEmulator } from '../../../harness/emulators/gcs/server';
import { startServer, type TestServer } from '../../../harness/helpers/http-server';
import { GCS_ENDPOINT_ENV, S3_ENDPOINT_ENV } from '../../../shared/stores/clients';
import { ObjectExistsError } from '../../../shared/stores/errors';
import { createBackupStore, openObject, parseDestination } from '../../../shared/stores/index';
import { copyRanges } from '../../../shared/stores/s3';
import type { BackupStore } from '../../../shared/stores/types';

const identity = { action: 'db-backup', version: 'test' };
const signal = new AbortController().signal;

function failingBody(bytesBeforeFailure: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytesBeforeFailure) {
        this.destroy(new Error('pg_dump died'));
        return;
      }
      sent += 64 * 1024;
      this.push(Buffer.alloc(64 * 1024, 1));
    },
  });
}

async function readAll(store: BackupStore, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key, signal)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('parseDestination', () => {
  it('splits bucket and prefix, and rejects what it cannot store to', () => {
    expect(parseDestination('s3://bkt/a/b')).toEqual({ scheme: 's3', container: 'bkt', prefix: 'a/b/' });
    expect(parseDestination('gs://bkt')).toEqual({ scheme: 'gs', container: 'bkt', prefix: '' });
    expect(parseDestination('file:///var/backups')).toEqual({
      scheme: 'file',
      container: '/var/backups',
      prefix: '',
    });
    expect(() => parseDestination('file://host/x')).toThrow(/absolute/);
    expect(() => parseDestination('ftp://x/y')).toThrow(/not one of s3:, gs:, file:/);
    expect(() => parseDestination('backups')).toThrow(/not a URI/);
  });
});

let gcs: GcsEmulator;
let folder: string;
beforeAll(async () => {
  gcs = await startGcsEmulator();
  folder = mkdtempSync(join(tmpdir(), 'store-'));
});
afterAll(async () => {
  await gcs.close();
  rmSync(folder, { recursive: true, force: true });
});

describe.each([
  ['file', () => `file://${folder}`],
  ['gs', () => 'gs://bkt/prefix'],
])('%s store', (_scheme, destination) => {
  const open = () => createBackupStore(destination(), { identity, env: { [GCS_ENDPOINT_ENV]: gcs.url } });

  it('writes create-only: a second write to the same key fails and leaves the first intact', async () => {
    const { store, prefix } = await open();
    const key = `${prefix}shop/once.dump`;
    const first = await store.put(key, Readable.from([Buffer.from('first')]), { signal });
    expect(first).toMatchObject({ key, size: 5, uri: store.uriOf(key) });
    await expect(store.put(key, Readable.from([Buffer.from('second')]), { signal })).rejects.toBeInstanceOf(
      ObjectExistsError,
    );
    expect(await readAll(store, key)).toBe('first');
  });

  it('leaves nothing under the final name when the body fails mid-way', async () => {
    const { store, prefix } = await open();
    const key = `${prefix}shop/failed.dump`;
    await expect(store.put(key, failingBody(1 << 20), { signal })).rejects.toThrow('pg_dump died');
    expect((await store.list(`${prefix}shop/`)).map((o) => o.key)).not.toContain(key);
    await expect(store.get(key, signal)).rejects.toThrow();
  });

  it('lists by prefix, and deletes (a missing key is not an error)', async () => {
    const { store, prefix } = await open();
    await store.put(`${prefix}other/x`, Readable.from([Buffer.from('x')]), { signal });
    const listed = await store.list(`${prefix}other/`);
    expect(listed.map((o) => o.key)).toEqual([`${prefix}other/x`]);
    await store.delete(`${prefix}other/x`);
    await store.delete(`${prefix}other/x`);
    expect(await store.list(`${prefix}other/`)).toEqual([]);
  });

  it('publishes a pending object under its final name, create-only, and removes the pending one', async () => {
    const { store, prefix } = await open();
    await store.put(`${prefix}pub/.pending-a`, Readable.from([Buffer.from('verified')]), { signal });
    const published = await store.publish(`${prefix}pub/.pending-a`, `${prefix}pub/a`, signal);
    expect(published).toMatchObject({ key: `${prefix}pub/a`, size: 8 });
    expect((await store.list(`${prefix}pub/`)).map((o) => o.key)).toEqual([`${prefix}pub/a`]);
    expect(await readAll(store, `${prefix}pub/a`)).toBe('verified');
    // A final name that is taken stays as it was; the pending object is left for the caller.
    await store.put(`${prefix}pub/.pending-b`, Readable.from([Buffer.from('other')]), { signal });
    await expect(store.publish(`${prefix}pub/.pending-b`, `${prefix}pub/a`, signal)).rejects.toBeInstanceOf(
      ObjectExistsError,
    );
    expect(await readAll(store, `${prefix}pub/a`)).toBe('verified');
  });
});

describe('S3 multipart copy', () => {
  it('copies in ranges that cover every byte once', () => {
    expect(copyRanges(10, 4)).toEqual(['bytes=0-3', 'bytes=4-7', 'bytes=8-9']);
    expect(copyRanges(8, 4)).toEqual(['bytes=0-3', 'bytes=4-7']);
    expect(copyRanges(6 * 1024 ** 3)).toHaveLength(6);
  });
});

describe('local store specifics', () => {
  it('keeps no temporary file after a failure, and opens an object by its URI', async () => {
    const { store } = await createBackupStore(`file://${folder}/tmpcheck`, { identity });
    await expect(store.put('a/b.dump', failingBody(256 * 1024), { signal })).rejects.toThrow();
    expect(readdirSync(join(folder, 'tmpcheck', 'a'))).toEqual([]);
    await store.put('a/c.dump', Readable.from([Buffer.from('c')]), { signal });
    const opened = await openObject(store.uriOf('a/c.dump'), { identity });
    expect(opened.key).toBe('c.dump');
    expect(await readAll(opened.store, opened.key)).toBe('c');
    expect(readFileSync(join(folder, 'tmpcheck', 'a', 'c.dump'), 'utf8')).toBe('c');
  });
});

describe('gs store specifics', () => {
  it('asks for CMEK when kms-key is set', async () => {
    const kmsKey = 'projects/p/locations/eu/keyRings/r/cryptoKeys/backups';
    const { store } = await createBackupStore('gs://bkt/kms', {
      identity,
      kmsKey,
      env: { [GCS_ENDPOINT_ENV]: gcs.url },
    });
    await store.put('kms/x', Readable.from([Buffer.from('x')]), { signal });
    expect(gcs.objects.get('bkt/kms/x')?.kmsKeyName).toBe(kmsKey);
  });
});

describe('S3 store: create-only and abort on the wire', () => {
  const savedEnv = { ...process.env };
  afterAll(async () => {
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    await s3.close();
  });
  let s3: TestServer;
  const seen: { method: string; url: string; ifNoneMatch?: string; sse?: string; kms?: string }[] = [];
  beforeAll(async () => {
    s3 = await startServer((req, res) => {
      const url = req.url ?? '';
      seen.push({
        method: req.method ?? '',
        url,
        ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}),
        ...(req.headers['x-amz-server-side-encryption']
          ? { sse: String(req.headers['x-amz-server-side-encryption']) }
          : {}),
        ...(req.headers['x-amz-server-side-encryption-aws-kms-key-id']
          ? { kms: String(req.headers['x-amz-server-side-encryption-aws-kms-key-id']) }
          : {}),
      });
      const preconditionFailed = () => {
        res.statusCode = 412;
        res.setHeader('content-type', 'application/xml');
        res.end(
          '<?xml version="1.0"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>',
        );
      };
      if (req.method === 'POST' && url.includes('?uploads')) {
        res.setHeader('content-type', 'application/xml');
        return void res.end(
          '<?xml version="1.0"?><InitiateMultipartUploadResult><Bucket>bkt</Bucket><Key>k</Key><UploadId>up-1</UploadId></InitiateMultipartUploadResult>',
        );
      }
      if (req.method === 'PUT' && url.includes('partNumber=')) {
        res.setHeader('etag', '"part"');
        return void res.end();
      }
      if (req.method === 'POST' && url.includes('uploadId=')) return preconditionFailed();
      if (req.method === 'DELETE' && url.includes('uploadId=')) {
        res.statusCode = 204;
        return void res.end();
      }
      if (req.method === 'PUT') return preconditionFailed();
      res.statusCode = 404;
      res.end();
    });
  });

  const env = () => ({
    [S3_ENDPOINT_ENV]: s3.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });

  it('sends If-None-Match: * and SSE-KMS on PutObject, and maps 412 to ObjectExistsError', async () => {
    Object.assign(process.env, env());
    const { store } = await createBackupStore('s3://bkt/prod', { identity, kmsKey: 'alias/backups' });
    seen.length = 0;
    await expect(
      store.put('prod/small', Readable.from([Buffer.from('x')]), { signal }),
    ).rejects.toBeInstanceOf(ObjectExistsError);
    const put = seen.find((r) => r.method === 'PUT');
    expect(put).toMatchObject({ ifNoneMatch: '*', sse: 'aws:kms', kms: 'alias/backups' });
  });

  it('sends If-None-Match: * on CompleteMultipartUpload and aborts the upload when it is refused', async () => {
    Object.assign(process.env, env());
    const { store } = await createBackupStore('s3://bkt/prod', { identity });
    seen.length = 0;
    const big = Readable.from([Buffer.alloc(20 * 1024 * 1024, 2)]);
    await expect(store.put('prod/big', big, { signal })).rejects.toBeInstanceOf(ObjectExistsError);
    const complete = seen.find((r) => r.method === 'POST' && r.url.includes('uploadId='));
    expect(complete?.ifNoneMatch).toBe('*');
    expect(seen.some((r) => r.method === 'DELETE' && r.url.includes('uploadId=up-1'))).toBe(true);
  });
});
