/**
 * What db-backup promises when its peers fail, through the built bundle against a real PostgreSQL
 * and MariaDB, s3rver and the GCS emulator:
 *   - the store failing while a backup is verified or restored ends the step with a clear error,
 *     and no tool it started (pg_restore, tar, the mariadb client) outlives it;
 *   - no object is left under its final name unless it was verified, and the message says what
 *     is left where;
 *   - retention never removes the backup the run just made, nor the newest verified one;
 *   - a restore into a database other than the backup's source must be acknowledged by name.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GcsEmulator } from '../../harness/emulators/gcs/server';
import {
  type BackupPeers,
  type CuttingProxy,
  childProcesses,
  type DatabaseServer,
  fingerprint,
  type S3Server,
  seedBigDatabases,
  startBackupPeers,
  startCuttingProxy,
} from '../../harness/helpers/databases';
import { type BundleResult, runBundle } from '../../harness/helpers/runner';

let postgres: DatabaseServer;
let mariadb: DatabaseServer;
let s3: S3Server;
let gcs: GcsEmulator;
let s3Proxy: CuttingProxy;
let gcsProxy: CuttingProxy;
let root: string;
let env: Record<string, string>;
let peers: BackupPeers;

/** Far longer than any of these runs takes; reaching it means the step hung (the harness kills it). */
const HANG = 180_000;

beforeAll(async () => {
  peers = await startBackupPeers();
  ({ postgres, mariadb, s3, gcs, env } = peers);
  [s3Proxy, gcsProxy] = await Promise.all([
    startCuttingProxy(Number(new URL(s3.endpoint).port)),
    startCuttingProxy(Number(new URL(gcs.url).port)),
  ]);
  postgres.sql('postgres', 'CREATE DATABASE shop');
  postgres.sql(
    'shop',
    "CREATE TABLE orders (id int PRIMARY KEY, note text); INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 500) g",
  );
  // Big enough (~40 MB) that verification runs for a while: room to send SIGTERM in the middle.
  seedBigDatabases(peers, { postgres: 400000, mariadb: 200000 });
  mariadb.sql('mysql', 'CREATE DATABASE shop');
  mariadb.sql(
    'shop',
    "CREATE TABLE orders (id int PRIMARY KEY, note text) ENGINE=InnoDB; INSERT INTO orders SELECT seq, CONCAT('order ', seq) FROM seq_1_to_500",
  );
  root = mkdtempSync(join(tmpdir(), 'backup-cleanup-'));
  env = {
    ...peers.env,
    ROLLOUT_ACTIONS_TEST_S3_ENDPOINT: s3Proxy.url,
    ROLLOUT_ACTIONS_TEST_GCS_ENDPOINT: gcsProxy.url,
  };
}, 300_000);

afterAll(async () => {
  await Promise.all([s3Proxy?.close(), gcsProxy?.close()]);
  await peers?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Processes (other than zombies) whose command line mentions `text`: a tool a run left behind. */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(text)) found.push(`${entry}: ${cmdline}`);
    } catch {
      // ended while we looked
    }
  }
  return found;
}

function expectFailedClearly(result: BundleResult, pattern: RegExp): void {
  // Killed by the harness (signal SIGKILL) means the step hung until its timeout.
  expect(result.signal).toBeNull();
  expect(result.exitCode).toBe(1);
  expect(result.errors, result.stdout + result.stderr).toHaveLength(1);
  expect(result.errors[0]).toMatch(/^db-backup: /);
  expect(result.errors[0]).toMatch(pattern);
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
}

/** Every tool a run starts names a path in its RUNNER_TEMP (FIFO, passfile or defaults file). */
function expectNothingLeft(result: BundleResult): void {
  expect(processesMentioning(result.runnerTemp)).toEqual([]);
  expect(readdirSync(result.runnerTemp).filter((name) => name.startsWith('db-backup-'))).toEqual([]);
}

function serverOf(engine: 'postgres' | 'mysql'): DatabaseServer {
  return engine === 'postgres' ? postgres : mariadb;
}

