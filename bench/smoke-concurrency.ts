/** SPEC: 200 checks at concurrency 20 against endpoints that take 50 ms finish within 1.5× of the ideal 0.5 s. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runBundle } from '../harness/helpers/runner';

export async function measureSmokeConcurrency(): Promise<{
  wallMs: number;
  idealMs: number;
  startupMs: number;
}> {
  const server = createServer((_req, res) => setTimeout(() => res.end('ok'), 50));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const checks = Array.from({ length: 200 }, (_, i) => `- {path: /c${i}}`).join('\n');
  try {
    const startup = await runBundle('smoke-test', {});
    const result = await runBundle('smoke-test', { url, checks, concurrency: 20, retries: 0 });
    if (result.exitCode !== 0 || result.outputs.passed !== '200')
      throw new Error(`smoke run failed: ${result.errors.join('; ')}`);
    return { wallMs: result.durationMs, idealMs: 500, startupMs: startup.durationMs };
  } finally {
    server.close();
  }
}
