/**
 * The few-errors fallback: with almost no errors in either arm, the relative comparison has next
 * to nothing to go on and a clean service would never pass. The candidate then passes on the
 * absolute budget alone: its error rate, at 95 % confidence, is under the ceiling. (It used to
 * also need its observed rate at or below the baseline's: after the judge's exact test has run,
 * that comparison only added chance.)
 */
import { errorRateUpperBound } from './ceiling';
import { percent } from './format';
import type { Totals } from './types';

/** Below this many errors in both arms together the gate falls back to the error budget. */
export const FEW_ERRORS = 10;
/** Confidence of the error-budget fallback: the candidate's rate is below the ceiling at 95 %. */
export const BUDGET_ALPHA = 0.05;

/** The candidate's 95 % upper bound when the budget fallback applies and holds; else undefined. */
export function errorBudgetBound(candidate: Totals, baseline: Totals, ceiling: number): number | undefined {
  if (candidate.errors + baseline.errors >= FEW_ERRORS) return undefined;
  const upper = errorRateUpperBound(candidate.errors, candidate.requests, BUDGET_ALPHA);
  return upper <= ceiling ? upper : undefined;
}

export function errorBudgetReason(upper: number, ceiling: number): string {
  return `too few errors to compare the two, and the candidate's error rate is below ${percent(upper)} at 95% confidence, within the ${percent(ceiling)} ceiling`;
}
