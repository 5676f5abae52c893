/** Pure decisions about traffic splits: which target is stable, what the next split is, when two splits agree. */
import { ActionError } from '../errors';
import type { TrafficEntry } from './types';

/** The entries that carry traffic, merged per target and sorted: the form splits are compared in. */
export function servingEntries(split: readonly TrafficEntry[]): TrafficEntry[] {
  const byTarget = new Map<string, number>();
  for (const entry of split) {
    if (entry.percent > 0) byTarget.set(entry.target, (byTarget.get(entry.target) ?? 0) + entry.percent);
  }
  return [...byTarget.entries()]
    .map(([target, percent]) => ({ target, percent }))
    .sort((a, b) => a.target.localeCompare(b.target));
}

/** Whether two splits send the same share to each target (tags and 0 % entries aside). */
export function sameSplit(a: readonly TrafficEntry[], b: readonly TrafficEntry[]): boolean {
  const left = servingEntries(a);
  const right = servingEntries(b);
  return (
    left.length === right.length &&
    left.every((entry, i) => entry.target === right[i]?.target && entry.percent === right[i]?.percent)
  );
}

/** "shop-00002-abc 90 %, shop-00003-def 10 %" for logs and errors. */
export function formatSplit(split: readonly TrafficEntry[]): string {
  const serving = servingEntries(split);
  return serving.length === 0 ? 'nothing' : serving.map((e) => `${e.target} ${e.percent} %`).join(', ');
}

/** The one target that served what is not the candidate's: the largest other share (ties: by name). */
export function stableOf(split: readonly TrafficEntry[], candidate?: string): string | undefined {
  const others = servingEntries(split).filter((e) => e.target !== candidate);
  others.sort((a, b) => b.percent - a.percent || a.target.localeCompare(b.target));
  return others[0]?.target;
}

/**
 * The split that gives the candidate `percent` and the rest to the stable target. Other targets
 * that served a share are folded into the stable one: a canary compares one candidate with one
 * baseline.
 */
export function computeSplit(
  current: readonly TrafficEntry[],
  candidate: { target: string; tag?: string },
  percent: number,
): TrafficEntry[] {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new ActionError(`a split needs a whole percent between 0 and 100, got ${percent}`);
  }
  const stable = stableOf(current, candidate.target);
  if (stable === undefined && percent < 100) {
    throw new ActionError(
      `nothing but the candidate ${candidate.target} serves traffic, so no stable version can take the other ${100 - percent} %`,
    );
  }
  const split: TrafficEntry[] = [];
  if (stable !== undefined && percent < 100) split.push({ target: stable, percent: 100 - percent });
  split.push({ target: candidate.target, percent, ...(candidate.tag ? { tag: candidate.tag } : {}) });
  return split;
}

/**
 * The last known good split as seen before a rollout step writes: the stable target at 100 %. For
 * the first step that is the split as it was; for a later step (10 % → 50 %) it is still "stable
 * at 100 %", not the half-way state. Any other share (another rollout's candidate, which a step
 * takes over only when told to: shared/traffic/guards.ts) is never part of it: a rollback must not
 * hand an unvetted revision its share again.
 */
export function lastGoodSplit(observed: readonly TrafficEntry[], candidate?: string): TrafficEntry[] {
  const serving = servingEntries(observed);
  const stable = stableOf(serving, candidate);
  if (stable === undefined) return serving; // the candidate serves everything: it is what there is
  return [{ target: stable, percent: 100 }];
}
