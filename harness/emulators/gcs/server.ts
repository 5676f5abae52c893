/**
 * A local emulator of the Cloud Storage JSON API calls that @google-cloud/storage makes for
 * backups: resumable uploads (session start, streamed PUTs with Content-Range, status query),
 * object get (metadata and `alt=media` with `x-goog-hash`), list with prefix and pages, delete.
 * It honours `ifGenerationMatch` (0 = create-only), checks the client's `X-Goog-Hash` CRC32C/MD5
 * against what it received, and can inject faults: an upload cut off mid-body, a corrupted object.
 * Point the SDK at it with `new Storage({ apiEndpoint: emulator.url })`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CRC32C } from '@google-cloud/storage';

interface StoredObject {
  bucket: string;
  name: string;
  data: Buffer;
  generation: number;
  contentType: string;
  kmsKeyName?: string;
  created: Date;
  /** Checksums recorded at upload time: a corrupted object keeps its original ones. */
  crc32c: string;
  md5Hash: string;
}

interface UploadSession {
  bucket: string;
  name: string;
  ifGenerationMatch?: number;
  contentType: string;
  kmsKeyName?: string;
  chunks: Buffer[];
  received: number;
}

export interface GcsFaults {
  /** Cut the connection of the next upload PUTs once this many body bytes have arrived. */
  cutUploadAfterBytes?: number;
  /** How many upload PUTs to cut (default: every one while set). */
  cutUploads?: number;
}

export interface GcsEmulator {
  url: string;
  objects: Map<string, StoredObject>;
  faults: GcsFaults;
  /** Every request: method and path with query, for assertions. */
  requests: string[];
  /** Upload sessions started and never finalized (abandoned uploads). */
  openSessions(): number;
  /** Flips one byte in the middle of an object, leaving its recorded checksums as they were. */
  corrupt(bucket: string, name: string): void;
  close(): Promise<void>;
}

function crc32cOf(data: Buffer): string {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
}

function md5Of(data: Buffer): string {
  return createHash('md5').update(data).digest('base64');
}

function resource(object: StoredObject) {
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    name: object.name,
    bucket: object.bucket,
    generation: String(object.generation),
    metageneration: '1',
    contentType: object.contentType,
    size: String(object.data.length),
    crc32c: object.crc32c,
    md5Hash: object.md5Hash,
    timeCreated: object.created.toISOString(),
    updated: object.created.toISOString(),
    storageClass: 'STANDARD',
    ...(object.kmsKeyName ? { kmsKeyName: object.kmsKeyName } : {}),
  };
}

function sendError(res: ServerResponse, code: number, message: string, reason = 'invalid'): void {
  res.statusCode = code;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ error: { code, message, errors: [{ message, reason, domain: 'global' }] } }));
}

function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

