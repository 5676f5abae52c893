/**
 * Faults and secrets, through the built bundle against real peers: the dump tool killed mid-way,
 * the store failing mid-upload, a corrupted object, a full disk; each must fail clearly, leave no
 * object under its final name and let retention remove nothing. The password is read back from
 * the running dump tool's /proc cmdline and environ to prove it is in neither.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GcsEmulator } from '../../harness/emulators/gcs/server';
import {
  type BackupPeers,
  childProcesses,
  type DatabaseServer,
  fingerprint,
  type S3Server,
  seedBigDatabases,
  startBackupPeers,
  startCuttingProxy,
} from '../../harness/helpers/databases';
import { type BundleResult, everythingVisible, runBundle } from '../../harness/helpers/runner';

let postgres: DatabaseServer;
let mariadb: DatabaseServer;
let s3: S3Server;
let gcs: GcsEmulator;
let root: string;
let env: Record<string, string>;
let peers: BackupPeers;

beforeAll(async () => {
  peers = await startBackupPeers();
  ({ postgres, mariadb, s3, gcs, env } = peers);
  postgres.sql('postgres', 'CREATE DATABASE small');
  postgres.sql(
    'small',
    "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 100) g",
  );
  // Big enough (~80 MB of barely compressible text) that the dump runs for a few seconds.
  seedBigDatabases(peers, { postgres: 800000, mariadb: 400000 });
  root = mkdtempSync(join(tmpdir(), 'backup-faults-'));
}, 300_000);

afterAll(async () => {
  await peers?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Files under a folder, relative, sorted. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

async function until<T>(probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached in time');
}

function backupOf(
  server: DatabaseServer,
  database: string,
  destination: string,
  extra: Record<string, string | number> = {},
) {
  let child: ChildProcess | undefined;
  const result = runBundle(
    'db-backup',
    { engine: server.engine, 'database-url': server.url(database), destination, verify: 'full', ...extra },
    {
      env,
      timeoutMs: 120_000,
      onStart: (started) => {
        child = started;
      },
    },
  );
  return { result, child: () => child };
}

/** Object keys s3rver holds (it stores each as `<key>._S3rver_object` beside its metadata). */
function s3Objects(): string[] {
  return filesUnder(join(s3.directory, s3.bucket))
    .filter((name) => name.endsWith('._S3rver_object'))
    .map((name) => name.slice(0, -'._S3rver_object'.length));
}

function expectFailedClearly(result: BundleResult, pattern: RegExp): void {
  expect(result.exitCode).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatch(/^db-backup: /);
  expect(result.errors[0]).toMatch(pattern);
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
}

