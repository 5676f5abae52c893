/** Shared types of the backup engines, pipeline, metadata and retention. */
import type { Writable } from 'node:stream';

export type EngineName = 'postgres' | 'mysql';
export type Compression = 'zstd' | 'gzip' | 'none';
/** What is proven about a stored backup before it counts. */
export type VerifyLevel = 'list' | 'full' | 'restore';
/** postgres: pg_dump's custom or directory format (sent as one tar); mysql: plain SQL. */
export type ArchiveFormat = 'custom' | 'directory' | 'sql';

export interface Connection {
  host: string;
  port: number;
  user: string;
  /** Reaches the tools only through a 0600 passfile / defaults file. */
  password?: string;
  database: string;
  /** postgres sslmode, mysql ssl-mode, as given in the URL. */
  sslMode?: string;
}

/** Row counts by table ("schema.table" for postgres, "table" for mysql). */
export type TableCounts = Record<string, number>;

/** Where a tool's finished run is reported. */
export interface ToolOutcome {
  tool: string;
  /** null when the tool was killed by a signal. */
  exitCode: number | null;
  /** The last lines the tool wrote to stderr, already redacted. */
  stderrTail: string;
}

/** A destination for a decompressed archive stream, and what it concluded once it ended. */
export interface ArchiveSink<T> {
  writable: Writable;
  done: Promise<T>;
}

export interface DumpOptions {
  format: ArchiveFormat;
  /** Parallel jobs for the directory format. */
  jobs: number;
}

/**
 * One engine bound to one connection: its tools found, its credentials file written. Everything a
 * backup or restore needs from the database goes through it.
 */
export interface EngineSession {
  readonly engine: EngineName;
  readonly toolVersions: Record<string, string>;
  serverVersion(): Promise<string>;
  /** The archive formats this engine writes, the first being the default. */
  readonly formats: readonly ArchiveFormat[];
  /** Runs the dump tool so that it writes the archive into `fifoPath`; resolves when it has exited. */
  dump(fifoPath: string, options: DumpOptions, signal: AbortSignal): Promise<ToolOutcome>;
  /** Throws when the end of an archive shows it is incomplete (mysqldump's completion marker). */
  checkComplete(tail: Buffer): void;
  /** Reads an archive's table of contents; resolves with the number of entries in it. */
  listSink(format: ArchiveFormat, signal: AbortSignal): Promise<ArchiveSink<number>>;
  /** Restores an archive into `database` (which must exist). */
  restoreSink(
    format: ArchiveFormat,
    database: string,
    options: { clean: boolean; jobs: number },
    signal: AbortSignal,
  ): Promise<ArchiveSink<void>>;
  tableCounts(database: string): Promise<TableCounts>;
  createDatabase(database: string): Promise<void>;
  dropDatabase(database: string): Promise<void>;
  /** Removes the credentials file and any temporary folder. Safe to call more than once. */
  close(): Promise<void>;
}
