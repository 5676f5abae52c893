import type { Clock } from '../../../shared/clock';
import type { Core } from '../../../shared/core';
import { type ActionContext, runAction } from '../../../shared/run';
import { toolkit } from '../../../shared/toolkit';
import { openStep, readForReport, type ShiftProgress, shiftTraffic } from '../../../shared/traffic/rollout';
import { describeTarget } from '../../../shared/traffic/settings';
import { formatSplit } from '../../../shared/traffic/split';
import { renderSplitSummary } from '../../../shared/traffic/summary';
import { encodeRollbackTarget } from '../../../shared/traffic/token';
import type { ServingState } from '../../../shared/traffic/types';
import { type CanaryShiftSettings, OUTPUTS, readSettings } from './inputs';

export const ACTION_NAME = 'canary-shift';

export async function run(core: Core = toolkit, clock?: Clock): Promise<void> {
  await runAction(ACTION_NAME, (ctx) => canaryShift(ctx), { core, ...(clock ? { clock } : {}) });
}

async function canaryShift(ctx: ActionContext): Promise<void> {
  const { core } = ctx;
  const settings = readSettings(core);
  const started = ctx.clock.now();
  core.info(`Shifting ${describeTarget(settings.target)} to ${settings.percent} % candidate`);

  const { step, deadline } = await openStep(ctx, settings.target, ACTION_NAME, settings);
  const { provider } = step;
  const progress: ShiftProgress = {};
  // Failed or cancelled half-way: say what is served now, so a following rollback job can act.
  ctx.onInterrupt(async () => {
    const last = await readForReport(step, progress.last);
    reportState(core, last);
    await writeSummary(
      core,
      settings,
      progress,
      last,
      `❌ Canary shift to ${settings.percent} % did not complete`,
    );
  });

  const result = await shiftTraffic(
    step,
    { candidate: settings.candidate, percent: settings.percent, takeOver: settings.takeOver, deadline },
    {
      onRollbackTarget(target, stable) {
        core.setOutput(OUTPUTS.rollbackTarget, encodeRollbackTarget(target));
        core.setOutput(OUTPUTS.stable, stable ?? '');
      },
      onCandidate(candidate) {
        core.setOutput(OUTPUTS.candidate, candidate.id);
        core.setOutput(OUTPUTS.candidateUrl, candidate.url ?? '');
      },
    },
    progress,
  );

  reportState(core, result.last);
  const seconds = ((ctx.clock.now() - started) / 1000).toFixed(1);
  const verb = result.wrote ? 'now serves' : 'already served';
  core.info(
    `✓ ${settings.percent} % on ${result.candidate.id}: the platform ${verb} ${formatSplit(result.last.observed)} (${seconds} s, ${provider.apiCalls()} API calls)`,
  );
  await writeSummary(
    core,
    settings,
    progress,
    result.last,
    `✅ Canary at ${settings.percent} %${result.wrote ? '' : ' (already held: nothing written)'}`,
    `${seconds} s, ${provider.apiCalls()} API calls`,
  );
}

function reportState(core: Core, state: ServingState | undefined): void {
  if (state !== undefined) core.setOutput(OUTPUTS.observedTraffic, JSON.stringify(state.observed));
}

async function writeSummary(
  core: Core,
  settings: CanaryShiftSettings,
  progress: ShiftProgress,
  last: ServingState | undefined,
  title: string,
  cost = '',
): Promise<void> {
  if (progress.before === undefined) return;
  const roles: Record<string, string> = {};
  if (progress.stable) roles[progress.stable] = 'stable';
  if (progress.candidate) roles[progress.candidate.target] = 'candidate';
  const tags: Record<string, string> = {};
  for (const entry of [...(last?.desired ?? []), ...(last?.observed ?? [])]) {
    if (entry.tag) tags[entry.target] = entry.tag;
  }
  const detail = [
    describeTarget(settings.target),
    progress.rollbackTarget ? `rollback target: ${formatSplit(progress.rollbackTarget.traffic)}` : '',
    cost,
  ]
    .filter((part) => part !== '')
    .join(' · ');
  await core.summary
    .addRaw(
      renderSplitSummary({
        title,
        detail,
        before: progress.before.observed,
        after: last?.observed,
        roles,
        tags,
        ...(last?.urls ? { urls: last.urls } : {}),
      }),
      true,
    )
    .write();
}