describe('secrets', () => {
  it.each([
    ['postgres', 'pg_dump', '--format=custom'],
    ['mysql', 'mariadb-dump', '--single-transaction'],
  ] as const)(
    '%s: the password is in neither argv nor environ of %s, nor in any log or output; its file is 0600 and removed',
    async (engine, toolName, dumpMarker) => {
      const server = engine === 'postgres' ? postgres : mariadb;
      const destination = `file://${root}/secrets-${engine}`;
      const run = backupOf(server, 'big', destination, { verify: 'list' });
      // Stopped (SIGSTOP) the moment it appears, so that a fast dump cannot end before we look.
      const pid = await until(() => {
        const parent = run.child()?.pid;
        // Skip the `--version` probe that runs first (alive or a zombie): the dump is the one to look at.
        const found = (parent === undefined ? [] : childProcesses(parent, toolName)).find((candidate) => {
          try {
            return readFileSync(`/proc/${candidate}/cmdline`, 'utf8').includes(dumpMarker);
          } catch {
            return false;
          }
        });
        if (found !== undefined) process.kill(found, 'SIGSTOP');
        return found;
      });
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      const credentialsFile =
        engine === 'postgres'
          ? environ.find((line) => line.startsWith('PGPASSFILE='))?.slice('PGPASSFILE='.length)
          : cmdline
              .find((arg) => arg.startsWith('--defaults-extra-file='))
              ?.slice('--defaults-extra-file='.length);
      expect(credentialsFile).toBeDefined();
      const mode = statSync(credentialsFile ?? '').mode & 0o777;
      const fileText = readFileSync(credentialsFile ?? '', 'utf8');
      process.kill(pid, 'SIGCONT');
      const result = await run.result;

      const password = server.password;
      expect(cmdline.join(' ')).not.toContain(password);
      expect(environ.join('\n')).not.toContain(password);
      expect(environ.join('\n')).not.toContain(encodeURIComponent(password));
      expect(environ.some((line) => /^INPUT_/i.test(line))).toBe(false);
      expect(mode).toBe(0o600);
      // The file does hold the credentials (escaped for its format), so the test above is not vacuous.
      expect(fileText).toContain(
        engine === 'postgres' ? 'pg-Secret\\:with\\\\odd"chars' : 'my-Secret:with\\\\odd\\"chars',
      );
      expect(credentialsFile?.startsWith(result.runnerTemp)).toBe(true);

      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(existsSync(credentialsFile ?? '')).toBe(false);
      expect(readdirSync(result.runnerTemp).filter((name) => name.startsWith('db-backup-'))).toEqual([]);
      expect(everythingVisible(result)).not.toContain(password);
      expect(everythingVisible(result)).not.toContain(encodeURIComponent(password));
    },
  );

  it('removes the credentials file when the backup fails too', async () => {
    const result = await runBundle(
      'db-backup',
      {
        engine: 'postgres',
        'database-url': postgres.url('no_such_database'),
        destination: `file://${root}/x`,
      },
      { env },
    );
    expectFailedClearly(result, /no_such_database/);
    expect(readdirSync(result.runnerTemp).filter((name) => name.startsWith('db-backup-'))).toEqual([]);
    expect(everythingVisible(result)).not.toContain(postgres.password);
  });
});

