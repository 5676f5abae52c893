/**
 * One gate, from the shift to the verdict: the observation window on the interval grid, the gate
 * state (judge, ceiling, adaptive bake), and the watch over settled intervals. error-rate-gate runs
 * one; rollout runs one per step, through this same code.
 */
import type { Clock } from '../clock';
import type { Core } from '../core';
import { CancelledError, errorMessage, InputError } from '../errors';
import { redact } from '../mask';
import { createMetricsSource, settledIntervals } from '../metrics';
import { isMissing } from '../metrics/grid';
import type { IntervalCounts, MetricsSource } from '../metrics/types';
import { retry } from '../retry';
import { gateConfig } from './config';
import { percent } from './format';
import { GATE_INPUTS, type GateSettings } from './inputs';
import { createGateJudge } from './judge';
import { GateState } from './state';
import type { Decision } from './types';

/** How far ahead start-time may be (clock skew between runner and the step that shifted traffic). */
const MAX_FUTURE_START_MS = 5 * 60_000;

export interface GateWindow {
  /** First interval's start: the shift's time rounded up to the interval grid. */
  start: number;
  /** End of the planned bake (duration). */
  bakeEnd: number;
  /** The latest the bake may extend to (max-duration). */
  end: number;
  stepMs: number;
  /** When traffic moved, as given (decided-after counts from here). */
  shiftedAt: number;
}

export interface Gate {
  settings: GateSettings;
  window: GateWindow;
  state: GateState;
}

/** What a gate needs from the run: the log, time and cancellation. */
export interface GateContext {
  core: Core;
  clock: Clock;
  signal: AbortSignal;
}

export function observationWindow(settings: GateSettings, now: number): GateWindow {
  const stepMs = settings.intervalMs;
  const shiftedAt = settings.startTime ?? now;
  if (shiftedAt > now + MAX_FUTURE_START_MS) {
    // A typo here would hold the pipeline for hours before the first poll.
    throw new InputError(
      GATE_INPUTS.startTime,
      `${new Date(shiftedAt).toISOString()} is more than 5 minutes in the future`,
      new Date(now).toISOString(),
    );
  }
  // Intervals on multiples of the step line up with the periods the APIs aggregate into, and the
  // first one starting at or after the shift means data from before it never counts.
  const start = Math.ceil(shiftedAt / stepMs) * stepMs;
  return {
    start,
    bakeEnd: start + Math.floor(settings.durationMs / stepMs) * stepMs,
    end: start + Math.floor(settings.maxDurationMs / stepMs) * stepMs,
    stepMs,
    shiftedAt,
  };
}

/** A gate whose window starts at the shift (`now` unless start-time says otherwise). */
export function planGate(settings: GateSettings, now: number): Gate {
  const window = observationWindow(settings, now);
  const horizon = Math.round((window.bakeEnd - window.start) / window.stepMs);
  const maxHorizon = Math.round((window.end - window.start) / window.stepMs);
  const state = new GateState(
    gateConfig(settings, { horizon, maxHorizon, intervalMs: window.stepMs }),
    createGateJudge(settings),
  );
  return { settings, window, state };
}

/** The plan in one line, for the log. */
export function describeGate(gate: Gate): string {
  const { settings, window, state } = gate;
  const metrics = settings.metrics;
  return (
    `Watching ${metrics.candidate} (candidate) against ${metrics.baseline} (baseline) on ${metrics.source}: ` +
    `${state.config.horizon} interval(s) of ${window.stepMs / 1000}s from ${new Date(window.start).toISOString()}, ` +
    `extending to ${state.config.maxHorizon} while the data could not catch a ${settings.detectableRatio}× regression, ` +
    `ceiling ${percent(settings.maxErrorRate)}, tolerated increase ${percent(settings.maxIncrease, 0)}, ` +
    `false-alarm rate ${settings.falseAlarmRate}${settings.mode === 'dry-run' ? ', dry run' : ''}`
  );
}

/** Seconds from the shift to now, to a tenth. */
export function decidedAfterSeconds(gate: Gate, now: number): number {
  return Math.max(0, Math.round((now - gate.window.shiftedAt) / 100) / 10);
}

/**
 * Watches interval by interval until a decision or the end of the window. The metrics client (and
 * its SDK) is built only now. A failing metrics API is retried within the interval, then counted
 * by the gate (enough failed polls in a row make it inconclusive); cancellation ends the watch.
 */
export async function watchGate(ctx: GateContext, gate: Gate, action: string): Promise<Decision> {
  const { core, clock, signal } = ctx;
  const { settings, window, state } = gate;
  const source: MetricsSource = await createMetricsSource(settings.metrics);
  let next = window.start;
  for (;;) {
    // Intervals that closed at least metrics-delay ago: the source has reported them in full.
    const ready = Math.floor((clock.now() - settings.metricsDelayMs - window.start) / window.stepMs);
    const closedEnd = Math.min(window.end, window.start + Math.max(0, ready) * window.stepMs);
    if (closedEnd > next) {
      let counts: IntervalCounts[] | undefined;
      try {
        counts = await retry(
          () => source.counts({ start: next, end: closedEnd, stepMs: window.stepMs }, signal),
          {
            maxAttempts: 3,
            baseDelayMs: Math.min(1000, window.stepMs / 4),
            maxDelayMs: Math.min(10_000, window.stepMs),
            deadlineMs: Math.max(window.stepMs, 5_000),
            clock,
            signal,
            onRetry: ({ attempt, delayMs, error }) =>
              core.info(
                `  metrics API: try ${attempt} failed (${redact(errorMessage(error), settings.secrets)}); retrying in ${delayMs} ms`,
              ),
          },
        );
      } catch (err) {
        if (err instanceof CancelledError || signal.aborted) throw err;
        const message = redact(errorMessage(err), settings.secrets);
        const stop = state.pollFailed(source.name, message);
        core.warning(
          `${action}: metrics API failed (${state.failedPollsInARow} poll(s) in a row): ${message}`,
        );
        if (stop) return stop;
      }
      if (counts) {
        // Complete intervals, in order; one whose point is still missing waits for it (settle.ts).
        const settled = settledIntervals(counts, { now: clock.now(), delayMs: settings.metricsDelayMs });
        for (const interval of settled) {
          const decision = state.observe(interval);
          logInterval(core, interval, state, window);
          if (decision) return decision;
        }
        next = settled.at(-1)?.end ?? next;
      }
    }
    if (next >= window.end) return state.finish();
    // Wake when the next interval has closed and had metrics-delay to show up.
    const nextReady = window.start + (Math.max(0, ready) + 1) * window.stepMs + settings.metricsDelayMs;
    await clock.sleep(Math.max(50, nextReady - clock.now()), signal);
  }
}

function logInterval(core: Core, interval: IntervalCounts, state: GateState, window: GateWindow): void {
  const arm = (a: IntervalCounts['candidate']) =>
    isMissing(a)
      ? 'no data'
      : `${a.errors}/${a.requests} (${percent(a.requests > 0 ? a.errors / a.requests : Number.NaN)})`;
  const evidence = state.records.at(-1)?.evidence;
  const judged = evidence
    ? ` · evidence ${evidence.rollback.toPrecision(3)}/${evidence.rollbackThreshold} (${evidence.stage})`
    : '';
  core.info(
    `+${Math.round((interval.end - window.start) / 1000)}s candidate ${arm(interval.candidate)} · baseline ${arm(interval.baseline)}${judged}`,
  );
}
