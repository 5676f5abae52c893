import { type Clock, systemClock } from './clock';
import type { Core } from './core';
import { CancelledError, errorMessage, isExpectedError } from './errors';
import { cappedSummary } from './summary';

/** What every action's main receives: the toolkit, a clock and the run's cancellation signal. */
export interface ActionContext {
  core: Core;
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM: start no new mutation once it is. */
  signal: AbortSignal;
  /** Registers a report of the last known state, written if the run is cancelled or fails. */
  onInterrupt(report: () => void | Promise<void>): void;
}

export interface RunOptions {
  core: Core;
  clock?: Clock;
  /** Listen for SIGINT/SIGTERM (true in the bundle; tests that run in-process pass false). */
  handleSignals?: boolean;
}

/**
 * The one failure path of every action: errors become `<action>: <message>` annotations and exit
 * code 1; a stack trace is printed only for unexpected errors and only with debug logging on.
 */
export async function runAction(
  actionName: string,
  body: (ctx: ActionContext) => Promise<void>,
  options: RunOptions,
): Promise<void> {
  // Every summary an action writes stays within what GitHub shows (shared/summary.ts).
  const core: Core = { ...options.core, summary: cappedSummary(options.core.summary) };
  const controller = new AbortController();
  const reports: (() => void | Promise<void>)[] = [];
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    core.warning(`${actionName}: received ${signal}; no new changes will start`);
    controller.abort(new CancelledError(`cancelled by ${signal}`));
  };
  if (options.handleSignals ?? true) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    await body({
      core,
      clock: options.clock ?? systemClock,
      signal: controller.signal,
      onInterrupt: (report) => reports.push(report),
    });
  } catch (err) {
    for (const report of reports) {
      try {
        await report();
      } catch (reportErr) {
        core.warning(`${actionName}: could not report the last known state: ${errorMessage(reportErr)}`);
      }
    }
    const cancelled = err instanceof CancelledError || controller.signal.aborted;
    const message =
      cancelled && !(err instanceof CancelledError) ? `cancelled: ${errorMessage(err)}` : errorMessage(err);
    if (!isExpectedError(err) && err instanceof Error && err.stack && core.isDebug()) core.debug(err.stack);
    core.setFailed(`${actionName}: ${message}`);
    process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Throws CancelledError when the run has been cancelled: call before each mutation. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof CancelledError ? signal.reason : new CancelledError();
}