describe('faults leave no object under its final name and retention removes nothing', () => {
  it('the dump tool killed mid-way', async () => {
    const folder = join(root, 'killed');
    const destination = `file://${folder}`;
    const first = await backupOf(postgres, 'big', destination).result;
    expect(first.errors).toEqual([]);
    const before = filesUnder(folder);
    expect(before).toHaveLength(2);

    const run = backupOf(postgres, 'big', destination, { 'retention-count': 1 });
    // Wait until the dump is streaming into the store, then kill pg_dump.
    const pid = await until(() => {
      const parent = run.child()?.pid;
      const partial = filesUnder(folder).find((name) => name.includes('.partial-'));
      if (parent === undefined || partial === undefined || statSync(join(folder, partial)).size < 1 << 20)
        return undefined;
      return childProcesses(parent, 'pg_dump')[0];
    });
    process.kill(pid, 'SIGKILL');
    const result = await run.result;
    expectFailedClearly(result, /pg_dump was killed by a signal/);
    expect(filesUnder(folder)).toEqual(before);
  });

  it('mysqldump killed mid-way', async () => {
    const folder = join(root, 'killed-mysql');
    const run = backupOf(mariadb, 'big', `file://${folder}`, { compression: 'none' });
    const pid = await until(() => {
      const parent = run.child()?.pid;
      const partial = filesUnder(folder).find((name) => name.includes('.partial-'));
      if (parent === undefined || partial === undefined || statSync(join(folder, partial)).size < 1 << 20)
        return undefined;
      return childProcesses(parent, 'mariadb-dump')[0];
    });
    process.kill(pid, 'SIGKILL');
    const result = await run.result;
    expectFailedClearly(result, /mariadb-dump was killed by a signal/);
    expect(filesUnder(folder)).toEqual([]);
  });

  it('the store failing mid-upload (GCS connection cut, every retry too)', async () => {
    const destination = 'gs://backups/cut';
    const first = await backupOf(postgres, 'small', destination).result;
    expect(first.errors).toEqual([]);
    const before = [...gcs.objects.keys()].filter((key) => key.startsWith('backups/cut/')).sort();
    expect(before).toHaveLength(2);

    gcs.faults.cutUploadAfterBytes = 256 * 1024;
    try {
      const result = await backupOf(postgres, 'big', destination, { 'retention-count': 1 }).result;
      // The SDK gives up after its retries (or when the session lost bytes it had sent).
      expectFailedClearly(result, /ECONNRESET|socket hang up|Retry limit|bytes are missing/);
    } finally {
      delete gcs.faults.cutUploadAfterBytes;
    }
    expect([...gcs.objects.keys()].filter((key) => key.startsWith('backups/cut/')).sort()).toEqual(before);
  });

  it('the store failing mid-upload (S3 through a proxy that cuts every upload connection)', async () => {
    const proxy = await startCuttingProxy(Number(new URL(s3.endpoint).port));
    try {
      const viaProxy = { ...env, ROLLOUT_ACTIONS_TEST_S3_ENDPOINT: proxy.url };
      const destination = `s3://${s3.bucket}/cut`;
      const run = (database: string, extra: Record<string, string | number> = {}) =>
        runBundle(
          'db-backup',
          {
            engine: 'postgres',
            'database-url': postgres.url(database),
            destination,
            verify: 'full',
            ...extra,
          },
          { env: viaProxy, timeoutMs: 120_000 },
        );
      const first = await run('small');
      expect(first.errors).toEqual([]);
      const before = s3Objects();
      expect(before.some((name) => name.includes('.meta.json'))).toBe(true);

      proxy.cutAfterBytes = 2 * 1024 * 1024;
      const result = await run('big', { 'retention-count': 1 });
      // s3rver has no AbortMultipartUpload: the message says so after the cause.
      expectFailedClearly(
        result,
        /(socket hang up|ECONNRESET|EPIPE).*aborting multipart upload .* failed too/i,
      );
      expect(proxy.cuts).toBeGreaterThan(0);
      proxy.cutAfterBytes = undefined;
      const after = s3Objects();
      expect(after).toEqual(before);
    } finally {
      await proxy.close();
    }
  });

  it('cancellation (SIGTERM) mid-dump stops the dump and stores nothing', async () => {
    const folder = join(root, 'cancelled');
    const run = backupOf(postgres, 'big', `file://${folder}`);
    await until(() => {
      const partial = filesUnder(folder).find((name) => name.includes('.partial-'));
      return partial !== undefined && statSync(join(folder, partial)).size > 1 << 20 ? true : undefined;
    });
    const bundlePid = run.child()?.pid ?? 0;
    const dumpPid = childProcesses(bundlePid, 'pg_dump')[0];
    expect(dumpPid).toBeDefined();
    process.kill(bundlePid, 'SIGTERM');
    const result = await run.result;
    expectFailedClearly(result, /cancel/i);
    expect(filesUnder(folder)).toEqual([]);
    expect(existsSync(`/proc/${dumpPid}`)).toBe(false);
    expect(readdirSync(result.runnerTemp).filter((name) => name.startsWith('db-backup-'))).toEqual([]);
  });

  it('a full disk for the local store (a 1 MiB tmpfs)', async (context) => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'tiny-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      rmSync(mountPoint, { recursive: true, force: true });
      context.skip('mounting a tmpfs needs root');
      return;
    }
    try {
      const result = await backupOf(postgres, 'big', `file://${mountPoint}`).result;
      expectFailedClearly(result, /ENOSPC|no space left/i);
      expect(filesUnder(mountPoint)).toEqual([]);
    } finally {
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });

  it('a corrupted object is refused before anything is written to the database (local and GCS)', async () => {
    const localFolder = join(root, 'corrupt');
    const local = await backupOf(postgres, 'small', `file://${localFolder}`).result;
    const gs = await backupOf(postgres, 'small', 'gs://backups/corrupt').result;
    expect(local.errors).toEqual([]);
    expect(gs.errors).toEqual([]);
    const localPath = fileURLToPath(local.outputs.uri ?? '');
    const bytes = readFileSync(localPath);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(localPath, bytes);
    gcs.corrupt('backups', (gs.outputs.uri ?? '').replace('gs://backups/', ''));

    postgres.sql('postgres', 'CREATE DATABASE corrupt_target');
    postgres.sql(
      'corrupt_target',
      "CREATE TABLE sentinel (note text); INSERT INTO sentinel VALUES ('untouched')",
    );
    const before = fingerprint(postgres, 'corrupt_target');
    for (const uri of [local.outputs.uri, gs.outputs.uri]) {
      const result = await runBundle(
        'db-backup',
        {
          engine: 'postgres',
          operation: 'restore',
          'database-url': postgres.url('corrupt_target'),
          destination: `file://${localFolder}`,
          'restore-from': uri,
          'confirm-restore': 'corrupt_target from small',
        },
        { env },
      );
      expectFailedClearly(result, /checksum mismatch|did not match/);
      expect(fingerprint(postgres, 'corrupt_target')).toEqual(before);
    }
  });
});

