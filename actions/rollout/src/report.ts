/**
 * The rollout's one job summary: verdict and why first, then one row per step (share, verdict,
 * why, bake, power), then the gate's charts for the step that stopped it (or the last gated one)
 * and the split before and after.
 */

import { whoWaitsLine } from '../../../shared/gate/ecs-native';
import { percent as formatPercent } from '../../../shared/gate/format';
import { renderSummary } from '../../../shared/gate/report';
import type { Gate } from '../../../shared/gate/run';
import type { Decision } from '../../../shared/gate/types';
import { cell, heading, table } from '../../../shared/summary';
import { describeTarget } from '../../../shared/traffic/settings';
import { formatSplit } from '../../../shared/traffic/split';
import { formatSteps } from '../../../shared/traffic/steps';
import { renderSplitSummary } from '../../../shared/traffic/summary';
import type { Candidate, RollbackTarget, TrafficEntry } from '../../../shared/traffic/types';
import type { RolloutSettings } from './inputs';

export type RolloutVerdict = 'pass' | 'fail' | 'inconclusive' | 'cancelled' | 'error';

export interface StepRecord {
  percent: number;
  verdict?: RolloutVerdict;
  reason?: string;
  /** Seconds of (virtual) time from the shift to the gate's decision. */
  bakeSeconds?: number;
  observed?: TrafficEntry[] | undefined;
  gate?: Gate;
  decision?: Decision;
}

export interface Story {
  settings: RolloutSettings;
  steps: StepRecord[];
  verdict: RolloutVerdict;
  reason: string;
  stoppedAt?: number;
  held: boolean;
  rolledBack: boolean;
  percent?: number | undefined;
  observed?: TrafficEntry[] | undefined;
  rollbackTarget?: RollbackTarget | undefined;
  candidate?: Candidate | undefined;
  stable?: string | undefined;
  /** ECS-native: who waited for what at each step (ECS's bake, then our gate). */
  waits?: string | undefined;
}

const ICON: Record<RolloutVerdict, string> = {
  pass: '✅',
  fail: '❌',
  inconclusive: '⚠️',
  cancelled: '⏹️',
  error: '❌',
};

function bake(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  return seconds >= 120 ? `${Number((seconds / 60).toFixed(1))} min` : `${seconds} s`;
}

function headline(story: Story): string {
  if (story.verdict === 'pass') return `${ICON.pass} Rollout: promoted to 100 %`;
  if (story.held) return `${ICON.inconclusive} Rollout: held at ${story.stoppedAt} % (inconclusive)`;
  const back = story.rolledBack ? ', rolled back' : '';
  return `${ICON[story.verdict]} Rollout: ${story.verdict.toUpperCase()} at ${story.stoppedAt ?? '?'} %${back}`;
}

export function renderStory(story: Story): string {
  const { settings } = story;
  const rows = settings.steps.map((percent, index) => {
    const step = story.steps[index];
    if (step === undefined) return [index + 1, `${percent} %`, 'not reached', '', '', ''];
    return [
      index + 1,
      `${percent} %`,
      step.verdict ? `${ICON[step.verdict]} ${step.verdict}` : 'in flight',
      step.reason ?? '',
      bake(step.bakeSeconds),
      step.gate ? formatPercent(step.gate.state.power(), 0) : '',
    ];
  });
  const lines = [
    heading(headline(story)),
    '',
    `**Why:** ${cell(story.reason)}`,
    '',
    cell(
      [
        describeTarget(settings.target),
        `candidate ${story.candidate?.id ?? 'unknown'}`,
        story.stable ? `stable ${story.stable}` : '',
        `serving now: ${story.observed ? formatSplit(story.observed) : 'unknown'}`,
        story.rollbackTarget ? `rollback target: ${formatSplit(story.rollbackTarget.traffic)}` : '',
        story.held ? 'traffic left in place for a person to decide (on-inconclusive: hold)' : '',
      ]
        .filter((part) => part !== '')
        .join(' · '),
    ),
    '',
    table(['Step', 'Share', 'Verdict', 'Why', 'Bake', 'Power'], rows),
    '',
    ...(story.waits === undefined ? [] : [whoWaitsLine(story.waits), '']),
  ];
  // The charts of the step that stopped the rollout, or of the last one gated.
  const charted = story.steps.filter((s) => s.gate && s.decision).at(-1);
  if (charted?.gate && charted.decision) {
    const { gate } = charted;
    lines.push(
      heading(`Gate at ${charted.percent} %`, 4),
      '',
      renderSummary(gate.state, charted.decision, {
        source: gate.settings.metrics.source,
        candidate: gate.settings.metrics.candidate,
        baseline: gate.settings.metrics.baseline,
        startTime: gate.window.start,
        intervalMs: gate.window.stepMs,
        decidedAfterSeconds: charted.bakeSeconds ?? 0,
        mode: gate.settings.mode,
      }),
    );
  }
  const before = story.rollbackTarget?.traffic;
  if (before) {
    lines.push(
      renderSplitSummary({
        title: 'Traffic',
        detail:
          'Before: the rollback target recorded before the first write. After: what the platform serves now.',
        before,
        after: story.observed,
        roles: {
          ...(story.stable ? { [story.stable]: 'stable' } : {}),
          ...(story.candidate ? { [story.candidate.target]: 'candidate' } : {}),
        },
      }),
    );
  }
  return lines.join('\n');
}

/** plan-only: what the rollout would do, from validated inputs alone. */
export function renderPlan(settings: RolloutSettings): string {
  const gate = settings.gate;
  const rows = settings.steps.map((percent, index) => [
    index + 1,
    `${percent} %`,
    percent === 100
      ? 'promotion (no gate: no baseline left)'
      : `gate on ${gate.metrics.source}: bake ${bake(gate.durationMs / 1000)}, up to ${bake(gate.maxDurationMs / 1000)}`,
  ]);
  return [
    heading(`📋 Rollout plan: ${formatSteps(settings.steps)}`),
    '',
    cell(
      [
        describeTarget(settings.target),
        `on inconclusive: ${settings.onInconclusive}`,
        `rollback on failure: ${settings.rollbackOnFailure}`,
        `gate mode: ${gate.mode}`,
        settings.slack ? `Slack: ${settings.slack.channel}` : 'Slack: off',
      ].join(' · '),
    ),
    '',
    table(['Step', 'Share', 'Then'], rows),
    '',
    'Plan only: every input was validated; no cloud was called.',
    '',
  ].join('\n');
}
