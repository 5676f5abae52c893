/**
 * The streaming paths between a database tool and a store, with bounded memory:
 *   backup:    dump tool → FIFO → completion gate → compression → SHA-256 → store.put
 *   read back: store.get → SHA-256 → decompression → a sink (table of contents, restore) or nothing
 * No stage holds more than a few MiB; the FIFO's kernel buffer makes the dump tool wait for us.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupObject, BackupStore } from '../stores/types';
import { compressor, decompressor } from './compression';
import { GarbageBudget } from './memory';
import {
  makeFifo,
  privateTempFolder,
  releaseFifo,
  releaseUntilOpened,
  removePath,
  toolFailure,
} from './tools';
import type { ArchiveSink, Compression, DumpOptions, EngineSession, ToolOutcome } from './types';

const READ_CHUNK = 256 * 1024;
const PIPE_CHUNK = 64 * 1024;
/** How long a dump tool may take to exit once its output is gone before we stop waiting. */
const TOOL_EXIT_GRACE_MS = 15_000;

/** Counts and hashes the bytes that pass through it. */
export class Digest extends Transform {
  private readonly hash = createHash('sha256');
  private readonly budget = new GarbageBudget();
  bytes = 0;
  private hex: string | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.budget.account(chunk.length);
    callback(null, chunk);
  }

  /** The SHA-256 in hex; only once the stream has ended. */
  sha256(): string {
    this.hex ??= this.hash.digest('hex');
    return this.hex;
  }
}

/**
 * Lets the stream end only once the dump tool has exited successfully and the archive's tail
 * shows it is complete: an object is committed by the store only when its body ends cleanly, so
 * a failed dump can never be stored under its final name.
 */
class CompletionGate extends Transform {
  private tail = Buffer.alloc(0);
  private readonly budget = new GarbageBudget();
  constructor(
    private readonly toolDone: Promise<ToolOutcome>,
    private readonly checkComplete: (tail: Buffer) => void,
  ) {
    super({ highWaterMark: READ_CHUNK });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.budget.account(chunk.length);
    this.tail = Buffer.concat([this.tail, chunk.subarray(-1024)]).subarray(-1024);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.toolDone.then(
      (outcome) => {
        if (outcome.exitCode !== 0) return callback(toolFailure(outcome));
        try {
          this.checkComplete(this.tail);
          callback();
        } catch (err) {
          callback(err as Error);
        }
      },
      (err: Error) => callback(err),
    );
  }
}

export interface StoredBackup {
  object: BackupObject;
  sha256: string;
  size: number;
}

