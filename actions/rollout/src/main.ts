import { type Clock, scaledClock } from '../../../shared/clock';
import type { Core } from '../../../shared/core';
import { ActionError, CancelledError, errorMessage } from '../../../shared/errors';
import { withEcsNativeArms } from '../../../shared/gate/ecs-native';
import { rateOutput } from '../../../shared/gate/format';
import type { GateSettings } from '../../../shared/gate/inputs';
import { decidedAfterSeconds, describeGate, planGate, watchGate } from '../../../shared/gate/run';
import { redact } from '../../../shared/mask';
import { emulatorTimeline } from '../../../shared/metrics';
import type { MetricsSettings } from '../../../shared/metrics/settings';
import { type ActionContext, runAction } from '../../../shared/run';
import type { Fields } from '../../../shared/slack/fields';
import { type LivingMessage, livingMessage } from '../../../shared/slack/living-message';
import type { Status } from '../../../shared/slack/message';
import { toolkit } from '../../../shared/toolkit';
import {
  isCancellation,
  openStep,
  readForReport,
  restoreTraffic,
  type ShiftProgress,
  type StepContext,
  shiftTraffic,
} from '../../../shared/traffic/rollout';
import { describeTarget } from '../../../shared/traffic/settings';
import { formatSplit, sameSplit, servingEntries, stableOf } from '../../../shared/traffic/split';
import { formatSteps } from '../../../shared/traffic/steps';
import { encodeRollbackTarget } from '../../../shared/traffic/token';
import type { Candidate, RollbackTarget, ServingState } from '../../../shared/traffic/types';
import { OUTPUTS, type RolloutSettings, readSettings } from './inputs';
import { renderPlan, renderStory, type StepRecord, type Story } from './report';

export const ACTION_NAME = 'rollout';

export async function run(core: Core = toolkit, clock?: Clock): Promise<void> {
  await runAction(ACTION_NAME, (ctx) => rollout(ctx), { core, ...(clock ? { clock } : {}) });
}

/** What the walk knows as it goes: enough to report, roll back or stop at any moment. */
interface Walk {
  story: Story;
  /** The state to return to: the deploy job's token, or recorded before this run's first write. */
  rollbackTarget?: RollbackTarget;
  candidate?: Candidate;
  stable?: string;
  /** The last serving state read. */
  last?: ServingState;
  /** The step in flight, for a read after a failure. */
  step?: StepContext;
}

async function rollout(ctx: ActionContext): Promise<void> {
  const { core } = ctx;
  // 1. Parse and validate every input (target, steps, gate, Slack) before any call.
  const settings = readSettings(core);
  for (const problem of settings.slackProblems) {
    core.warning(`${ACTION_NAME}: ${problem}; Slack is left out (a notification never fails the rollout)`);
  }
  core.setOutput(OUTPUTS.steps, formatSteps(settings.steps));
  // Echoed at once: a cancelled or crashed run still hands the pipeline's rollback job its token.
  core.setOutput(OUTPUTS.rollbackTarget, settings.rollbackTargetToken ?? '');
  if (settings.planOnly) {
    core.info(
      `Plan only: ${describeTarget(settings.target)}, steps ${formatSteps(settings.steps)}; nothing touched`,
    );
    await core.summary.addRaw(renderPlan(settings), true).write();
    return;
  }

  // 2. Walk the steps: shift → gate → Slack, stopping at the first verdict that is not a pass.
  const slack = settings.slack
    ? livingMessage(settings.slack, { ...ctx, secrets: settings.secrets, action: ACTION_NAME })
    : undefined;
  const walk: Walk = {
    story: { settings, steps: [], verdict: 'pass', reason: '', held: false, rolledBack: false },
    ...(settings.rollbackTarget ? { rollbackTarget: settings.rollbackTarget } : {}),
  };
  await slack?.update('started', slackFields(settings, walk), `Steps ${formatSteps(settings.steps)}`);
  try {
    await walkSteps(ctx, settings, walk, slack);
  } catch (err) {
    // A shift that failed, or the run cancelled: no new write; record what is served now.
    const cancelled = isCancellation(err, ctx.signal);
    walk.story.verdict = cancelled ? 'cancelled' : 'error';
    walk.story.reason = redact(errorMessage(err), settings.secrets);
    const current = walk.story.steps.at(-1);
    if (current && current.verdict === undefined) {
      current.verdict = walk.story.verdict;
      current.reason = walk.story.reason;
    }
    if (walk.step) walk.last = (await readForReport(walk.step, walk.last)) ?? walk.last;
  }

  // 3. A failed step (or inconclusive under on-inconclusive: rollback): restore the rollback
  // target now, through the rollback action's code, and prove it by read-back.
  const failed = walk.story.verdict === 'fail' || walk.story.verdict === 'inconclusive';
  if (settings.rollbackOnFailure && failed && !walk.story.held) {
    await rollBack(ctx, settings, walk);
  }

  // 4. Report: outputs, the one summary, the Slack message; exit 1 unless promoted or held.
  report(core, walk);
  await core.summary.addRaw(redact(renderStory(walk.story), settings.secrets), true).write();
  const story = walk.story;
  if (story.verdict !== 'cancelled') {
    await slack?.update(slackStatus(story), slackFields(settings, walk), story.reason);
  }
  if (story.verdict === 'cancelled') throw new CancelledError(story.reason);
  if (story.verdict !== 'pass' && !story.held) throw new ActionError(`${story.verdict}: ${story.reason}`);
}