/** The proxy in front of a store, and the request that reads an object's body from it. */
const STORES = {
  s3: {
    proxy: () => s3Proxy,
    destination: (folder: string) => `s3://${s3.bucket}/${folder}`,
    isObjectRead: (head: string) => /^GET \/[^ ]*x-id=GetObject/.test(head) && !head.includes('.meta.json'),
  },
  gcs: {
    proxy: () => gcsProxy,
    destination: (folder: string) => `gs://backups/${folder}`,
    isObjectRead: (head: string) => /^GET [^ ]*alt=media/.test(head) && !head.includes('.meta.json'),
  },
} as const;

describe('the store failing while a backup is verified ends the step, and every tool with it', () => {
  const cases = [
    ['s3', 'postgres', 'list'],
    ['s3', 'postgres', 'full'],
    ['s3', 'postgres', 'restore'],
    ['s3', 'mysql', 'restore'],
    ['gcs', 'postgres', 'list'],
    ['gcs', 'postgres', 'restore'],
    ['gcs', 'mysql', 'restore'],
  ] as const;
  it.each(cases)('%s, %s, verify: %s', async (storeName, engine, verify) => {
    const store = STORES[storeName];
    const folder = `verify-${storeName}-${engine}-${verify}`;
    store.proxy().refuse = store.isObjectRead;
    let result: BundleResult;
    try {
      result = await runBundle(
        'db-backup',
        {
          engine,
          'database-url': serverOf(engine).url('shop'),
          destination: store.destination(folder),
          verify,
        },
        { env, timeoutMs: HANG },
      );
    } finally {
      store.proxy().refuse = undefined;
    }
    expectFailedClearly(result, /verification .*failed/);
    expectNothingLeft(result);
  });
});

describe('the store failing while a backup is restored ends the step, and every tool with it', () => {
  it.each([
    ['s3', 'postgres'],
    ['s3', 'mysql'],
    ['gcs', 'postgres'],
  ] as const)('%s, %s', async (storeName, engine) => {
    const store = STORES[storeName];
    const server = serverOf(engine);
    // A database of its own, backed up and then restored into itself.
    const target = `restore_${storeName}_${engine}`;
    const admin = engine === 'postgres' ? 'postgres' : 'mysql';
    server.sql(admin, `CREATE DATABASE ${target}`);
    server.sql(target, 'CREATE TABLE notes (id int PRIMARY KEY); INSERT INTO notes VALUES (1), (2), (3)');
    const backup = await runBundle(
      'db-backup',
      {
        engine,
        'database-url': server.url(target),
        destination: store.destination(`restore-${storeName}-${engine}`),
        verify: 'list',
      },
      { env, timeoutMs: HANG },
    );
    expect(backup.errors).toEqual([]);
    // The first read (the checksum check) goes through; the second, which feeds the restore, fails.
    let reads = 0;
    store.proxy().refuse = (head) => store.isObjectRead(head) && ++reads > 1;
    let result: BundleResult;
    try {
      result = await runBundle(
        'db-backup',
        {
          engine,
          operation: 'restore',
          'database-url': server.url(target),
          destination: store.destination(`restore-${storeName}-${engine}`),
          'restore-from': backup.outputs.uri,
          'confirm-restore': target,
        },
        { env, timeoutMs: HANG },
      );
    } finally {
      store.proxy().refuse = undefined;
    }
    expect(store.proxy().refused).toBeGreaterThan(0);
    expectFailedClearly(result, /./);
    expectNothingLeft(result);
  });
});

