/**
 * Keeps the memory of a long stream bounded. Every chunk that flows through the pipeline is a
 * Buffer whose bytes live outside the JS heap; V8 frees them only after a collection, and it
 * starts one for such memory only once ~64 MB of it has piled up since the last. With the
 * process's own ~65 MB that alone would take most of the 150 MB budget, so after every
 * COLLECT_EVERY_BYTES that passed we ask for a collection ourselves (asynchronously, so the stream
 * does not wait for it).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const COLLECT_EVERY_BYTES = 16 * 1024 * 1024;

type GcFunction = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown;

let collector: GcFunction | null | undefined;

function gcFunction(): GcFunction | null {
  if (collector !== undefined) return collector;
  try {
    // --expose-gc applies to contexts created after it is set: a fresh context carries `gc`.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    collector = typeof gc === 'function' ? (gc as GcFunction) : null;
  } catch {
    collector = null;
  }
  return collector;
}

/** Counts bytes and requests a collection every COLLECT_EVERY_BYTES. */
export class GarbageBudget {
  private sinceLast = 0;

  account(bytes: number): void {
    this.sinceLast += bytes;
    if (this.sinceLast < COLLECT_EVERY_BYTES) return;
    this.sinceLast = 0;
    const gc = gcFunction();
    if (gc) void Promise.resolve(gc({ type: 'major', execution: 'async' })).catch(() => undefined);
  }
}
