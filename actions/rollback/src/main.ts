import type { Clock } from '../../../shared/clock';
import type { Core } from '../../../shared/core';
import { type ActionContext, runAction } from '../../../shared/run';
import { toolkit } from '../../../shared/toolkit';
import { openStep, readForReport, restoreTraffic } from '../../../shared/traffic/rollout';
import { describeTarget } from '../../../shared/traffic/settings';
import { formatSplit } from '../../../shared/traffic/split';
import { renderSplitSummary } from '../../../shared/traffic/summary';
import type { ServingState } from '../../../shared/traffic/types';
import { OUTPUTS, readSettings } from './inputs';

export const ACTION_NAME = 'rollback';

export async function run(core: Core = toolkit, clock?: Clock): Promise<void> {
  await runAction(ACTION_NAME, (ctx) => rollback(ctx), { core, ...(clock ? { clock } : {}) });
}

async function rollback(ctx: ActionContext): Promise<void> {
  const { core } = ctx;
  const settings = readSettings(core);
  const because = settings.reason ? ` because ${settings.reason}` : '';
  if (settings.source === undefined) {
    // The rollout failed before canary-shift captured a target, i.e. before its first write.
    core.warning(
      `${ACTION_NAME}: no "to" token and no explicit version given: nothing was in flight, nothing to roll back`,
    );
    core.setOutput(OUTPUTS.rolledBack, false);
    return;
  }
  const started = ctx.clock.now();
  core.info(`Rolling back ${describeTarget(settings.target)}${because}`);

  const { step, deadline } = await openStep(ctx, settings.target, ACTION_NAME, settings);
  const { provider } = step;
  const progress: { before?: ServingState; last?: ServingState } = {};
  ctx.onInterrupt(async () => {
    const last = await readForReport(step, progress.last);
    // rolled-back stays unset: the step failed, and neither true nor false would be the truth.
    if (last) core.setOutput(OUTPUTS.observedTraffic, JSON.stringify(last.observed));
    if (progress.before) {
      await core.summary
        .addRaw(
          renderSplitSummary({
            title: '❌ Rollback did not complete',
            detail: `${describeTarget(settings.target)}${because}`,
            before: progress.before.observed,
            after: last?.observed,
          }),
          true,
        )
        .write();
    }
  });

  const result = await restoreTraffic(step, settings.source, deadline, progress);

  core.setOutput(OUTPUTS.rolledBack, result.rolledBack);
  core.setOutput(OUTPUTS.observedTraffic, JSON.stringify(result.last.observed));
  const seconds = ((ctx.clock.now() - started) / 1000).toFixed(1);
  if (result.rolledBack) {
    core.info(
      `✓ Rolled back: the platform serves ${formatSplit(result.last.observed)} (${seconds} s, ${provider.apiCalls()} API calls)`,
    );
  } else {
    core.info(`Nothing to roll back: ${formatSplit(result.last.observed)} was already served`);
  }
  await core.summary
    .addRaw(
      renderSplitSummary({
        title: result.rolledBack ? '↩️ Rolled back' : '↩️ Rollback: nothing was in flight',
        detail: `${describeTarget(settings.target)}${because} · ${seconds} s, ${provider.apiCalls()} API calls`,
        before: result.before.observed,
        after: result.last.observed,
      }),
      true,
    )
    .write();
}
