import { type Clock, scaledClock } from '../../../shared/clock';
import type { Core } from '../../../shared/core';
import { ActionError, CancelledError, errorMessage, InputError } from '../../../shared/errors';
import { gateConfig } from '../../../shared/gate/config';
import { percent, rateOf } from '../../../shared/gate/format';
import { createGateJudge } from '../../../shared/gate/judge';
import { GateState } from '../../../shared/gate/state';
import type { Decision } from '../../../shared/gate/types';
import { redact } from '../../../shared/mask';
import { createMetricsSource, emulatorTimeline, settledIntervals } from '../../../shared/metrics';
import { loadBalancerDimension, targetGroupDimension } from '../../../shared/metrics/cloudwatch';
import { isMissing } from '../../../shared/metrics/grid';
import type { IntervalCounts, MetricsSource } from '../../../shared/metrics/types';
import { retry } from '../../../shared/retry';
import { type ActionContext, runAction } from '../../../shared/run';
import { toolkit } from '../../../shared/toolkit';
import { providerDeps } from '../../../shared/traffic/rollout';
import { type GateSettings, INPUTS, OUTPUTS, readSettings } from './inputs';
import { renderSummary } from './report';

export const ACTION_NAME = 'error-rate-gate';
/** How far ahead start-time may be (clock skew between runner and the step that shifted traffic). */
const MAX_FUTURE_START_MS = 5 * 60_000;

export async function run(core: Core = toolkit, clock?: Clock): Promise<void> {
  await runAction(ACTION_NAME, (ctx) => errorRateGate(ctx), { core, ...(clock ? { clock } : {}) });
}

