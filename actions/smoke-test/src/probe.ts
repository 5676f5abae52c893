/**
 * One probe: a request over node:http / node:https with keep-alive sockets shared by all checks.
 * Not fetch: its first call loads undici (~40 ms) and its first round of 20 concurrent requests
 * took twice as long as node:http's on loopback (130–156 ms against 72–78 ms, 50 ms of it the
 * server's), which is most of smoke-test's overhead over the ideal in `npm run bench`. The
 * modules load on first use: https (TLS) and zlib would add ~10 ms to every start, even a failed one.
 */
import type { Agent, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ActionError } from '../../../shared/errors';
import type { ProbeResponse } from './match';

const MAX_REDIRECTS = 5;
/** Bodies beyond this are not read: checks look at the start of a page, and memory stays bounded. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ProbeRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal: AbortSignal;
}

type Transport = { request: typeof import('node:http').request; agent: Agent };
const transports = new Map<string, Transport>();

async function transport(protocol: 'http:' | 'https:'): Promise<Transport> {
  let found = transports.get(protocol);
  if (!found) {
    const module = protocol === 'https:' ? await import('node:https') : await import('node:http');
    found = { request: module.request, agent: new module.Agent({ keepAlive: true }) };
    transports.set(protocol, found);
  }
  return found;
}

/** Closes the kept-alive sockets, so the process ends as soon as the checks do. */
export function closeProbeConnections(): void {
  for (const { agent } of transports.values()) agent.destroy();
}

async function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const protocol = url.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ActionError(`only http and https URLs can be probed, not ${protocol}`);
  }
  const { request: open, agent } = await transport(protocol);
  return new Promise((resolve, reject) => {
    const request = open(
      url,
      {
        method,
        headers:
          body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent,
        signal,
      },
      resolve,
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The response body as sent, decompressed when the server compressed it (a check reads text). */
async function decoded(response: IncomingMessage): Promise<Readable> {
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate' && encoding !== 'br')
    return response;
  const zlib = await import('node:zlib');
  if (encoding === 'deflate') return response.pipe(zlib.createInflate());
  return response.pipe(encoding === 'br' ? zlib.createBrotliDecompress() : zlib.createGunzip());
}

async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of await decoded(response)) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= MAX_BODY_BYTES) break;
    }
  } finally {
    // A body left half-read cannot go back to the pool: drop its socket.
    if (!response.complete) response.destroy();
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

function headerRecord(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Sends one request and reads the response, following redirects only within the same origin:
 * a redirect to another host (or from https to http) could send the probe's headers elsewhere.
 */
export async function probe(request: ProbeRequest): Promise<ProbeResponse> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  let url = request.url;
  let method = request.method;
  let body = request.body;
  try {
    for (let hop = 0; ; hop++) {
      const response = await send(url, method, request.headers, body, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        response.resume();
        const target = new URL(location, url);
        if (target.origin !== url.origin) {
          throw new ActionError(`redirect to another host refused: ${target.origin} (from ${url.origin})`);
        }
        if (hop >= MAX_REDIRECTS) throw new ActionError(`more than ${MAX_REDIRECTS} redirects`);
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = target;
        continue;
      }
      let text = '';
      if (method === 'HEAD') response.resume();
      else text = await readBody(response);
      return { status, headers: headerRecord(response), body: text, latencyMs: performance.now() - started };
    }
  } catch (err) {
    if (timeout.aborted && !request.signal.aborted) {
      throw new ActionError(`timeout: no complete response within ${request.timeoutMs} ms`);
    }
    throw err;
  }
}
