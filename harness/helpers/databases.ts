/**
 * Real PostgreSQL and MariaDB servers for tests: each started on 127.0.0.1 with a throwaway data
 * folder and a free port, as the `postgres` / `mysql` system user when the tests run as root.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GcsEmulator, startGcsEmulator } from '../emulators/gcs/server';

export interface DatabaseServer {
  engine: 'postgres' | 'mysql';
  host: string;
  port: number;
  user: string;
  password: string;
  /** The server process, e.g. to find the tools it spawns. */
  process: ChildProcess;
  /** Runs SQL as the admin user in a database and returns tab-separated rows. */
  sql(database: string, statement: string): string;
  url(database: string): string;
  stop(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const path = join(root, major, 'bin', name);
    if (existsSync(path)) return path;
  }
  return name;
}

/** util-linux's runuser lives in sbin, which a non-login PATH may lack. */
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((path) => existsSync(path)) ?? 'runuser';

/** As root, runs a command as a system user (servers refuse to run as root). */
function asUser(user: string, command: string, args: string[]): [string, string[]] {
  return isRoot ? [RUNUSER, ['-u', user, '--', command, ...args]] : [command, args];
}

function ownedTempFolder(prefix: string, user: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(folder, 0o700);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
    chownSync(folder, uid, gid);
  }
  return folder;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess, folder: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      rmSync(folder, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

export async function startPostgres(password = 'pg-Secret:with\\odd"chars'): Promise<DatabaseServer> {
  const folder = ownedTempFolder('pg-', 'postgres');
  const data = join(folder, 'data');
  const pwfile = join(folder, 'pw');
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (isRoot) execFileSync('chown', ['postgres', pwfile]);
  const [initCmd, initArgs] = asUser('postgres', postgresBin('initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [cmd, args] = asUser('postgres', postgresBin('postgres'), [
    '-D',
    data,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-k',
    folder,
    '-c',
    'fsync=off',
    '-c',
    'max_connections=50',
  ]);
  const child = spawn(cmd, args, { stdio: 'ignore' });
  const psql = postgresBin('psql');
  const env = { ...process.env, PGPASSWORD: password };
  const sql = (database: string, statement: string) =>
    execFileSync(
      psql,
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        database,
        '-XAtq',
        '-F',
        '\t',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        statement,
      ],
      { env, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString();
  await waitFor(() => {
    try {
      sql('postgres', 'SELECT 1');
      return true;
    } catch {
      return false;
    }
  }, 'postgres');
  return {
    engine: 'postgres',
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    process: child,
    sql,
    url: (database) =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: () => stopProcess(child, folder),
  };
}

export async function startMariadb(password = 'my-Secret:with\\odd"chars'): Promise<DatabaseServer> {
  const folder = ownedTempFolder('mariadb-', 'mysql');
  const data = join(folder, 'data');
  const socket = join(folder, 'mysqld.sock');
  const install = existsSync('/usr/bin/mariadb-install-db') ? 'mariadb-install-db' : 'mysql_install_db';
  const [initCmd, initArgs] = asUser('mysql', install, [
    `--datadir=${data}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    '--skip-name-resolve',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const server = existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : '/usr/sbin/mysqld';
  const [cmd, args] = asUser('mysql', server, [
    '--no-defaults',
    `--datadir=${data}`,
    `--socket=${socket}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    `--pid-file=${join(folder, 'mysqld.pid')}`,
    '--innodb-buffer-pool-size=64M',
    '--innodb-flush-log-at-trx-commit=0',
    '--skip-log-bin',
  ]);
  const child = spawn(cmd, args, { stdio: 'ignore' });
  const client = existsSync('/usr/bin/mariadb') ? 'mariadb' : 'mysql';
  const rootSql = (statement: string) =>
    execFileSync(client, ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', statement], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  await waitFor(() => {
    try {
      rootSql('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }, 'mariadb');
  const quoted = password.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  rootSql(`CREATE USER 'backup'@'%' IDENTIFIED BY '${quoted}'; GRANT ALL PRIVILEGES ON *.* TO 'backup'@'%';`);
  const sql = (database: string, statement: string) =>
    execFileSync(
      client,
      [
        '--no-defaults',
        `--socket=${socket}`,
        '-uroot',
        '--default-character-set=utf8mb4',
        '--batch',
        '--skip-column-names',
        '--raw',
        `--database=${database}`,
        '-e',
        statement,
      ],
      {
        maxBuffer: 64 << 20,
      },
    ).toString();
  return {
    engine: 'mysql',
    host: '127.0.0.1',
    port,
    user: 'backup',
    password,
    process: child,
    sql,
    url: (database) =>
      `mysql://backup:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: () => stopProcess(child, folder),
  };
}

/**
 * A fingerprint of a database's data: row count and an md5 of every row, ordered, per table.
 * Two databases with equal fingerprints hold the same data.
 */
export function fingerprint(server: DatabaseServer, database: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (server.engine === 'postgres') {
    const tables = server
      .sql(
        database,
        "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog','information_schema') ORDER BY 1",
      )
      .split('\n')
      .filter(Boolean);
    for (const table of tables) {
      const [schema, name] = table.split('.') as [string, string];
      const ref = `"${schema}"."${name}"`;
      result[table] = server
        .sql(
          database,
          `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ${ref} t`,
        )
        .trim();
    }
    return result;
  }
  const tables = server
    .sql(
      database,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type='BASE TABLE' ORDER BY 1",
    )
    .split('\n')
    .filter(Boolean);
  for (const table of tables) {
    const columns = server
      .sql(
        database,
        `SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name='${table}' ORDER BY ordinal_position`,
      )
      .split('\n')
      .filter(Boolean)
      .map((c) => `COALESCE(HEX(\`${c}\`),'NULL')`)
      .join(",'\\t',");
    result[table] = server
      .sql(
        database,
        `SET SESSION group_concat_max_len = 1073741824; SELECT CONCAT(COUNT(*), ':', COALESCE(MD5(GROUP_CONCAT(CONCAT(${columns}) ORDER BY CONCAT(${columns}) SEPARATOR '|')), '')) FROM \`${table}\``,
      )
      .trim();
  }
  return result;
}

export interface S3Server {
  endpoint: string;
  bucket: string;
  directory: string;
  close(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** s3rver (npm) on loopback with one bucket: the S3 peer of the backup tests. */
export async function startS3(bucket = 'backups'): Promise<S3Server> {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;
  const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    directory,
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The environment with which the official SDKs reach s3rver and the GCS emulator (test-only variables). */
export function storeEnv(s3: S3Server, gcsUrl: string): Record<string, string> {
  return {
    ROLLOUT_ACTIONS_TEST_S3_ENDPOINT: s3.endpoint,
    ROLLOUT_ACTIONS_TEST_GCS_ENDPOINT: gcsUrl,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  };
}

/** The four peers every db-backup test runs against, started together and closed together. */
export interface BackupPeers {
  postgres: DatabaseServer;
  mariadb: DatabaseServer;
  s3: S3Server;
  gcs: GcsEmulator;
  /** What the bundles need to reach s3rver and the GCS emulator. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startBackupPeers(): Promise<BackupPeers> {
  const [postgres, mariadb, s3, gcs] = await Promise.all([
    startPostgres(),
    startMariadb(),
    startS3(),
    startGcsEmulator(),
  ]);
  return {
    postgres,
    mariadb,
    s3,
    gcs,
    env: storeEnv(s3, gcs.url),
    close: async () => {
      await Promise.all([postgres.stop(), mariadb.stop(), s3.close(), gcs.close()]);
    },
  };
}

/**
 * A database named `big` on both engines, of barely compressible text, so that a dump, a
 * verification or a restore runs long enough to be interrupted in the middle (~100 bytes a row).
 */
export function seedBigDatabases(peers: BackupPeers, rows: { postgres: number; mariadb: number }): void {
  peers.postgres.sql('postgres', 'CREATE DATABASE big');
  peers.postgres.sql(
    'big',
    `CREATE TABLE blobs (id int PRIMARY KEY, body text); INSERT INTO blobs SELECT g, md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text) FROM generate_series(1, ${rows.postgres}) g`,
  );
  peers.mariadb.sql('mysql', 'CREATE DATABASE big');
  peers.mariadb.sql(
    'big',
    `CREATE TABLE blobs (id int PRIMARY KEY, body text) ENGINE=InnoDB; INSERT INTO blobs SELECT seq, CONCAT(MD5(seq), MD5(seq * 7), MD5(seq * 13)) FROM seq_1_to_${rows.mariadb}`,
  );
}

/** Processes whose parent is `parentPid` and whose command name is `name` (from /proc). */
export function childProcesses(parentPid: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === name && ppid === parentPid) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

export interface CuttingProxy {
  url: string;
  /** While set, a connection is cut once it has carried this many request bytes. */
  cutAfterBytes: number | undefined;
  /**
   * While set, a request whose head (request line and headers) it accepts is answered by cutting
   * the connection before it reaches the server: a store failing on one kind of request (e.g. the
   * GET of an object during verification) while every other request goes through.
   */
  refuse: ((requestHead: string) => boolean) | undefined;
  /** Requests refused so far. */
  refused: number;
  cuts: number;
  close(): Promise<void>;
}

/** A TCP proxy to a loopback port that can cut connections mid-request: a store failing mid-upload. */
export async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  const { createServer: createTcpServer, connect } = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  const proxy: CuttingProxy = {
    url: '',
    cutAfterBytes: undefined,
    refuse: undefined,
    refused: 0,
    cuts: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createTcpServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let carried = 0;
    client.on('data', (chunk: Buffer) => {
      carried += chunk.length;
      // A request starts a chunk (the SDKs write each request's head in one piece).
      const head = chunk.subarray(0, 4096).toString('latin1');
      if (proxy.refuse && /^(GET|HEAD|PUT|POST|DELETE) \S+ HTTP\/1\.1\r\n/.test(head) && proxy.refuse(head)) {
        proxy.refused++;
        client.destroy();
        upstream.destroy();
        return;
      }
      if (proxy.cutAfterBytes !== undefined && carried > proxy.cutAfterBytes) {
        proxy.cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}
