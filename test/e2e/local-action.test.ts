/**
 * GitHub's local runner, @github/local-action, runs an action's TypeScript entry (`src/main.ts`)
 * with its own stub of @actions/core. Users debug our actions with it: the shared toolkit must
 * load there (no import of a file hidden by @actions/core's exports map) and send every output
 * and the summary to that stub. Runs when the dev dependency is installed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../harness/helpers/runner';

// LOCAL_ACTION_BIN: a local-action installed elsewhere (e.g. to try it before it is a dev dependency).
const BIN = process.env.LOCAL_ACTION_BIN ?? join(REPO_ROOT, 'node_modules', '.bin', 'local-action');
let server: Server;
let folder: string;

beforeAll(async () => {
  server = createServer((_, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  folder = mkdtempSync(join(tmpdir(), 'local-action-'));
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!existsSync(BIN))('@github/local-action', () => {
  it('runs smoke-test from its own folder: the outputs and the summary reach its core', async () => {
    const summary = join(folder, 'summary.md');
    writeFileSync(summary, '');
    const envFile = join(folder, '.env');
    writeFileSync(
      envFile,
      [
        `INPUT_URL=http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        'INPUT_TIMEOUT=5s',
        `RUNNER_TEMP=${folder}`,
        `GITHUB_STEP_SUMMARY=${summary}`,
        '',
      ].join('\n'),
    );
    // Not spawnSync: the server that smoke-test probes runs in this process.
    const child = spawn(BIN, ['actions/smoke-test', 'src/main.ts', envFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).not.toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    expect(output).not.toContain('No outputs were set!');
    // local-action's table of the outputs its core recorded.
    expect(output).toMatch(/'passed'\s*│\s*'1'/);
    expect(output).toMatch(/'failed'\s*│\s*'0'/);
    expect(readFileSync(summary, 'utf8')).not.toBe('');
    expect(status, output).toBe(0);
  });
});