describe('SIGTERM while a backup is verified', () => {
  it.each(['postgres', 'mysql'] as const)(
    '%s: ends the step, every tool, and the scratch database',
    async (engine) => {
      const server = serverOf(engine);
      const database = 'big';
      let child: ChildProcess | undefined;
      const running = runBundle(
        'db-backup',
        {
          engine,
          'database-url': server.url(database),
          destination: `file://${root}/sigterm-${engine}`,
          verify: 'restore',
        },
        { env, timeoutMs: HANG, onStart: (started) => (child = started) },
      );
      // The restore tool reading the archive from a FIFO is the sign that verification has begun
      // (the mariadb client also runs plain queries: the restore is the one that sources a FIFO).
      const restorer = engine === 'postgres' ? 'pg_restore' : 'mariadb';
      const isRestore = (pid: number) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('.fifo');
        } catch {
          return false;
        }
      };
      const deadline = Date.now() + 120_000;
      let seen: number | undefined;
      while (seen === undefined && Date.now() < deadline) {
        const pid = child?.pid;
        seen = pid === undefined ? undefined : childProcesses(pid, restorer).find(isRestore);
        if (seen === undefined) await new Promise((r) => setTimeout(r, 5));
      }
      expect(seen).toBeDefined();
      child?.kill('SIGTERM');
      const result = await running;
      expectFailedClearly(result, /cancel/i);
      expectNothingLeft(result);
      const scratch =
        engine === 'postgres'
          ? server.sql('postgres', "SELECT datname FROM pg_database WHERE datname LIKE 'big\\_verify\\_%'")
          : server.sql('mysql', "SHOW DATABASES LIKE 'big\\_verify\\_%'");
      expect(scratch.trim()).toBe('');
      // Nothing under a final name: the folder holds no backup.
      const folder = join(root, `sigterm-${engine}`);
      const kept = existsSync(folder)
        ? readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
        : [];
      expect(kept.map((entry) => entry.name).filter((name) => !name.startsWith('.pending-'))).toEqual([]);
    },
  );
});

/** Object keys s3rver holds under a folder (it stores each as `<key>._S3rver_object`). */
function s3Objects(folder: string): string[] {
  const base = join(s3.directory, s3.bucket);
  const under = join(base, folder);
  if (!existsSync(under)) return [];
  return readdirSync(under, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('._S3rver_object'))
    .map((entry) => join(entry.parentPath, entry.name).slice(base.length + 1, -'._S3rver_object'.length))
    .sort();
}

describe('no object under its final name unless verified', () => {
  it('S3: verification fails and so does the delete: the message says what is left, and where', async () => {
    const folder = 'unverified';
    s3Proxy.refuse = (head) => STORES.s3.isObjectRead(head) || head.startsWith('DELETE ');
    let result: BundleResult;
    try {
      result = await runBundle(
        'db-backup',
        {
          engine: 'postgres',
          'database-url': postgres.url('shop'),
          destination: `s3://${s3.bucket}/${folder}`,
          verify: 'full',
        },
        { env, timeoutMs: HANG },
      );
    } finally {
      s3Proxy.refuse = undefined;
    }
    const left = s3Objects(folder);
    // Only the pending upload is left: nothing under a final name, no metadata.
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^unverified\/shop\/\.pending-\d{8}T\d{6}Z-[0-9a-f]{6}-postgres\.dump\.zst$/);
    expectFailedClearly(result, /verification \(full\) failed: .*; the upload could not be removed/);
    expect(result.errors[0]).toContain(`delete s3://${s3.bucket}/${left[0]}`);
    expect(result.errors[0]).not.toMatch(/backup removed/);
    expect(result.outputs.uri).toBeUndefined();
  });

  it.each([
    ['file', (): string => `file://${root}/published`],
    ['s3', (): string => `s3://${s3.bucket}/published`],
    ['gcs', (): string => 'gs://backups/published'],
  ] as const)(
    '%s: a verified backup gets its final name, and nothing pending is left',
    async (_, destination) => {
      const result = await runBundle(
        'db-backup',
        {
          engine: 'postgres',
          'database-url': postgres.url('shop'),
          destination: destination(),
          verify: 'full',
        },
        { env, timeoutMs: HANG },
      );
      expect(result.errors).toEqual([]);
      const uri = result.outputs.uri ?? '';
      expect(uri).toMatch(/\/shop\/\d{8}T\d{6}Z-[0-9a-f]{6}-postgres\.dump\.zst$/);
      // Restorable by its URI: the metadata names the final object, whose bytes match it.
      const target = `published_${_}`;
      postgres.sql('postgres', `CREATE DATABASE ${target}`);
      const restored = await runBundle(
        'db-backup',
        {
          engine: 'postgres',
          operation: 'restore',
          'database-url': postgres.url(target),
          destination: destination(),
          'restore-from': uri,
          'confirm-restore': `${target} from shop`,
        },
        { env, timeoutMs: HANG },
      );
      expect(restored.errors).toEqual([]);
      expect(fingerprint(postgres, target)).toEqual(fingerprint(postgres, 'shop'));
      const names =
        _ === 'file'
          ? readdirSync(join(root, 'published', 'shop'))
          : _ === 's3'
            ? s3Objects('published')
            : [...gcs.objects.keys()].filter((key) => key.startsWith('backups/published/'));
      expect(names.filter((name) => name.includes('.pending-'))).toEqual([]);
      expect(names).toHaveLength(2);
    },
  );
});

