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

async function readBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

/**
 * Sends one request and reads the response, following redirects only within the same origin:
 * a redirect to another host (or from https to http) could send the probe's headers elsewhere.
 */
export async function probe(request: ProbeRequest): Promise<ProbeResponse> {
  const started = performance.now();
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)]);
  let url = request.url;
  let method = request.method;
  let body = request.body;
  for (let hop = 0; ; hop++) {
    const response = await fetch(url, {
      method,
      headers: request.headers,
      body: body ?? null,
      redirect: 'manual',
      signal,
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const target = new URL(location, url);
      if (target.origin !== url.origin) {
        throw new ActionError(`redirect to another host refused: ${target.origin} (from ${url.origin})`);
      }
      if (hop >= MAX_REDIRECTS) throw new ActionError(`more than ${MAX_REDIRECTS} redirects`);
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
      url = target;
      continue;
    }
    const text = method === 'HEAD' ? '' : await readBody(response);
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: text,
      latencyMs: performance.now() - started,
    };
  }
}
