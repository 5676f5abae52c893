/**
 * Running the database client tools: found on PATH (or in Debian's versioned PostgreSQL folders),
 * spawned with argument arrays and an environment stripped of anything secret, their stderr kept
 * short and redacted for error messages. Every tool and FIFO is recorded, so that whatever fails
 * (a store, a tool, a cancellation), `endEveryTool` ends them all before the step ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { chmod, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
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
  /** Stops the tool (SIGTERM, then SIGKILL) when aborted: the run was cancelled. */
  signal?: AbortSignal;
}

/** How long a tool asked to stop (SIGTERM) may take before it is killed (SIGKILL). */
const STOP_GRACE_MS = 5_000;

/** The tools still running and the FIFOs still present: what `endEveryTool` ends. */
const running = new Set<ChildProcess>();
const fifos = new Set<string>();

/** Runs a tool to its end; never throws on a non-zero exit (callers decide what it means). */
export function runTool(run: ToolRun): Promise<ToolOutcome> {
  const tool = run.path.split('/').pop() ?? run.path;
  return new Promise((resolve) => {
    const tail: string[] = [];
    const child = spawn(run.path, run.args, { env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    createInterface({ input: child.stderr, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
    });
    if (run.onStdoutLine) {
      createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on(
        'line',
        run.onStdoutLine,
      );
    } else child.stdout.resume();
    const onAbort = () => stopTool(child);
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.signal?.aborted) onAbort();
    let spawnError: Error | undefined;
    child.once('error', (err) => {
      spawnError = err;
    });
    // 'close' comes after the tool exited and its output was read to the end.
    child.once('close', (code) => {
      running.delete(child);
      run.signal?.removeEventListener('abort', onAbort);
      if (spawnError && code === null && child.pid === undefined)
        tail.push(`could not start: ${spawnError.message}`);
      resolve({
        tool,
        exitCode: spawnError && child.pid === undefined ? -1 : code,
        stderrTail: redact(tail.join('\n'), run.secrets),
      });
    });
  });
}

/** Asks a tool to stop, and kills it if it has not within the grace period. */
function stopTool(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  timer.unref();
  child.once('exit', () => clearTimeout(timer));
}

/**
 * Ends every tool still running and opens both ends of every FIFO still present, so that no
 * child, pipe or pending open outlives the step: called when a session closes, whatever failed.
 * Resolves once every tool has exited.
 */
export async function endEveryTool(): Promise<void> {
  const exits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        stopTool(child);
      }),
  );
  // Our own pending opens of a FIFO whose tool is gone return once the other end opens.
  for (const fifo of fifos) {
    await releaseFifo(fifo, 'reader');
    await releaseFifo(fifo, 'writer');
  }
  await Promise.all(exits);
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
  for (const fifo of fifos) if (fifo === path || fifo.startsWith(`${path}/`)) fifos.delete(fifo);
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
  fifos.add(path);
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
 * Releases our pending open of a FIFO until it has returned. One release is not enough: our
 * open() runs on a worker thread, and may start after a release made just before it, then wait
 * for a partner forever (and a process cannot exit while a worker thread is blocked).
 */
export async function releaseUntilOpened(
  path: string,
  ourSide: 'reader' | 'writer',
  opened: Promise<unknown>,
): Promise<void> {
  let settled = false;
  void opened.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let tries = 0; !settled && tries < 1_000; tries++) {
    await releaseFifo(path, ourSide);
    await new Promise((resolve) => setTimeout(resolve, 20));
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
    const opening = open(this.path, constants.O_WRONLY);
    // A tool that ends without opening its end (killed, failed to start) must not leave us waiting.
    void this.toolDone.then(() => releaseUntilOpened(this.path, 'writer', opening));
    opening.then(
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