interface Window {
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

async function errorRateGate(runContext: ActionContext): Promise<void> {
  const { core } = runContext;
  // 1. Parse and validate every input before any call; an ECS-native service names its target groups.
  const settings = await withEcsTargetGroups(readSettings(core), runContext);
  // Against a loopback emulator only, the test-only accelerated timeline (shared/clock.ts).
  const timeline = emulatorTimeline(settings.metrics, process.env);
  const ctx = timeline ? { ...runContext, clock: scaledClock(timeline) } : runContext;
  const window = observationWindow(settings, ctx.clock.now());
  const horizon = Math.round((window.bakeEnd - window.start) / window.stepMs);
  const maxHorizon = Math.round((window.end - window.start) / window.stepMs);
  const metrics = settings.metrics;
  core.info(
    `Watching ${metrics.candidate} (candidate) against ${metrics.baseline} (baseline) on ${metrics.source}: ` +
      `${horizon} interval(s) of ${window.stepMs / 1000}s from ${new Date(window.start).toISOString()}, ` +
      `extending to ${maxHorizon} while the data could not catch a ${settings.detectableRatio}× regression, ` +
      `ceiling ${percent(settings.maxErrorRate)}, tolerated increase ${percent(settings.maxIncrease, 0)}, ` +
      `false-alarm rate ${settings.falseAlarmRate}${settings.mode === 'dry-run' ? ', dry run' : ''}`,
  );

  // 2. Build the gate (judge, ceiling, bake extension) and the metrics client (its SDK loads only now).
  const state = new GateState(
    gateConfig(settings, { horizon, maxHorizon, intervalMs: window.stepMs }),
    createGateJudge(settings),
  );
  let reported = false;
  // Cancelled or stopped by an unexpected error mid-watch: still say what was seen, and no pass.
  ctx.onInterrupt(async () => {
    if (reported) return;
    await report(ctx, settings, window, state, {
      verdict: 'inconclusive',
      by: 'cancelled',
      reason: `${ctx.signal.aborted ? 'cancelled' : 'stopped by an error'} after ${state.records.length} interval(s): no verdict`,
    });
  });
  const source = await createMetricsSource(metrics);

  // 3. Watch interval by interval until a decision or the end of the window.
  const decision = await watch(ctx, settings, window, state, source);

  // 4. Report, then fail the step unless the candidate passed (or this is a dry run).
  reported = true;
  await report(ctx, settings, window, state, decision);
  if (decision.verdict !== 'pass') {
    if (settings.mode === 'dry-run') {
      core.warning(`${ACTION_NAME}: dry run: verdict ${decision.verdict}: ${decision.reason}`);
    } else {
      throw new ActionError(`${decision.verdict}: ${decision.reason}`);
    }
  }
}

/** Source cloudwatch on an ECS-native service: green and blue target groups read from its deployment. */
async function withEcsTargetGroups(settings: GateSettings, ctx: ActionContext): Promise<GateSettings> {
  if (settings.ecsNative === undefined || settings.metrics.source !== 'cloudwatch') return settings;
  const { ecsNativeGateTargets } = await import('../../../shared/providers/ecs/index');
  const found = await ecsNativeGateTargets(settings.ecsNative, providerDeps(ctx, ACTION_NAME));
  ctx.core.info(
    `ECS service ${settings.ecsNative.services[0]}: candidate ${found.candidate}, baseline ${found.baseline}`,
  );
  ctx.core.info(`Who waits for what: ${found.waits}`);
  await ctx.core.summary.addRaw(`\n> **Who waits for what (ECS-native):** ${found.waits}\n\n`).write();
  return {
    ...settings,
    metrics: {
      ...settings.metrics,
      candidate: targetGroupDimension(found.candidate),
      baseline: targetGroupDimension(found.baseline),
      loadBalancer: loadBalancerDimension(found.loadBalancer),
    },
  };
}

export function observationWindow(settings: GateSettings, now: number): Window {
  const stepMs = settings.intervalMs;
  const shiftedAt = settings.startTime ?? now;
  if (shiftedAt > now + MAX_FUTURE_START_MS) {
    // A typo here would hold the pipeline for hours before the first poll.
    throw new InputError(
      INPUTS.startTime,
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

async function watch(
  ctx: ActionContext,
  settings: GateSettings,
  window: Window,
  state: GateState,
  source: MetricsSource,
): Promise<Decision> {
  const { core, clock, signal } = ctx;
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
          `${ACTION_NAME}: metrics API failed (${state.failedPollsInARow} poll(s) in a row): ${message}`,
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

function logInterval(core: Core, interval: IntervalCounts, state: GateState, window: Window): void {
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

async function report(
  ctx: ActionContext,
  settings: GateSettings,
  window: Window,
  state: GateState,
  decision: Decision,
): Promise<void> {
  const { core } = ctx;
  const decidedAfterSeconds = Math.max(0, Math.round((ctx.clock.now() - window.shiftedAt) / 100) / 10);
  const rate = (r: number) => (Number.isFinite(r) ? String(Number(r.toFixed(6))) : '');
  core.setOutput(OUTPUTS.verdict, decision.verdict);
  core.setOutput(OUTPUTS.candidateErrorRate, rate(rateOf(state.candidate)));
  core.setOutput(OUTPUTS.baselineErrorRate, rate(rateOf(state.baseline)));
  core.setOutput(OUTPUTS.requests, state.candidate.requests);
  core.setOutput(OUTPUTS.decidedAfterSeconds, decidedAfterSeconds);
  core.setOutput(OUTPUTS.reason, redact(decision.reason, settings.secrets));
  const detectable = state.detectableRatio();
  core.setOutput(
    OUTPUTS.detectableRatio,
    Number.isFinite(detectable) ? String(Number(detectable.toFixed(2))) : '',
  );
  core.setOutput(OUTPUTS.power, String(Number(state.power().toFixed(3))));
  core.setOutput(
    OUTPUTS.extendedMinutes,
    Math.round(state.extendedIntervals * (window.stepMs / 60_000) * 10) / 10,
  );
  const line = `${decision.verdict.toUpperCase()} after ${decidedAfterSeconds}s: ${decision.reason}`;
  core.info(redact(line, settings.secrets));
  core.info(state.coverage());
  const summary = renderSummary(state, decision, {
    source: settings.metrics.source,
    candidate: settings.metrics.candidate,
    baseline: settings.metrics.baseline,
    startTime: window.start,
    intervalMs: window.stepMs,
    decidedAfterSeconds,
    mode: settings.mode,
  });
  await core.summary.addRaw(redact(summary, settings.secrets), true).write();
}
