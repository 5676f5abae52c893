/**
 * The one poll loop of the ECS provider: read, decide, sleep, until the decision is made or the
 * step's deadline would pass during the next sleep. Sleeps end at once on cancellation (the
 * run's signal); reads are never cut short, so the last state can still be reported.
 */
import type { Clock } from '../../clock';

export interface PollOptions {
  clock: Clock;
  /** Epoch ms: no sleep starts that would end past it. */
  deadline: number;
  pollMs: number;
  signal: AbortSignal;
}

/**
 * Calls `read`, then `decide` on what it read: a value ends the poll with it, undefined polls
 * again. `decide` may throw to fail at once. When the deadline comes first, the error `timedOut`
 * builds from the last read is thrown.
 */
export async function pollUntil<R, T>(
  read: () => Promise<R>,
  decide: (read: R) => T | undefined,
  timedOut: (last: R) => Error,
  options: PollOptions,
): Promise<T> {
  for (;;) {
    const last = await read();
    const done = decide(last);
    if (done !== undefined) return done;
    if (options.clock.now() + options.pollMs > options.deadline) throw timedOut(last);
    await options.clock.sleep(options.pollMs, options.signal);
  }
}
