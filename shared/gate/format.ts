/** How the gate writes rates, ratios and evidence in reasons, logs and summaries. */
import type { Totals } from './types';

export const rateOf = (t: Totals) => (t.requests > 0 ? t.errors / t.requests : Number.NaN);

/** An error rate as an output or a Slack field carries it: a fraction, 6 decimals; empty when unknown. */
export function rateOutput(totals: Totals): string {
  const rate = rateOf(totals);
  return Number.isFinite(rate) ? String(Number(rate.toFixed(6))) : '';
}

export function percent(rate: number, digits = 2): string {
  if (!Number.isFinite(rate)) return 'n/a';
  return `${Number((rate * 100).toFixed(digits))}%`;
}

export function formatEvidence(v: number): string {
  return v >= 1000 ? v.toExponential(1) : v >= 10 ? v.toFixed(0) : v.toFixed(2);
}

/** A ratio of error rates as people say it: 2.4×, or "no" ratio at all when none is reachable. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'no';
  return `${ratio >= 10 ? ratio.toFixed(0) : Number(ratio.toFixed(1))}×`;
}

/** Whole minutes, rounded up, for estimates; seconds below a minute (short test intervals). */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${Math.max(1, Math.round(minutes * 60))} s`;
  return `${Math.ceil(minutes)} min`;
}
