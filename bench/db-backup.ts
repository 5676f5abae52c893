/**
 * db-backup benchmark: the action's streaming backup (pg_dump → FIFO → zstd → SHA-256 → local
 * store, verify=list) against a plain `pg_dump -Fc -f file` of the same database, plus the
 * directory format with 2 jobs; peak memory of the action process from /proc/<pid>/status VmHWM.
 *
 *   npm run bench:db-backup                 # 1024 MB database (the SPEC's figure)
 *   npm run bench:db-backup -- --size-mb 100
 *
 * SPEC targets: throughput ≥ 0.9× the plain pg_dump, peak memory ≤ 150 MB.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseServer, startPostgres } from '../harness/helpers/databases';
import { runBundle } from '../harness/helpers/runner';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

const sizeMb = argument('size-mb', 1024);

function pgDumpPath(): string {
  for (const major of ['17', '16', '15', '14']) {
    const path = `/usr/lib/postgresql/${major}/bin/pg_dump`;
    try {
      statSync(path);
      return path;
    } catch {
      // try the next
    }
  }
  return 'pg_dump';
}

/** Fills a table with ~sizeMb of text that compresses about as well as real rows (hex digests). */
function seed(server: DatabaseServer): number {
  server.sql('postgres', 'CREATE DATABASE bench');
  server.sql(
    'bench',
    'CREATE TABLE a (id bigint PRIMARY KEY, body text, n numeric); CREATE TABLE b (id bigint, body text)',
  );
  // One row takes ~160 bytes on disk with its index entry.
  const rows = Math.ceil((sizeMb * 1024 * 1024) / 160);
  const batch = 1_000_000;
  for (let start = 1; start <= rows; start += batch) {
    const end = Math.min(rows, start + batch - 1);
    const table = start % (2 * batch) === 1 ? 'a' : 'b';
    const extra = table === 'a' ? ', g * 1.5' : '';
    server.sql(
      'bench',
      `INSERT INTO ${table} SELECT g, md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text)${extra} FROM generate_series(${start}, ${end}) g`,
    );
  }
  server.sql('bench', 'VACUUM ANALYZE');
  return Number(server.sql('bench', "SELECT pg_database_size('bench')").trim());
}

async function timePlainDump(
  server: DatabaseServer,
  folder: string,
): Promise<{ seconds: number; bytes: number }> {
  const file = join(folder, 'plain.dump');
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      pgDumpPath(),
      ['-Fc', '-f', file, '-h', server.host, '-p', String(server.port), '-U', server.user, 'bench'],
      { env: { ...process.env, PGPASSWORD: server.password }, stdio: 'ignore' },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump exited ${code}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  const bytes = statSync(file).size;
  rmSync(file);
  return { seconds, bytes };
}

async function timeAction(
  server: DatabaseServer,
  folder: string,
  extra: Record<string, string | number>,
): Promise<{ seconds: number; bytes: number; peakMb: number; peakAnonMb: number }> {
  let peakKb = 0;
  let peakAnonKb = 0;
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const result = await runBundle(
    'db-backup',
    {
      engine: 'postgres',
      'database-url': server.url('bench'),
      destination: `file://${folder}`,
      verify: 'list',
      ...extra,
    },
    {
      timeoutMs: 3_600_000,
      onStart: (child) => {
        timer = setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            const hwm = Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0);
            peakKb = Math.max(peakKb, hwm);
            // RssAnon: what the process allocated, without the shared pages of the node binary.
            peakAnonKb = Math.max(peakAnonKb, Number(status.match(/RssAnon:\s+(\d+) kB/)?.[1] ?? 0));
          } catch {
            // the process has ended
          }
        }, 50);
      },
    },
  );
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (result.exitCode !== 0)
    throw new Error(`db-backup failed: ${result.errors.join('; ')}\n${result.stdout}`);
  rmSync(folder, { recursive: true, force: true });
  return {
    seconds,
    bytes: Number(result.outputs['size-bytes']),
    peakMb: peakKb / 1024,
    peakAnonMb: peakAnonKb / 1024,
  };
}

async function main(): Promise<void> {
  const server = await startPostgres();
  const scratch = mkdtempSync(join(tmpdir(), 'bench-db-backup-'));
  try {
    console.log(`seeding a ~${sizeMb} MB database…`);
    const dbBytes = seed(server);
    const dbMb = dbBytes / 1024 / 1024;
    console.log(`database size ${dbMb.toFixed(0)} MB`);
    // Warm the page cache once so that neither contender pays for the first read.
    await timePlainDump(server, scratch);
    const plain = await timePlainDump(server, scratch);
    const custom = await timeAction(server, join(scratch, 'custom'), { compression: 'zstd' });
    const directory = await timeAction(server, join(scratch, 'directory'), { format: 'directory', jobs: 2 });
    const plainAgain = await timePlainDump(server, scratch);
    const baseline = (plain.seconds + plainAgain.seconds) / 2;
    const rows = [
      ['pg_dump -Fc -f file (mean of 2)', baseline, plain.bytes, undefined, undefined],
      [
        'db-backup custom + zstd, verify=list',
        custom.seconds,
        custom.bytes,
        custom.peakMb,
        custom.peakAnonMb,
      ],
      [
        'db-backup directory -j2 + zstd, verify=list',
        directory.seconds,
        directory.bytes,
        directory.peakMb,
        directory.peakAnonMb,
      ],
    ] as const;
    console.log(
      `\n${'run'.padEnd(46)} ${'seconds'.padStart(8)} ${'MB/s'.padStart(7)} ${'× plain'.padStart(8)} ${'output MB'.padStart(10)} ${'peak RSS MB'.padStart(12)} ${'anon MB'.padStart(8)}`,
    );
    for (const [name, seconds, bytes, peak, anon] of rows) {
      console.log(
        `${name.padEnd(46)} ${seconds.toFixed(1).padStart(8)} ${(dbMb / seconds).toFixed(1).padStart(7)} ${(baseline / seconds).toFixed(2).padStart(8)} ${(bytes / 1024 / 1024).toFixed(0).padStart(10)} ${(peak === undefined ? '—' : peak.toFixed(0)).padStart(12)} ${(anon === undefined ? '—' : anon.toFixed(0)).padStart(8)}`,
      );
    }
    const ratio = baseline / custom.seconds;
    const peak = Math.max(custom.peakMb, directory.peakMb);
    console.log(
      `\nthroughput ${ratio.toFixed(2)}× plain pg_dump (target ≥ 0.9): ${ratio >= 0.9 ? 'met' : 'NOT met'}; peak memory ${peak.toFixed(0)} MB RSS (VmHWM; target ≤ 150): ${peak <= 150 ? 'met' : 'NOT met'}`,
    );
    console.log(`machine: ${execFileSync('nproc').toString().trim()} cores, node ${process.version}`);
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
