/** PostgreSQL through pg_dump, pg_restore and psql, the password in a 0600 passfile. */
import { join } from 'node:path';
import { ActionError } from '../errors';
import {
  endEveryTool,
  FifoWriter,
  findTool,
  makeFifo,
  postgresFolders,
  privateTempFolder,
  releaseFifo,
  removePath,
  runTool,
  type ToolRun,
  toolEnvironment,
  toolFailure,
  toolOutput,
  writeCredentialsFile,
} from './tools';
import type {
  ArchiveFormat,
  ArchiveSink,
  Connection,
  DumpOptions,
  EngineSession,
  TableCounts,
  ToolOutcome,
} from './types';

const INSTALL_HINT =
  'install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client, which provides pg_dump, pg_restore and psql; use a version at least as new as the server)';
const TAR_HINT = 'install tar (Debian/Ubuntu: apt-get install tar)';

/** A passfile line field: backslash and colon are escaped (PostgreSQL docs, "The Password File"). */
export function passfileField(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
}

/** Row counts of every base table outside the system schemas, in one query. */
const TABLE_COUNTS_SQL = `SELECT table_schema || '.' || table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1`;

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function openPostgres(
  connection: Connection,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EngineSession> {
  const folders = postgresFolders();
  const find = (name: string) =>
    findTool({ names: [name], extraFolders: folders, installHint: INSTALL_HINT }, env);
  const tools = { pgDump: find('pg_dump'), pgRestore: find('pg_restore'), psql: find('psql') };
  const folder = await privateTempFolder(env);
  const passfile = join(folder, 'pgpass');
  const secrets = [connection.password];
  try {
    await writeCredentialsFile(
      passfile,
      `*:*:*:${passfileField(connection.user)}:${passfileField(connection.password ?? '')}\n`,
    );
  } catch (err) {
    await removePath(folder);
    throw err;
  }
  const toolEnv = toolEnvironment(
    {
      PGPASSFILE: passfile,
      PGAPPNAME: 'rollout-actions-db-backup',
      PGCONNECT_TIMEOUT: '15',
      ...(connection.sslMode ? { PGSSLMODE: connection.sslMode } : {}),
    },
    env,
  );
  const connArgs = (database: string) => [
    '--host',
    connection.host,
    '--port',
    String(connection.port),
    '--username',
    connection.user,
    '--no-password',
    '--dbname',
    database,
  ];
  const tool = (path: string, args: string[], signal?: AbortSignal): ToolRun => ({
    path,
    args,
    env: toolEnv,
    secrets,
    ...(signal ? { signal } : {}),
  });
  const psql = (database: string, sql: string) =>
    toolOutput(
      tool(tools.psql, [
        ...connArgs(database),
        '--no-psqlrc',
        '--tuples-only',
        '--no-align',
        '--quiet',
        '--field-separator',
        '\t',
        '--set',
        'ON_ERROR_STOP=1',
        '--command',
        sql,
      ]),
    );
  const version = async (path: string) => (await toolOutput(tool(path, ['--version']))).trim();
  const toolVersions = {
    pg_dump: await version(tools.pgDump),
    pg_restore: await version(tools.pgRestore),
  };
  let fifoCount = 0;
  const newFifo = async () => {
    const path = join(folder, `archive-${++fifoCount}.fifo`);
    await makeFifo(path);
    return path;
  };
  const tar = () => findTool({ names: ['tar'], installHint: TAR_HINT }, env);

  /** Feeds a FIFO to `consume` (a tool reading it); for the directory format, unpacks the tar first. */
  const fifoSink = async <T>(
    format: ArchiveFormat,
    signal: AbortSignal,
    consume: (archivePath: string) => Promise<{ outcome: ToolOutcome; value: T }>,
  ): Promise<ArchiveSink<T>> => {
    const fifo = await newFifo();
    let finished: Promise<{ outcome: ToolOutcome; value: T }>;
    let reading: Promise<ToolOutcome>;
    if (format === 'directory') {
      const target = join(folder, `unpacked-${fifoCount}`);
      const unpack = runTool(
        tool(tar(), ['--extract', '--file', fifo, '--directory', await mkdirp(target)], signal),
      );
      reading = unpack;
      finished = unpack.then(async (outcome) =>
        outcome.exitCode === 0 ? consume(target) : { outcome, value: undefined as T },
      );
    } else {
      finished = consume(fifo);
      reading = finished.then((result) => result.outcome);
    }
    void reading.then(() => releaseFifo(fifo, 'writer'));
    const done = finished.then(({ outcome, value }) => {
      if (outcome.exitCode !== 0) throw toolFailure(outcome);
      return value;
    });
    done.catch(() => undefined);
    return { writable: new FifoWriter(fifo, reading), done };
  };

  return {
    engine: 'postgres',
    toolVersions,
    formats: ['custom', 'directory'],
    async serverVersion() {
      return (await psql(connection.database, 'SHOW server_version')).trim();
    },
    async dump(fifoPath: string, options: DumpOptions, signal: AbortSignal): Promise<ToolOutcome> {
      if (options.format === 'custom') {
        // --no-sync: a FIFO cannot be fsynced; the store makes the stored copy durable.
        return runTool(
          tool(
            tools.pgDump,
            [
              '--format=custom',
              '--compress=0',
              '--no-sync',
              '--file',
              fifoPath,
              ...connArgs(connection.database),
            ],
            signal,
          ),
        );
      }
      if (options.format !== 'directory')
        throw new ActionError(`postgres does not write the ${options.format} format`);
      // The directory format needs a folder (pg_dump writes the tables in parallel); it is then
      // sent as one tar stream, so this is the one format that takes local disk space.
      const target = join(folder, `dump-${Date.now()}`);
      const dumped = await runTool(
        tool(
          tools.pgDump,
          [
            '--format=directory',
            '--compress=0',
            '--no-sync',
            '--jobs',
            String(options.jobs),
            '--file',
            target,
            ...connArgs(connection.database),
          ],
          signal,
        ),
      );
      if (dumped.exitCode !== 0) return dumped;
      try {
        return await runTool(
          tool(tar(), ['--create', '--file', fifoPath, '--directory', target, '.'], signal),
        );
      } finally {
        await removePath(target);
      }
    },
    checkComplete() {
      // pg_dump's exit status is the proof: it exits non-zero on any error.
    },
    listSink(format, signal) {
      return fifoSink(format, signal, async (archivePath) => {
        let entries = 0;
        const outcome = await runTool({
          ...tool(tools.pgRestore, ['--list', formatArg(format), archivePath], signal),
          onStdoutLine: (line) => {
            if (line !== '' && !line.startsWith(';')) entries++;
          },
        });
        if (outcome.exitCode === 0 && entries === 0) {
          return {
            outcome: { ...outcome, exitCode: 1, stderrTail: 'the table of contents is empty' },
            value: 0,
          };
        }
        return { outcome, value: entries };
      });
    },
    restoreSink(format, database, options, signal) {
      return fifoSink(format, signal, async (archivePath) => {
        const parallel = format === 'directory' && options.jobs > 1;
        const outcome = await runTool(
          tool(
            tools.pgRestore,
            [
              ...connArgs(database),
              '--no-owner',
              '--no-privileges',
              '--exit-on-error',
              ...(options.clean ? ['--clean', '--if-exists'] : []),
              ...(parallel ? ['--jobs', String(options.jobs)] : ['--single-transaction']),
              formatArg(format),
              archivePath,
            ],
            signal,
          ),
        );
        return { outcome, value: undefined };
      });
    },
    async tableCounts(database) {
      const counts: TableCounts = {};
      for (const line of (await psql(database, TABLE_COUNTS_SQL)).split('\n')) {
        if (line === '') continue;
        const [name, count] = line.split('\t');
        if (name !== undefined) counts[name] = Number(count);
      }
      return counts;
    },
    async createDatabase(database) {
      await psql(connection.database, `CREATE DATABASE ${quoteIdentifier(database)}`);
    },
    async dropDatabase(database) {
      await psql(connection.database, `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
    },
    async close() {
      await endEveryTool();
      await removePath(folder);
    },
  };
}

/**
 * Named explicitly: left to guess, pg_restore reads the header, closes the file and opens it
 * again, which loses the header's bytes when the file is a FIFO.
 */
function formatArg(format: ArchiveFormat): string {
  return format === 'directory' ? '--format=directory' : '--format=custom';
}

async function mkdirp(path: string): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path, { recursive: true, mode: 0o700 });
  return path;
}
