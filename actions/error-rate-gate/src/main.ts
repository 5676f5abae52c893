import { type Clock, scaledClock } from '../../../shared/clock';
import type { Core } from '../../../shared/core';
import { ActionError } from '../../../shared/errors';
import { whoWaitsLine, withEcsNativeArms } from '../../../shared/gate/ecs-native';
import { rateOutput } from '../../../shared/gate/format';
import { renderSummary } from '../../../shared/gate/report';
import { decidedAfterSeconds, describeGate, type Gate, planGate, watchGate } from '../../../shared/gate/run';
import type { Decision } from '../../../shared/gate/types';
import { redact } from '../../../shared/mask';
import { emulatorTimeline } from '../../../shared/metrics';
import { type ActionContext, runAction } from '../../../shared/run';
import { toolkit } from '../../../shared/toolkit';
import { OUTPUTS, readSettings } from './inputs';

export const ACTION_NAME = 'error-rate-gate';

export async function run(core: Core = toolkit, clock?: Clock): Promise<void> {
  await runAction(ACTION_NAME, (ctx) => errorRateGate(ctx), { core, ...(clock ? { clock } : {}) });
}

async function errorRateGate(runContext: ActionContext): Promise<void> {
  const { core } = runContext;
  // 1. Parse and validate every input before any call; an ECS-native service names its target groups.
  const native = await withEcsNativeArms(readSettings(core), runContext, ACTION_NAME);
  const { settings } = native;
  if (native.found) await core.summary.addRaw(`\n${whoWaitsLine(native.found.waits)}\n\n`).write();
  // Against a loopback emulator only, the test-only accelerated timeline (shared/clock.ts).
  const timeline = emulatorTimeline(settings.metrics, process.env);
  const ctx = timeline ? { ...runContext, clock: scaledClock(timeline) } : runContext;

  // 2. Plan the gate (window, judge, ceiling, bake extension).
  const gate = planGate(settings, ctx.clock.now());
  core.info(describeGate(gate));
  let reported = false;
  // Cancelled or stopped by an unexpected error mid-watch: still say what was seen, and no pass.
  ctx.onInterrupt(async () => {
    if (reported) return;
    await report(ctx, gate, {
      verdict: 'inconclusive',
      by: 'cancelled',
      reason: `${ctx.signal.aborted ? 'cancelled' : 'stopped by an error'} after ${gate.state.records.length} interval(s): no verdict`,
    });
  });

  // 3. Watch interval by interval until a decision or the end of the window (the metrics SDK loads only now).
  const decision = await watchGate(ctx, gate, ACTION_NAME);

  // 4. Report, then fail the step unless the candidate passed (or this is a dry run).
  reported = true;
  await report(ctx, gate, decision);
  if (decision.verdict !== 'pass') {
    if (settings.mode === 'dry-run') {
      core.warning(`${ACTION_NAME}: dry run: verdict ${decision.verdict}: ${decision.reason}`);
    } else {
      throw new ActionError(`${decision.verdict}: ${decision.reason}`);
    }
  }
}

async function report(ctx: ActionContext, gate: Gate, decision: Decision): Promise<void> {
  const { core } = ctx;
  const { settings, state, window } = gate;
  const decidedAfter = decidedAfterSeconds(gate, ctx.clock.now());
  core.setOutput(OUTPUTS.verdict, decision.verdict);
  core.setOutput(OUTPUTS.candidateErrorRate, rateOutput(state.candidate));
  core.setOutput(OUTPUTS.baselineErrorRate, rateOutput(state.baseline));
  core.setOutput(OUTPUTS.requests, state.candidate.requests);
  core.setOutput(OUTPUTS.decidedAfterSeconds, decidedAfter);
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
  const line = `${decision.verdict.toUpperCase()} after ${decidedAfter}s: ${decision.reason}`;
  core.info(redact(line, settings.secrets));
  core.info(state.coverage());
  const summary = renderSummary(state, decision, {
    source: settings.metrics.source,
    candidate: settings.metrics.candidate,
    baseline: settings.metrics.baseline,
    startTime: window.start,
    intervalMs: window.stepMs,
    decidedAfterSeconds: decidedAfter,
    mode: settings.mode,
  });
  await core.summary.addRaw(redact(summary, settings.secrets), true).write();
}
