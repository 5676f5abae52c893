/**
 * The gate's defaults (the action's input defaults; a test checks action.yml agrees) and the
 * GateConfig built from settings, so the action and the benchmark set the gate up identically.
 */
import type { GateConfig } from './types';

export const GATE_DEFAULTS = Object.freeze({
  maxErrorRate: 0.05,
  maxIncrease: 0,
  minRequests: 100,
  falseAlarmRate: 0.005,
  /** Chosen on the gate benchmark (reports/gate-benchmark.md). */
  detectableRatio: 4,
  /** max-duration defaults to this multiple of duration… */
  maxDurationMultiple: 4,
  /** …and at least this many minutes, up to six times duration (a 5-minute bake may watch 30). */
  minMaxDurationMinutes: 30,
  maxDurationFloorMultiple: 6,
});

/** The default max-duration, in minutes, for a bake of `duration` minutes. */
export function maxBakeMinutes(duration: number): number {
  const floor = Math.min(
    GATE_DEFAULTS.minMaxDurationMinutes,
    GATE_DEFAULTS.maxDurationFloorMultiple * duration,
  );
  return Math.max(GATE_DEFAULTS.maxDurationMultiple * duration, floor);
}

/** Power a pass needs against detectable-ratio. */
export const DETECTION_POWER = 0.9;
/** Warm-up intervals the judge watches without judging: a new revision's first minutes. */
export const MAX_WARMUP = 3;

export interface GateLimits {
  maxErrorRate: number;
  maxIncrease: number;
  minRequests: number;
  falseAlarmRate: number;
  detectableRatio: number;
  maxP95LatencyMs?: number;
  maxLatencyIncrease?: number;
}

/** A gate of `horizon` intervals of `intervalMs`, extensible to `maxHorizon`. */
export function gateConfig(
  limits: GateLimits,
  window: { horizon: number; maxHorizon: number; intervalMs: number },
): GateConfig {
  return {
    horizon: window.horizon,
    maxHorizon: window.maxHorizon,
    warmup: Math.min(MAX_WARMUP, Math.floor(window.horizon / 5)),
    intervalMinutes: window.intervalMs / 60_000,
    maxErrorRate: limits.maxErrorRate,
    maxIncrease: limits.maxIncrease,
    minRequests: limits.minRequests,
    falseAlarmRate: limits.falseAlarmRate,
    detectableRatio: limits.detectableRatio,
    power: DETECTION_POWER,
    ...(limits.maxP95LatencyMs === undefined ? {} : { maxP95LatencyMs: limits.maxP95LatencyMs }),
    ...(limits.maxLatencyIncrease === undefined ? {} : { maxLatencyIncrease: limits.maxLatencyIncrease }),
  };
}
