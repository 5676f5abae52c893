/**
 * Running the database client tools: found on PATH (or in Debian's versioned PostgreSQL folders),
 * started through @actions/exec with argument arrays and an environment stripped of anything
 * secret, their stderr kept short and redacted for error messages.
 */
import { accessSync, constants, readdirSync } from 'node:fs';
import { chmod, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Writable } from 'node:stream';
import * as actionsExec from '@actions/exec';
import { ActionError } from '../errors';
import { redact } from '../mask';
import type { ToolOutcome } from './types';

const STDERR_TAIL_LINES = 20;

/** A tool that is missing, with the package that provides it. */
export class MissingToolError extends ActionError {}

export interface ToolSearch {
  /** Names to look for, in order of preference (e.g. mariadb-dump, then mysqldump). */
  names: readonly string[];
  /** Folders to search after PATH. */
  extraFolders?: readonly string[];
  /** Said when none is found: which package provides the tool. */
  installHint: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findTool(search: ToolSearch, env: NodeJS.ProcessEnv = process.env): string {
  const folders = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...(search.extraFolders ?? [])];
  for (const name of search.names) {
    for (const folder of folders) {
      const path = join(folder, name);
      if (isExecutable(path)) return path;
    }
  }
  throw new MissingToolError(`${search.names.join(' or ')} not found on PATH: ${search.installHint}`);
}

/** Debian/Ubuntu install PostgreSQL clients under /usr/lib/postgresql/<major>/bin; newest first. */
export function postgresFolders(root = '/usr/lib/postgresql'): string[] {
  try {
    return readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
      .map((major) => join(root, major, 'bin'));
  } catch {
    return [];
  }
}

/**
 * The environment the tools run with: the runner's own, minus every action input (INPUT_* holds
 * the password and database URL) and minus the variables through which the tools would accept a
 * password, plus what the engine adds (e.g. PGPASSFILE).
 */
export function toolEnvironment(
  extra: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (/^INPUT_/i.test(name)) continue;
    if (/^(PGPASSWORD|PGPASSFILE|PGSERVICEFILE|MYSQL_PWD|DATABASE_URL)$/i.test(name)) continue;
    clean[name] = value;
  }
  return { ...clean, ...extra };
}

export interface ToolRun {
  path: string;
  args: string[];
  env: Record<string, string>;
  /** Secrets to strip from the stderr kept for messages. */
  secrets: readonly (string | undefined)[];
  /** Each line of stdout, for tools whose output is small or counted line by line. */
  onStdoutLine?: (line: string) => void;
}

/** Runs a tool to its end; never throws on a non-zero exit (callers decide what it means). */
export async function runTool(run: ToolRun): Promise<ToolOutcome> {
  const tail: string[] = [];
  const exitCode: number | null = await actionsExec.exec(run.path, run.args, {
    env: run.env,
    silent: true,
    ignoreReturnCode: true,
    listeners: {
      errline: (line) => {
        tail.push(line);
        if (tail.length > STDERR_TAIL_LINES) tail.shift();
      },
      ...(run.onStdoutLine ? { stdline: run.onStdoutLine } : {}),
    },
  });
  return {
    tool: run.path.split('/').pop() ?? run.path,
    exitCode,
    stderrTail: redact(tail.join('\n'), run.secrets),
  };
}

/** Runs a tool and returns its stdout; a non-zero exit throws with its stderr. */
export async function toolOutput(run: Omit<ToolRun, 'onStdoutLine'>): Promise<string> {
  const lines: string[] = [];
  const outcome = await runTool({ ...run, onStdoutLine: (line) => lines.push(line) });
  assertSucceeded(outcome);
  return lines.join('\n');
}

export function assertSucceeded(outcome: ToolOutcome): void {
  if (outcome.exitCode !== 0) throw toolFailure(outcome);
}

/** A private (0700) folder in RUNNER_TEMP for credentials files and FIFOs; removed by the caller. */
export async function privateTempFolder(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const folder = await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'db-backup-'));
  await chmod(folder, 0o700);
  return folder;
}

/** Writes a credentials file readable by its owner only; created exclusively, never overwritten. */
export async function writeCredentialsFile(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o600, flag: 'wx' });
}

export async function removePath(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

const MKFIFO: ToolSearch = { names: ['mkfifo'], installHint: 'install coreutils' };

/**
 * A named pipe: the tools write their archive into it (or read one from it) as if it were a file,
 * and the kernel's pipe buffer applies backpressure, so memory stays bounded whatever the size.
 */
export async function makeFifo(path: string): Promise<void> {
  const outcome = await runTool({
    path: findTool(MKFIFO),
    args: ['-m', '600', path],
    env: toolEnvironment({}),
    secrets: [],
  });
  assertSucceeded(outcome);
}

/**
 * Opening one end of a FIFO blocks until the other end opens. When a tool exits without ever
 * opening its end (bad credentials, a crash), this opens and closes that end so our side's open
 * returns and sees end of file (reading) or EPIPE (writing).
 */
export async function releaseFifo(path: string, ourSide: 'reader' | 'writer'): Promise<void> {
  const flags =
    ourSide === 'reader'
      ? constants.O_WRONLY | constants.O_NONBLOCK
      : constants.O_RDONLY | constants.O_NONBLOCK;
  try {
    const handle = await open(path, flags);
    await handle.close();
  } catch {
    // ENXIO: nobody is waiting on the other end, which is what we wanted.
  }
}

/**
 * A writable into a FIFO that a tool reads. A tool may stop reading early on purpose (pg_restore
 * --list reads only the table of contents); the rest of the stream is then discarded, so the
 * stream's checksum still covers every byte. A tool that fails is reported by `toolDone`.
 */
export class FifoWriter extends Writable {
  private handle: import('node:fs/promises').FileHandle | undefined;
  private readerGone = false;

  constructor(
    private readonly path: string,
    private readonly toolDone: Promise<ToolOutcome>,
  ) {
    super({ highWaterMark: 1 << 20 });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.path, constants.O_WRONLY).then(
      (handle) => {
        this.handle = handle;
        callback();
      },
      (err: Error) => callback(err),
    );
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.readerGone || !this.handle) {
      callback();
      return;
    }
    this.handle.write(chunk).then(
      () => callback(),
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') return callback(err);
        this.readerGone = true;
        // The tool closed its end: fine if it succeeded, the reason for failing if it did not.
        this.toolDone.then((outcome) => {
          if (outcome.exitCode === 0) callback();
          else callback(toolFailure(outcome));
        }, callback);
      },
    );
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.closeHandle().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.closeHandle().then(
      () => callback(error),
      () => callback(error),
    );
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}

export function toolFailure(outcome: ToolOutcome): ActionError {
  // @actions/exec reports a tool killed by a signal with a null exit code.
  const how =
    outcome.exitCode === null ? 'was killed by a signal' : `failed with exit code ${outcome.exitCode}`;
  return new ActionError(`${outcome.tool} ${how}${outcome.stderrTail ? `: ${outcome.stderrTail}` : ''}`);
}