export interface StreamBackupRequest {
  session: EngineSession;
  store: BackupStore;
  key: string;
  compression: Compression;
  dump: DumpOptions;
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export async function streamBackup(request: StreamBackupRequest): Promise<StoredBackup> {
  const folder = await privateTempFolder(request.env);
  const fifo = join(folder, 'dump.fifo');
  try {
    await makeFifo(fifo);
    const toolDone = request.session.dump(fifo, request.dump, request.signal);
    // A pipe hands over at most 64 KiB per read; asking for more only allocates buffers to discard.
    const archive = createReadStream(fifo, { highWaterMark: PIPE_CHUNK });
    const opened = new Promise<void>((resolve) => {
      archive.once('open', () => resolve()).once('close', () => resolve());
    });
    // A tool that exits without opening the FIFO would leave our open() waiting forever.
    void toolDone.then(() => releaseUntilOpened(fifo, 'reader', opened));
    const digest = new Digest({ highWaterMark: READ_CHUNK });
    const flowing = pipeline(
      archive,
      new CompletionGate(toolDone, (tail) => request.session.checkComplete(tail)),
      compressor(request.compression),
      digest,
      { signal: request.signal },
    );
    const putting = request.store.put(request.key, digest, {
      signal: request.signal,
      contentType:
        request.compression === 'none' ? 'application/octet-stream' : `application/${request.compression}`,
    });
    // If the store fails first, stop the dump: destroying the digest unwinds the pipeline,
    // closes the FIFO and the tool gets EPIPE.
    putting.catch((err: Error) => digest.destroy(err));
    const [flowed, put] = await Promise.allSettled([flowing, putting]);
    if (flowed.status === 'rejected' || put.status === 'rejected') {
      await releaseFifo(fifo, 'writer');
      await settledWithin(toolDone, TOOL_EXIT_GRACE_MS).catch(() => undefined);
      throw firstCause(flowed, put);
    }
    return { object: put.value, sha256: digest.sha256(), size: digest.bytes };
  } finally {
    await removePath(folder);
  }
}

/** The error worth reporting: the tool's or the data's own failure rather than its echo downstream. */
function firstCause(flowed: PromiseSettledResult<void>, put: PromiseSettledResult<BackupObject>): unknown {
  if (flowed.status === 'rejected') {
    const code = (flowed.reason as { code?: string }).code;
    const echo = code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ABORT_ERR';
    if (!echo || put.status !== 'rejected') return flowed.reason;
  }
  return put.status === 'rejected' ? put.reason : undefined;
}

export interface ReadBackResult<T> {
  sha256: string;
  size: number;
  value: T | undefined;
}

/**
 * Reads a stored object back, hashing every byte, and feeds it decompressed to a sink when one is
 * given. With `stopAtSink`, reading stops as soon as the sink has its answer (a table of contents
 * is at the start of the archive); the checksum is then not known.
 */
export async function readBack<T>(request: {
  store: BackupStore;
  key: string;
  compression: Compression;
  signal: AbortSignal;
  sink?: ArchiveSink<T>;
  stopAtSink?: boolean;
}): Promise<ReadBackResult<T>> {
  let source: Readable;
  try {
    source = await request.store.get(request.key, request.signal);
  } catch (err) {
    // The sink's tool is already waiting on its FIFO: end it, or it (and the step) waits forever.
    if (request.sink) await abandon(request.sink);
    throw err;
  }
  const digest = new Digest({ highWaterMark: READ_CHUNK });
  if (!request.sink) {
    await pipeline(source, digest, discard(), { signal: request.signal });
    return { sha256: digest.sha256(), size: digest.bytes, value: undefined };
  }
  const sink = request.sink;
  const flowing = pipeline(source, digest, decompressor(request.compression), sink.writable, {
    signal: request.signal,
  });
  flowing.catch(() => undefined);
  if (request.stopAtSink) {
    const first = await Promise.race([
      sink.done.then((value) => ({ sinkFirst: true, value })),
      flowing.then(() => ({ sinkFirst: false, value: undefined })),
    ]);
    if (first.sinkFirst) {
      source.destroy();
      await flowing.catch(() => undefined);
      return { sha256: '', size: digest.bytes, value: first.value };
    }
  }
  try {
    await flowing;
  } catch (err) {
    // The sink's own verdict (a tool's stderr) explains more than a closed pipe does.
    await abandon(sink);
    await settledWithin(sink.done, TOOL_EXIT_GRACE_MS);
    throw err;
  }
  const value = await sink.done;
  return { sha256: digest.sha256(), size: digest.bytes, value };
}

/**
 * Closes a sink whose archive will not come: its tool sees the end of its input and exits (a
 * tool that does not is ended by the session's close). Waits a while for its verdict.
 */
async function abandon<T>(sink: ArchiveSink<T>): Promise<void> {
  // Without an error: nobody listens to the sink's 'error' any more; the caller reports the cause.
  sink.writable.destroy();
  await settledWithin(sink.done, TOOL_EXIT_GRACE_MS).catch(() => undefined);
}

/** Resolves or rejects as `promise` does if it settles within `ms`; resolves otherwise. */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}

function discard(): Writable {
  return new Writable({
    highWaterMark: READ_CHUNK,
    write: (_chunk, _encoding, callback) => callback(),
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
