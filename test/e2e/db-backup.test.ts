/**
 * Round trips through the built bundle against real peers: PostgreSQL and MariaDB servers, S3
 * (s3rver), GCS (harness/emulators/gcs) and a local folder. Each backup is verified by a restore into
 * a scratch database; each is then restored by `operation: restore` into a fresh database whose
 * data must be identical (row count and content checksum per table).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BackupPeers,
  type DatabaseServer,
  fingerprint,
  type S3Server,
  startBackupPeers,
} from '../../harness/helpers/databases';
import { everythingVisible, runBundle } from '../../harness/helpers/runner';

let postgres: DatabaseServer;
let mariadb: DatabaseServer;
let s3: S3Server;
let localRoot: string;
let env: Record<string, string>;
let peers: BackupPeers;

function seedPostgres(server: DatabaseServer): void {
  server.sql('postgres', 'CREATE DATABASE shop');
  server.sql(
    'shop',
    `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text, photo bytea, joined timestamptz DEFAULT now());
     INSERT INTO customers (name, email, photo) SELECT 'Kundin ' || g || ' – ü😀', CASE WHEN g % 7 = 0 THEN NULL ELSE 'c' || g || '@example.com' END, decode(md5(g::text), 'hex') FROM generate_series(1, 5000) g;
     CREATE SCHEMA billing;
     CREATE TABLE billing.invoices (id bigint PRIMARY KEY, customer int REFERENCES customers(id), amount numeric(12,2), lines jsonb);
     INSERT INTO billing.invoices SELECT g, 1 + g % 5000, g * 1.25, jsonb_build_object('sku', 'A' || g, 'qty', g % 9) FROM generate_series(1, 20000) g;
     CREATE TABLE empty_table (x int);`,
  );
}

function seedMariadb(server: DatabaseServer): void {
  server.sql('mysql', 'CREATE DATABASE shop CHARACTER SET utf8mb4');
  server.sql(
    'shop',
    `CREATE TABLE customers (id int AUTO_INCREMENT PRIMARY KEY, name varchar(200) NOT NULL, email varchar(200), photo blob) ENGINE=InnoDB;
     INSERT INTO customers (name, email, photo) SELECT CONCAT('Kundin ', seq, ' – ü😀'), IF(seq % 7 = 0, NULL, CONCAT('c', seq, '@example.com')), UNHEX(MD5(seq)) FROM seq_1_to_5000;
     CREATE TABLE invoices (id bigint PRIMARY KEY, customer int, amount decimal(12,2), note text, FOREIGN KEY (customer) REFERENCES customers(id)) ENGINE=InnoDB;
     INSERT INTO invoices SELECT seq, 1 + seq % 5000, seq * 1.25, CONCAT('line ''', seq, '''\\n') FROM seq_1_to_20000;
     CREATE TABLE empty_table (x int) ENGINE=InnoDB;`,
  );
}

beforeAll(async () => {
  peers = await startBackupPeers();
  ({ postgres, mariadb, s3, env } = peers);
  seedPostgres(postgres);
  seedMariadb(mariadb);
  localRoot = mkdtempSync(join(tmpdir(), 'backups-'));
});

afterAll(async () => {
  await peers?.close();
  if (localRoot) rmSync(localRoot, { recursive: true, force: true });
});

const destinations = {
  s3: () => `s3://${s3.bucket}/nightly`,
  gcs: () => 'gs://backups/nightly',
  local: () => `file://${localRoot}`,
};

let freshCount = 0;

describe.each([
  ['postgres', () => postgres],
  ['mysql', () => mariadb],
] as const)('%s', (engine, server) => {
  describe.each(Object.entries(destinations))('to %s', (storeName, destination) => {
    it('backs up with a verification restore, then restores into a fresh database with identical data', async () => {
      const db = server();
      const backup = await runBundle(
        'db-backup',
        { engine, 'database-url': db.url('shop'), destination: destination(), verify: 'restore' },
        { env },
      );
      expect(backup.errors).toEqual([]);
      expect(backup.exitCode).toBe(0);
      expect(backup.outputs.verified).toBe('restore');
      expect(backup.outputs.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(backup.outputs['size-bytes'])).toBeGreaterThan(1000);
      expect(backup.outputs.uri?.startsWith(destination().replace(/\/?$/, '/'))).toBe(true);
      expect(backup.outputs.uri).toMatch(engine === 'postgres' ? /\.dump\.zst$/ : /\.sql\.zst$/);
      expect(everythingVisible(backup)).not.toContain(db.password);
      // The scratch database of the verification restore is gone.
      const databases =
        engine === 'postgres'
          ? db.sql('postgres', 'SELECT datname FROM pg_database')
          : db.sql('mysql', 'SHOW DATABASES');
      expect(databases).not.toMatch(/_verify_/);

      const fresh = `restored_${storeName}_${++freshCount}`;
      db.sql(engine === 'postgres' ? 'postgres' : 'mysql', `CREATE DATABASE ${fresh}`);
      const restore = await runBundle(
        'db-backup',
        {
          engine,
          operation: 'restore',
          'database-url': db.url(fresh),
          destination: destination(),
          'restore-from': backup.outputs.uri,
          'confirm-restore': `${fresh} from shop`,
        },
        { env },
      );
      expect(restore.errors).toEqual([]);
      expect(restore.exitCode).toBe(0);
      expect(restore.outputs.sha256).toBe(backup.outputs.sha256);
      const original = fingerprint(db, 'shop');
      expect(Object.keys(original)).toHaveLength(engine === 'postgres' ? 3 : 3);
      expect(fingerprint(db, fresh)).toEqual(original);
    });
  });
});

describe('formats and options', () => {
  it('postgres directory format with 2 jobs and gzip round-trips (parallel verification restore too); latest is looked up per database', async () => {
    const destination = `file://${localRoot}/directory-format`;
    const backup = await runBundle(
      'db-backup',
      {
        engine: 'postgres',
        'database-url': postgres.url('shop'),
        destination,
        format: 'directory',
        jobs: 2,
        compression: 'gzip',
        verify: 'restore',
      },
      { env },
    );
    expect(backup.errors).toEqual([]);
    expect(backup.outputs.uri).toMatch(/\.tar\.gz$/);
    expect(backup.outputs.verified).toBe('restore');
    postgres.sql('postgres', 'CREATE DATABASE from_directory');
    const target = {
      engine: 'postgres',
      operation: 'restore',
      'database-url': postgres.url('from_directory'),
      destination,
      'confirm-restore': 'from_directory from shop',
      jobs: 2,
    };
    // `latest` looks under <destination>/<database>/: from_directory has no backups of its own…
    const latest = await runBundle(
      'db-backup',
      { ...target, 'confirm-restore': 'from_directory', 'restore-from': 'latest' },
      { env },
    );
    expect(latest.exitCode).toBe(1);
    expect(latest.errors.join()).toMatch(/no verified backup of from_directory/);
    const restore = await runBundle('db-backup', { ...target, 'restore-from': backup.outputs.uri }, { env });
    expect(restore.errors).toEqual([]);
    expect(fingerprint(postgres, 'from_directory')).toEqual(fingerprint(postgres, 'shop'));
    // …unless the confirmation names the source: then the newest backup of shop.
    const latestOfShop = await runBundle('db-backup', { ...target, 'restore-from': 'latest' }, { env });
    expect(latestOfShop.errors).toEqual([]);
    expect(latestOfShop.outputs.uri).toBe(backup.outputs.uri);
  });

  it('restore-from latest picks the newest verified backup of the database', async () => {
    const destination = `file://${localRoot}/latest`;
    const first = await runBundle(
      'db-backup',
      {
        engine: 'mysql',
        'database-url': mariadb.url('shop'),
        destination,
        verify: 'list',
        compression: 'none',
      },
      { env },
    );
    expect(first.errors).toEqual([]);
    mariadb.sql('shop', "INSERT INTO customers (name) VALUES ('added after the first backup')");
    const second = await runBundle(
      'db-backup',
      { engine: 'mysql', 'database-url': mariadb.url('shop'), destination, verify: 'full' },
      { env },
    );
    expect(second.errors).toEqual([]);
    mariadb.sql('mysql', 'CREATE DATABASE latest_target');
    const restore = await runBundle(
      'db-backup',
      {
        engine: 'mysql',
        operation: 'restore',
        host: '127.0.0.1',
        port: mariadb.port,
        user: mariadb.user,
        password: mariadb.password,
        database: 'shop',
        destination,
        'restore-from': 'latest',
        'confirm-restore': 'shop',
      },
      { env },
    );
    expect(restore.errors).toEqual([]);
    expect(restore.outputs.uri).toBe(second.outputs.uri);
    mariadb.sql('shop', "DELETE FROM customers WHERE name = 'added after the first backup'");
    // The local folder holds exactly the two data objects and their sidecars.
    const files = readdirSync(join(localRoot, 'latest', 'shop')).sort();
    expect(files).toHaveLength(4);
    expect(files.filter((f) => f.endsWith('.meta.json'))).toHaveLength(2);
  });
});