describe('retention', () => {
  it('never removes the backup just made when another sidecar is dated later (a clock ahead)', async () => {
    const folder = join(root, 'retention-ahead');
    const destination = `file://${folder}`;
    const first = await runBundle(
      'db-backup',
      { engine: 'postgres', 'database-url': postgres.url('shop'), destination, verify: 'list' },
      { env, timeoutMs: HANG },
    );
    expect(first.errors).toEqual([]);
    // A backup written by a machine whose clock runs a day ahead: its sidecar is dated tomorrow.
    const firstPath = fileURLToPath(first.outputs.uri ?? '');
    const aheadPath = join(folder, 'shop', '29990101T000000Z-abcdef-postgres.dump.zst');
    writeFileSync(aheadPath, readFileSync(firstPath));
    const sidecar = JSON.parse(readFileSync(`${firstPath}.meta.json`, 'utf8'));
    sidecar.key = 'shop/29990101T000000Z-abcdef-postgres.dump.zst';
    sidecar.created = new Date(Date.now() + 86_400_000).toISOString();
    writeFileSync(`${aheadPath}.meta.json`, JSON.stringify(sidecar));

    const second = await runBundle(
      'db-backup',
      {
        engine: 'postgres',
        'database-url': postgres.url('shop'),
        destination,
        verify: 'list',
        'retention-count': 1,
      },
      { env, timeoutMs: HANG },
    );
    expect(second.errors).toEqual([]);
    const secondPath = fileURLToPath(second.outputs.uri ?? '');
    // The run's own backup and the newest verified one stay; only the first, older one goes.
    expect(existsSync(secondPath) && existsSync(`${secondPath}.meta.json`)).toBe(true);
    expect(existsSync(aheadPath)).toBe(true);
    expect(existsSync(firstPath)).toBe(false);
    expect(second.summary).toContain(second.outputs.uri);
  });
});

describe('restore target', () => {
  it('refuses a backup of another database unless the confirmation names it, and then restores it', async () => {
    const destination = `file://${root}/other-target`;
    const backup = await runBundle(
      'db-backup',
      { engine: 'postgres', 'database-url': postgres.url('shop'), destination, verify: 'list' },
      { env, timeoutMs: HANG },
    );
    expect(backup.errors).toEqual([]);
    postgres.sql('postgres', 'CREATE DATABASE staging');
    postgres.sql('staging', "CREATE TABLE sentinel (note text); INSERT INTO sentinel VALUES ('untouched')");
    const before = fingerprint(postgres, 'staging');
    const restore = (confirm: string) =>
      runBundle(
        'db-backup',
        {
          engine: 'postgres',
          operation: 'restore',
          'database-url': postgres.url('staging'),
          destination,
          'restore-from': backup.outputs.uri,
          'confirm-restore': confirm,
        },
        { env, timeoutMs: HANG },
      );

    const refused = await restore('staging');
    expectFailedClearly(
      refused,
      /input "confirm-restore": .* is a backup of database "shop", not "staging"; to restore it into "staging", name its source \(for example: staging from shop\)/,
    );
    expect(fingerprint(postgres, 'staging')).toEqual(before);
    const wrongSource = await restore('staging from shop_eu');
    expectFailedClearly(wrongSource, /is a backup of database "shop", not "shop_eu"/);
    expect(fingerprint(postgres, 'staging')).toEqual(before);

    const accepted = await restore('staging from shop');
    expect(accepted.errors).toEqual([]);
    // --clean replaces what the backup holds; the target's other tables stay.
    expect(fingerprint(postgres, 'staging')).toEqual({ ...before, ...fingerprint(postgres, 'shop') });
  });
});