async function walkSteps(
  ctx: ActionContext,
  settings: RolloutSettings,
  walk: Walk,
  slack: LivingMessage | undefined,
): Promise<void> {
  const { core } = ctx;
  // Against a loopback metrics emulator only, the gate runs on the test-only accelerated timeline.
  const timeline = emulatorTimeline(settings.gate.metrics, process.env);
  const gateCtx = timeline ? { ...ctx, clock: scaledClock(timeline) } : ctx;
  const total = settings.steps.length;
  for (const [index, percent] of settings.steps.entries()) {
    const record: StepRecord = { percent };
    walk.story.steps.push(record);
    core.startGroup(`Step ${index + 1} of ${total}: ${percent} % to the candidate`);
    try {
      await shiftStep(ctx, settings, walk, percent);
      record.observed = walk.last?.observed;
      if (percent === 100) {
        // The promotion: no baseline is left to compare with.
        record.verdict = 'pass';
        record.reason = `${walk.candidate?.id} serves 100 %`;
        walk.story.reason = record.reason;
        return;
      }
      const gate = planGate(await armsFor(ctx, settings.gate, walk), gateCtx.clock.now());
      core.info(describeGate(gate));
      record.gate = gate;
      const decision = await watchGate(gateCtx, gate, ACTION_NAME);
      record.decision = decision;
      record.verdict = decision.verdict;
      record.reason = redact(decision.reason, settings.secrets);
      record.bakeSeconds = decidedAfterSeconds(gate, gateCtx.clock.now());
      core.info(`${decision.verdict.toUpperCase()} at ${percent} %: ${record.reason}`);
      if (decision.verdict !== 'pass') {
        if (settings.gate.mode === 'dry-run') {
          core.warning(
            `${ACTION_NAME}: dry run: ${decision.verdict} at ${percent} % (${record.reason}); going on`,
          );
        } else {
          walk.story.verdict = decision.verdict;
          walk.story.reason = `${decision.verdict} at ${percent} %: ${record.reason}`;
          walk.story.stoppedAt = percent;
          walk.story.held = decision.verdict === 'inconclusive' && settings.onInconclusive === 'hold';
          return;
        }
      }
      await slack?.update('progress', slackFields(settings, walk), `${percent} %: ${record.reason}`);
    } finally {
      core.endGroup();
    }
  }
}

/** One shift, as canary-shift makes it (shared/traffic/rollout.ts), with this step's own deadline. */
async function shiftStep(ctx: ActionContext, settings: RolloutSettings, walk: Walk, percent: number) {
  const { core } = ctx;
  walk.story.stoppedAt = percent;
  const { step, deadline } = await openStep(ctx, settings.target, ACTION_NAME, settings);
  walk.step = step;
  const progress: ShiftProgress = {};
  try {
    const result = await shiftTraffic(
      step,
      { candidate: settings.candidate, percent, takeOver: settings.takeOver, deadline },
      {
        onRollbackTarget(target, stable) {
          // Recorded before the first write of the first step; a later step's is "stable at 100 %" too.
          if (walk.rollbackTarget === undefined) {
            walk.rollbackTarget = target;
            core.setOutput(OUTPUTS.rollbackTarget, encodeRollbackTarget(target));
          }
          if (stable !== undefined) walk.stable ??= stable;
        },
        onCandidate(candidate) {
          walk.candidate = candidate;
          core.setOutput(OUTPUTS.candidate, candidate.id);
        },
      },
      progress,
    );
    walk.last = result.last;
    walk.stable = stableOf(result.last.observed, result.candidate.target) ?? walk.stable;
    core.setOutput(OUTPUTS.stable, walk.stable ?? '');
    core.info(`✓ ${percent} %: the platform serves ${formatSplit(result.last.observed)}`);
  } finally {
    if (progress.last) walk.last = progress.last;
  }
}

/**
 * The gate's arms for this step: the candidate just shifted to, against the stable one. On an
 * ECS-native service, the target groups and load balancer of ECS's deployment, read from the
 * step's provider (the same code as error-rate-gate).
 */
