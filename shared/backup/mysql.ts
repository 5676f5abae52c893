/** MySQL / MariaDB through mysqldump (or mariadb-dump) and the mysql client, the password in a defaults file. */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ActionError } from '../errors';
import {
  endEveryTool,
  FifoWriter,
  findTool,
  makeFifo,
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
import type { ArchiveSink, Connection, EngineSession, TableCounts, ToolOutcome } from './types';

const INSTALL_HINT =
  'install the MariaDB or MySQL client (Debian/Ubuntu: apt-get install mariadb-client, which provides mariadb-dump and mariadb; or mysql-client)';

/** mysqldump's last line when, and only when, it wrote the whole dump. */
export const COMPLETION_MARKER = '-- Dump completed';

/** An option-file value in double quotes, with the escapes the MySQL option-file parser understands. */
export function optionFileValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** Whether the last bytes of a dump end with mysqldump's completion marker line. */
export function endsWithCompletionMarker(tail: Buffer | string): boolean {
  const lines = tail.toString('utf8').trimEnd().split('\n');
  return (lines[lines.length - 1] ?? '').startsWith(COMPLETION_MARKER);
}

const CREATE_TABLE = 'CREATE TABLE ';

/**
 * Reads a SQL dump as it streams and checks its shape: a mysqldump header, at least one statement,
 * and the completion marker as the last line. Resolves with the number of CREATE TABLE statements.
 */
export class SqlDumpChecker extends Writable {
  private head = '';
  private tail = '';
  private tables = 0;
  /** The start of the line being read, up to the length of CREATE_TABLE. */
  private lineHead = '';
  readonly done: Promise<number>;
  private settle!: { resolve: (n: number) => void; reject: (e: Error) => void };

  constructor() {
    super({ highWaterMark: 1 << 20 });
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.done.catch(() => undefined);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const text = chunk.toString('latin1');
    if (this.head.length < 512) this.head += text.slice(0, 512 - this.head.length);
    // Only the first characters of each line matter; lines may be split across chunks.
    let position = 0;
    for (;;) {
      const newline = text.indexOf('\n', position);
      const lineEnd = newline === -1 ? text.length : newline;
      const wanted = CREATE_TABLE.length - this.lineHead.length;
      if (wanted > 0) this.lineHead += text.slice(position, Math.min(lineEnd, position + wanted));
      if (newline === -1) break;
      if (this.lineHead === CREATE_TABLE) this.tables++;
      this.lineHead = '';
      position = newline + 1;
    }
    this.tail = (this.tail + text).slice(-512);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    const problem = this.problem();
    if (problem) {
      const error = new ActionError(problem);
      this.settle.reject(error);
      callback(error);
      return;
    }
    this.settle.resolve(this.tables);
    callback();
  }

  private problem(): string | undefined {
    // Recent MariaDB dumps open with a `/*M!999999\- enable the sandbox mode */` line first.
    if (!/^-- (MySQL|MariaDB) dump/m.test(this.head))
      return 'the archive does not start with a mysqldump header';
    if (!endsWithCompletionMarker(this.tail)) {
      return `the archive does not end with "${COMPLETION_MARKER}": it is truncated`;
    }
    return undefined;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.settle.reject(error ?? new ActionError('the archive stream was closed early'));
    callback(error);
  }
}

export async function openMysql(
  connection: Connection,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EngineSession> {
  const find = (names: string[]) => findTool({ names, installHint: INSTALL_HINT }, env);
  const tools = { dump: find(['mariadb-dump', 'mysqldump']), client: find(['mariadb', 'mysql']) };
  const folder = await privateTempFolder(env);
  const defaultsFile = join(folder, 'my.cnf');
  const secrets = [connection.password];
  try {
    await writeCredentialsFile(
      defaultsFile,
      [
        '[client]',
        `user=${optionFileValue(connection.user)}`,
        ...(connection.password === undefined ? [] : [`password=${optionFileValue(connection.password)}`]),
        `host=${optionFileValue(connection.host)}`,
        `port=${connection.port}`,
        'protocol=TCP',
        ...(connection.sslMode ? [`ssl-mode=${connection.sslMode}`] : []),
        '',
      ].join('\n'),
    );
  } catch (err) {
    await removePath(folder);
    throw err;
  }
  const toolEnv = toolEnvironment({}, env);
  // --defaults-extra-file must come first: the tools read it before any other option.
  const defaults = `--defaults-extra-file=${defaultsFile}`;
  const tool = (path: string, args: string[], signal?: AbortSignal): ToolRun => ({
    path,
    args: [defaults, ...args],
    env: toolEnv,
    secrets,
    ...(signal ? { signal } : {}),
  });
  const sql = (database: string | undefined, statement: string) =>
    toolOutput(
      tool(tools.client, [
        '--batch',
        '--skip-column-names',
        '--raw',
        '--default-character-set=utf8mb4',
        ...(database ? [`--database=${database}`] : []),
        `--execute=${statement}`,
      ]),
    );
  const version = async (path: string) =>
    (await toolOutput({ path, args: ['--version'], env: toolEnv, secrets })).trim();
  const toolVersions = {
    [tools.dump.split('/').pop() ?? 'mysqldump']: await version(tools.dump),
    [tools.client.split('/').pop() ?? 'mysql']: await version(tools.client),
  };
  let fifoCount = 0;

  return {
    engine: 'mysql',
    toolVersions,
    formats: ['sql'],
    async serverVersion() {
      return (await sql(connection.database, 'SELECT VERSION()')).trim();
    },
    dump(fifoPath, _options, signal): Promise<ToolOutcome> {
      return runTool(
        tool(
          tools.dump,
          [
            // One consistent snapshot of InnoDB tables without locking them.
            '--single-transaction',
            '--quick',
            '--routines',
            '--triggers',
            '--hex-blob',
            '--no-tablespaces',
            `--result-file=${fifoPath}`,
            '--',
            connection.database,
          ],
          signal,
        ),
      );
    },
    checkComplete(tail) {
      if (!endsWithCompletionMarker(tail)) {
        throw new ActionError(
          `the dump does not end with "${COMPLETION_MARKER}": mysqldump stopped before the end`,
        );
      }
    },
    async listSink(): Promise<ArchiveSink<number>> {
      const checker = new SqlDumpChecker();
      return { writable: checker, done: checker.done };
    },
    async restoreSink(_format, database, _options, signal): Promise<ArchiveSink<void>> {
      const fifo = join(folder, `restore-${++fifoCount}.fifo`);
      await makeFifo(fifo);
      // The client reads the FIFO through its own `source` command: @actions/exec can only feed
      // stdin from a buffer, which would hold the whole dump in memory.
      const reading = runTool(
        tool(tools.client, ['--batch', `--database=${database}`, `--execute=source ${fifo}`], signal),
      );
      void reading.then(() => releaseFifo(fifo, 'writer'));
      const checker = new SqlDumpChecker();
      const done = reading.then((outcome) => {
        if (outcome.exitCode !== 0) throw toolFailure(outcome);
      });
      done.catch(() => undefined);
      const both = Promise.all([done, checker.done]).then(() => undefined);
      // Rejects as soon as the stream fails, while the caller still waits for the stream itself.
      both.catch(() => undefined);
      return { writable: teeWritable(new FifoWriter(fifo, reading), checker), done: both };
    },
    async tableCounts(database) {
      const tables = (
        await sql(
          database,
          "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
      )
        .split('\n')
        .filter((name) => name !== '');
      const counts: TableCounts = {};
      if (tables.length === 0) return counts;
      const query = tables
        .map((name) => `SELECT ${quoteString(name)}, COUNT(*) FROM ${quoteIdentifier(name)}`)
        .join(' UNION ALL ');
      for (const line of (await sql(database, query)).split('\n')) {
        if (line === '') continue;
        const [name, count] = line.split('\t');
        if (name !== undefined) counts[name] = Number(count);
      }
      return counts;
    },
    async createDatabase(database) {
      await sql(undefined, `CREATE DATABASE ${quoteIdentifier(database)}`);
    },
    async dropDatabase(database) {
      await sql(undefined, `DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`);
    },
    async close() {
      await endEveryTool();
      await removePath(folder);
    },
  };
}

function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Writes every chunk to two writables, honouring backpressure from both. */
function teeWritable(first: Writable, second: Writable): Writable {
  // Their errors reach the tee through the write and end callbacks; destroying the tee destroys
  // them with its error, which must not surface again as an unhandled 'error' event.
  for (const target of [first, second]) target.on('error', () => undefined);
  const writeTo = (target: Writable, chunk: Buffer) =>
    new Promise<void>((resolve, reject) => {
      target.write(chunk, (err) => (err ? reject(err) : resolve()));
    });
  const endOf = (target: Writable) =>
    new Promise<void>((resolve, reject) => {
      target.once('error', reject);
      target.end(() => resolve());
    });
  return new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, callback) {
      Promise.all([writeTo(first, chunk), writeTo(second, chunk)]).then(() => callback(), callback);
    },
    final(callback) {
      Promise.all([endOf(first), endOf(second)]).then(() => callback(), callback);
    },
    destroy(error, callback) {
      first.destroy(error ?? undefined);
      second.destroy(error ?? undefined);
      callback(error);
    },
  });
}