describe('retention', () => {
  it('counts and removes only verified backups, never the newest, never an unverified object', async () => {
    const folder = join(root, 'retention');
    const destination = `file://${folder}`;
    const uris: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await backupOf(postgres, 'small', destination, { verify: 'list' }).result;
      expect(result.errors).toEqual([]);
      uris.push(result.outputs.uri ?? '');
    }
    // A data object without a sidecar (a failed or unverified backup) sorts as the oldest.
    const stray = join(folder, 'small', '19990101T000000Z-000000-postgres.dump.zst');
    mkdirSync(dirname(stray), { recursive: true });
    copyFileSync(fileURLToPath(uris[0] ?? ''), stray);

    const fourth = await backupOf(postgres, 'small', destination, { verify: 'list', 'retention-count': 2 })
      .result;
    expect(fourth.errors).toEqual([]);
    uris.push(fourth.outputs.uri ?? '');
    const kept = filesUnder(folder);
    const name = (uri: string) => uri.slice(uri.indexOf('/small/') + 1);
    expect(kept).toEqual(
      [
        name(uris[2] ?? ''),
        `${name(uris[2] ?? '')}.meta.json`,
        name(uris[3] ?? ''),
        `${name(uris[3] ?? '')}.meta.json`,
        'small/19990101T000000Z-000000-postgres.dump.zst',
      ].sort(),
    );

    // retention-days 0 keeps only what is younger than now: the newest verified one stays regardless.
    const fifth = await backupOf(postgres, 'small', destination, { verify: 'list', 'retention-days': 0 })
      .result;
    expect(fifth.errors).toEqual([]);
    const newest = name(fifth.outputs.uri ?? '');
    expect(filesUnder(folder)).toEqual(
      [newest, `${newest}.meta.json`, 'small/19990101T000000Z-000000-postgres.dump.zst'].sort(),
    );
  });
});

describe('refusals', () => {
  it('refuses a restore unless confirm-restore equals the database name, before touching anything', async () => {
    const result = await runBundle(
      'db-backup',
      {
        engine: 'postgres',
        operation: 'restore',
        'database-url': postgres.url('small'),
        destination: `file://${root}/retention`,
        'restore-from': 'latest',
        'confirm-restore': 'smal',
      },
      { env },
    );
    expectFailedClearly(
      result,
      /input "confirm-restore": must equal the target database's name .*\(for example: small\)/,
    );
    expect(readdirSync(result.runnerTemp).filter((name) => name.startsWith('db-backup-'))).toEqual([]);
  });

  it('says which package provides a missing client tool', async () => {
    const result = await runBundle(
      'db-backup',
      { engine: 'mysql', 'database-url': mariadb.url('big'), destination: `file://${root}/none` },
      { env: { ...env, PATH: dirname(process.execPath) } },
    );
    expectFailedClearly(result, /mariadb-dump or mysqldump not found on PATH: install .*mariadb-client/);
  });

  it('names the input and an accepted example for a bad destination', async () => {
    const result = await runBundle('db-backup', {
      engine: 'postgres',
      'database-url': postgres.url('small'),
      destination: 'ftp://backups/x',
    });
    expectFailedClearly(
      result,
      /input "destination": scheme "ftp:" is not one of s3:, gs:, file: \(for example: s3:\/\/my-backups\/prod\)/,
    );
  });
});