async function armsFor(ctx: ActionContext, gate: GateSettings, walk: Walk): Promise<GateSettings> {
  const candidate = walk.candidate?.target;
  const stable = walk.stable;
  if (candidate === undefined || stable === undefined) {
    throw new ActionError('the shift named no candidate and stable to compare');
  }
  if (gate.ecsNative !== undefined) {
    const native = await withEcsNativeArms(gate, ctx, ACTION_NAME, walk.step?.provider);
    walk.story.waits ??= native.found?.waits;
    return native.settings;
  }
  const settings = walk.story.settings;
  let metrics: MetricsSettings;
  if (gate.metrics.source === 'cloudwatch' && gate.targetGroups && settings.target.provider === 'ecs') {
    const index = settings.target.services.indexOf(candidate);
    const [first, second] = gate.targetGroups;
    metrics = {
      ...gate.metrics,
      candidate: index === 0 ? first : second,
      baseline: index === 0 ? second : first,
    };
  } else {
    // Cloud Monitoring's revision_name, or the Prometheus label: the names the traffic entries use.
    metrics = { ...gate.metrics, candidate, baseline: stable };
  }
  return { ...gate, metrics };
}

async function rollBack(ctx: ActionContext, settings: RolloutSettings, walk: Walk): Promise<void> {
  const { core } = ctx;
  const target = walk.rollbackTarget;
  if (target === undefined || ctx.signal.aborted) return;
  core.startGroup(`Rolling back to ${formatSplit(target.traffic)}`);
  try {
    const { step, deadline } = await openStep(ctx, settings.target, ACTION_NAME, settings);
    walk.step = step;
    const progress: { last?: ServingState } = {};
    try {
      const result = await restoreTraffic(step, { kind: 'token', target }, deadline, progress);
      walk.last = result.last;
      // Proven only by what the platform reports serving now.
      walk.story.rolledBack = sameSplit(result.last.observed, target.traffic);
      core.info(`✓ Rolled back: the platform serves ${formatSplit(result.last.observed)}`);
    } catch (err) {
      if (progress.last) walk.last = progress.last;
      const message = redact(errorMessage(err), settings.secrets);
      core.warning(`${ACTION_NAME}: the rollback did not complete: ${message}`);
      walk.story.reason = `${walk.story.reason}; the rollback did not complete: ${message}`;
    }
  } finally {
    core.endGroup();
  }
}

function candidateShare(walk: Walk): number | undefined {
  if (walk.last === undefined) return undefined;
  const target = walk.candidate?.target;
  return servingEntries(walk.last.observed).find((e) => e.target === target)?.percent ?? 0;
}

function report(core: Core, walk: Walk): void {
  const { story } = walk;
  core.setOutput(OUTPUTS.verdict, story.verdict);
  core.setOutput(OUTPUTS.stoppedAt, story.verdict === 'pass' ? '' : String(story.stoppedAt ?? ''));
  core.setOutput(OUTPUTS.held, story.held);
  core.setOutput(OUTPUTS.rolledBack, story.rolledBack);
  core.setOutput(OUTPUTS.reason, story.reason);
  core.setOutput(OUTPUTS.candidate, walk.candidate?.id ?? '');
  core.setOutput(OUTPUTS.stable, walk.stable ?? '');
  const share = candidateShare(walk);
  core.setOutput(OUTPUTS.percent, share === undefined ? '' : String(share));
  if (walk.last) core.setOutput(OUTPUTS.observedTraffic, JSON.stringify(walk.last.observed));
  if (walk.rollbackTarget) core.setOutput(OUTPUTS.rollbackTarget, encodeRollbackTarget(walk.rollbackTarget));
  story.percent = share;
  story.observed = walk.last?.observed;
  story.rollbackTarget = walk.rollbackTarget;
  story.candidate = walk.candidate;
  story.stable = walk.stable;
  const line =
    story.verdict === 'pass'
      ? `✓ Promoted: ${story.reason}`
      : `${story.held ? 'Held' : 'Stopped'} at ${story.stoppedAt ?? '?'} %: ${story.reason}${story.rolledBack ? ' (rolled back)' : ''}`;
  core.info(line);
}

function slackStatus(story: Story): Status {
  if (story.verdict === 'pass') return 'succeeded';
  if (story.held) return 'progress';
  return story.rolledBack ? 'rolled-back' : 'failed';
}

/** The facts of the Slack message, in notify-slack's field names. */
function slackFields(settings: RolloutSettings, walk: Walk): Fields {
  const fields: Fields = new Map();
  const target = settings.target;
  fields.set('service', target.provider === 'cloud-run' ? target.service : target.services.join('/'));
  if (walk.candidate) fields.set('revision', walk.candidate.id);
  const share = candidateShare(walk);
  if (share !== undefined) fields.set('traffic', String(share));
  const done = walk.story.steps.filter((s) => s.verdict !== undefined).length;
  fields.set('step', `${done} of ${settings.steps.length} (${formatSteps(settings.steps)})`);
  const gated = walk.story.steps.filter((s) => s.gate !== undefined).at(-1);
  if (gated?.verdict) fields.set('verdict', gated.verdict);
  if (gated?.gate) {
    fields.set('candidate-error-rate', rateOutput(gated.gate.state.candidate));
    fields.set('baseline-error-rate', rateOutput(gated.gate.state.baseline));
  }
  if (walk.story.held) fields.set('held', 'inconclusive: traffic left in place for a person to decide');
  return fields;
}