export async function startGcsEmulator(): Promise<GcsEmulator> {
  const objects = new Map<string, StoredObject>();
  const sessions = new Map<string, UploadSession>();
  const faults: GcsFaults = {};
  const requests: string[] = [];
  let generation = 1_700_000_000_000_000;
  let server: Server;

  const keyOf = (bucket: string, name: string) => `${bucket}/${name}`;

  const readBody = (req: IncomingMessage, cutAfter?: number): Promise<Buffer | undefined> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (cutAfter !== undefined && size >= cutAfter) {
          req.socket.destroy();
          resolve(undefined);
        }
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const handleUploadPut = async (req: IncomingMessage, res: ServerResponse, id: string) => {
    const session = sessions.get(id);
    if (!session) return sendError(res, 404, 'No such upload session', 'notFound');
    let cutAfter: number | undefined;
    if (faults.cutUploadAfterBytes !== undefined && (faults.cutUploads ?? 1) > 0) {
      cutAfter = faults.cutUploadAfterBytes;
      if (faults.cutUploads !== undefined) faults.cutUploads--;
    }
    const body = await readBody(req, cutAfter);
    if (body === undefined) return; // connection cut: the session stays open and unfinished
    const range = String(req.headers['content-range'] ?? '');
    const match = range.match(/^bytes (\*|(\d+)-(\d+|\*))\/(\d+|\*)$/);
    if (!match) return sendError(res, 400, `bad Content-Range "${range}"`);
    const [, , start, , totalText] = match;
    if (start !== undefined) {
      if (Number(start) !== session.received) {
        // Bytes already held are not taken twice; the client resends from our offset.
        const skip = session.received - Number(start);
        if (skip < 0) return sendError(res, 400, 'gap in upload');
        session.chunks.push(body.subarray(skip));
        session.received += Math.max(0, body.length - skip);
      } else {
        session.chunks.push(body);
        session.received += body.length;
      }
    }
    const total = totalText === '*' ? undefined : Number(totalText);
    const finished = total === session.received || (total === undefined && match[3] === '*');
    if (!finished) {
      res.statusCode = 308;
      if (session.received > 0) res.setHeader('range', `bytes=0-${session.received - 1}`);
      return res.end();
    }
    const data = Buffer.concat(session.chunks);
    const crc32c = crc32cOf(data);
    const md5Hash = md5Of(data);
    const hashHeader = String(req.headers['x-goog-hash'] ?? '');
    for (const part of hashHeader.split(',').filter(Boolean)) {
      const [algorithm, value] = part.split(/=(.*)/s) as [string, string];
      const expected = algorithm === 'crc32c' ? crc32c : algorithm === 'md5' ? md5Hash : undefined;
      if (expected !== undefined && expected !== value) {
        sessions.delete(id);
        return sendError(
          res,
          400,
          `Provided ${algorithm.toUpperCase()} "${value}" doesn't match calculated "${expected}".`,
        );
      }
    }
    const existing = objects.get(keyOf(session.bucket, session.name));
    const wanted = session.ifGenerationMatch;
    if (wanted !== undefined && (existing?.generation ?? 0) !== wanted) {
      sessions.delete(id);
      return sendError(
        res,
        412,
        'At least one of the pre-conditions you specified did not hold.',
        'conditionNotMet',
      );
    }
    const object: StoredObject = {
      bucket: session.bucket,
      name: session.name,
      data,
      generation: ++generation,
      contentType: session.contentType,
      ...(session.kmsKeyName ? { kmsKeyName: session.kmsKeyName } : {}),
      created: new Date(),
      crc32c,
      md5Hash,
    };
    objects.set(keyOf(object.bucket, object.name), object);
    sessions.delete(id);
    sendJson(res, resource(object));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const path = url.pathname;
    const q = url.searchParams;

    let m = path.match(/^\/upload\/storage\/v1\/b\/([^/]+)\/o$/);
    if (m && req.method === 'POST' && q.get('uploadType') === 'resumable') {
      const body = (await readBody(req)) ?? Buffer.alloc(0);
      const metadata = body.length > 0 ? (JSON.parse(body.toString('utf8')) as { contentType?: string }) : {};
      const bucket = decodeURIComponent(m[1] ?? '');
      const name = q.get('name') ?? '';
      if (!name) return sendError(res, 400, 'Required parameter: name');
      const ifGenerationMatch = q.has('ifGenerationMatch') ? Number(q.get('ifGenerationMatch')) : undefined;
      const existing = objects.get(keyOf(bucket, name));
      if (ifGenerationMatch !== undefined && (existing?.generation ?? 0) !== ifGenerationMatch) {
        return sendError(
          res,
          412,
          'At least one of the pre-conditions you specified did not hold.',
          'conditionNotMet',
        );
      }
      const id = randomBytes(12).toString('hex');
      const kmsKeyName = q.get('kmsKeyName') ?? undefined;
      sessions.set(id, {
        bucket,
        name,
        ...(ifGenerationMatch === undefined ? {} : { ifGenerationMatch }),
        contentType: String(
          req.headers['x-upload-content-type'] ?? metadata.contentType ?? 'application/octet-stream',
        ),
        ...(kmsKeyName ? { kmsKeyName } : {}),
        chunks: [],
        received: 0,
      });
      const address = server.address() as AddressInfo;
      res.setHeader(
        'location',
        `http://127.0.0.1:${address.port}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=resumable&upload_id=${id}`,
      );
      return res.end();
    }
    if (m && req.method === 'PUT' && q.get('upload_id'))
      return handleUploadPut(req, res, q.get('upload_id') ?? '');

    await readBody(req);
    // Objects: rewrite (https://cloud.google.com/storage/docs/json_api/v1/objects/rewrite): a
    // server-side copy; `ifGenerationMatch` is the destination's precondition (0 = create-only).
    // Done in one call here; the service may answer `done: false` with a `rewriteToken` to resume.
    m = path.match(/^\/storage\/v1\/b\/([^/]+)\/o\/(.+)\/rewriteTo\/b\/([^/]+)\/o\/(.+)$/);
    if (m && req.method === 'POST') {
      const [source, destination] = [
        [decodeURIComponent(m[1] ?? ''), decodeURIComponent(m[2] ?? '')],
        [decodeURIComponent(m[3] ?? ''), decodeURIComponent(m[4] ?? '')],
      ] as [[string, string], [string, string]];
      const from = objects.get(keyOf(...source));
      if (!from) return sendError(res, 404, `No such object: ${source.join('/')}`, 'notFound');
      const existing = objects.get(keyOf(...destination));
      const wanted = q.has('ifGenerationMatch') ? Number(q.get('ifGenerationMatch')) : undefined;
      if (wanted !== undefined && (existing?.generation ?? 0) !== wanted) {
        return sendError(
          res,
          412,
          'At least one of the pre-conditions you specified did not hold.',
          'conditionNotMet',
        );
      }
      const kmsKeyName = q.get('destinationKmsKeyName') ?? from.kmsKeyName;
      const copy: StoredObject = {
        ...from,
        bucket: destination[0],
        name: destination[1],
        generation: ++generation,
        created: new Date(),
        ...(kmsKeyName ? { kmsKeyName } : {}),
      };
      objects.set(keyOf(...destination), copy);
      return sendJson(res, {
        kind: 'storage#rewriteResponse',
        totalBytesRewritten: String(from.data.length),
        objectSize: String(from.data.length),
        done: true,
        resource: resource(copy),
      });
    }
    m = path.match(/^\/storage\/v1\/b\/([^/]+)\/o$/);
    if (m && req.method === 'GET') {
      const bucket = decodeURIComponent(m[1] ?? '');
      const prefix = q.get('prefix') ?? '';
      const pageSize = Number(q.get('maxResults') ?? 1000);
      const names = [...objects.values()]
        .filter((o) => o.bucket === bucket && o.name.startsWith(prefix))
        .sort((a, b) => a.name.localeCompare(b.name));
      const from = Number(q.get('pageToken') ?? 0);
      const page = names.slice(from, from + pageSize);
      return sendJson(res, {
        kind: 'storage#objects',
        items: page.map(resource),
        ...(from + pageSize < names.length ? { nextPageToken: String(from + pageSize) } : {}),
      });
    }
    m = path.match(/^\/(?:download\/)?storage\/v1\/b\/([^/]+)\/o\/(.+)$/);
    if (m) {
      const bucket = decodeURIComponent(m[1] ?? '');
      const name = decodeURIComponent(m[2] ?? '');
      const object = objects.get(keyOf(bucket, name));
      if (!object) return sendError(res, 404, `No such object: ${bucket}/${name}`, 'notFound');
      if (req.method === 'DELETE') {
        objects.delete(keyOf(bucket, name));
        res.statusCode = 204;
        return res.end();
      }
      if (req.method === 'GET' && q.get('alt') === 'media') {
        res.setHeader('content-type', object.contentType);
        res.setHeader('content-length', object.data.length);
        res.setHeader('x-goog-hash', `crc32c=${object.crc32c},md5=${object.md5Hash}`);
        res.setHeader('x-goog-generation', String(object.generation));
        res.setHeader('x-goog-stored-content-encoding', 'identity');
        return res.end(object.data);
      }
      if (req.method === 'GET') return sendJson(res, resource(object));
    }
    sendError(res, 404, `emulator: no route for ${req.method} ${path}`, 'notFound');
  };

  server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, 500, String(err), 'backendError'));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    faults,
    requests,
    openSessions: () => sessions.size,
    corrupt(bucket, name) {
      const object = objects.get(keyOf(bucket, name));
      if (!object) throw new Error(`no object ${bucket}/${name}`);
      const middle = Math.floor(object.data.length / 2);
      object.data[middle] = (object.data[middle] ?? 0) ^ 0xff;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
