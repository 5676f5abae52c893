/**
 * The benchmark's data model (JUDGE-BENCHMARK.md, "Data model"): 60 minutes of A/A history then a
 * 60-minute rollout at the same split, with a daily curve, traffic and shared-rate noise, arm-only
 * bursts and beta-binomial errors. One Rng stream per purpose, re-seeded per run from
 * (master seed, tier, family, cell, run), so every judge sees the same data for the same run.
 */
import { deriveSeed, Rng } from './rng';

export const HORIZON = 60;
export const HISTORY = 60;
export const WARMUP = 3;
const MINUTES_PER_DAY = 1440;
export const MAX_RATE = 0.9;

export type TierName = 'N0' | 'N1' | 'N2';
export interface Tier {
  name: TierName;
  /** Daily traffic amplitude A. */
  trafficAmplitude: number;
  /** Daily error-rate amplitude B. */
  rateAmplitude: number;
  /** σc of the shared log-normal rate noise. */
  sharedNoise: number;
  /** Beta-binomial concentration κ (Infinity: binomial). */
  concentration: number;
  burstProbability: number;
  burstMeanLength: number;
  burstMultiplier: number;
}

export const TIERS: readonly Tier[] = [
  {
    name: 'N0',
    trafficAmplitude: 0,
    rateAmplitude: 0,
    sharedNoise: 0,
    concentration: Number.POSITIVE_INFINITY,
    burstProbability: 0,
    burstMeanLength: 1,
    burstMultiplier: 1,
  },
  {
    name: 'N1',
    trafficAmplitude: 0.3,
    rateAmplitude: 0.2,
    sharedNoise: 0.3,
    concentration: 2000,
    burstProbability: 0.005,
    burstMeanLength: 2,
    burstMultiplier: 5,
  },
  {
    name: 'N2',
    trafficAmplitude: 0.3,
    rateAmplitude: 0.2,
    sharedNoise: 0.5,
    concentration: 200,
    burstProbability: 0.02,
    burstMeanLength: 2,
    burstMultiplier: 10,
  },
];

export const TRAFFIC_LEVELS = [20, 100, 1000, 10000] as const;
export const WEIGHTS = [0.05, 0.25, 0.5] as const;
export const BASE_RATES = [0.001, 0.01, 0.05] as const;

export type FamilyName =
  | 'healthy'
  | 'x1.5'
  | 'x2'
  | 'x5'
  | 'x10'
  | 'abs'
  | 'late'
  | 'warmup-blip'
  | 'mid-blip';
export interface Family {
  name: FamilyName;
  truth: 'promote' | 'rollback';
  runs: number;
  /** First minute the candidate is degraded (for time to decision). */
  onset: number;
}

export const FAMILIES: readonly Family[] = [
  { name: 'healthy', truth: 'promote', runs: 1000, onset: 0 },
  { name: 'x1.5', truth: 'rollback', runs: 500, onset: 0 },
  { name: 'x2', truth: 'rollback', runs: 500, onset: 0 },
  { name: 'x5', truth: 'rollback', runs: 500, onset: 0 },
  { name: 'x10', truth: 'rollback', runs: 500, onset: 0 },
  { name: 'abs', truth: 'rollback', runs: 500, onset: 0 },
  { name: 'late', truth: 'rollback', runs: 500, onset: 20 },
  { name: 'warmup-blip', truth: 'promote', runs: 1000, onset: 0 },
  { name: 'mid-blip', truth: 'promote', runs: 1000, onset: 20 },
];

const ABSOLUTE_JUMP = 0.01;

export interface Cell {
  traffic: number;
  weight: number;
  baseRate: number;
}

/** The grid for a family: N̄ × w × p0, except `abs` whose service has p0 = 0 (N̄ × w). */
export function cellsFor(family: FamilyName): Cell[] {
  const cells: Cell[] = [];
  for (const traffic of TRAFFIC_LEVELS) {
    for (const weight of WEIGHTS) {
      if (family === 'abs') {
        cells.push({ traffic, weight, baseRate: 0 });
        continue;
      }
      for (const baseRate of BASE_RATES) cells.push({ traffic, weight, baseRate });
    }
  }
  return cells;
}

/** Candidate degradation of a family at minute t (t ≥ 0): a multiplier, or an additive jump. */
interface Degradation {
  multiplier: number;
  additive: number;
}

/** Draws of a run that shape the degradation (mid blip's size and length). */
interface FamilyDraw {
  blipMultiplier: number;
  blipLength: number;
}

function degradationAt(family: FamilyName, t: number, draw: FamilyDraw, out: Degradation): void {
  out.multiplier = 1;
  out.additive = 0;
  switch (family) {
    case 'x1.5':
      out.multiplier = 1.5;
      break;
    case 'x2':
      out.multiplier = 2;
      break;
    case 'x5':
      out.multiplier = 5;
      break;
    case 'x10':
      out.multiplier = 10;
      break;
    case 'abs':
      out.additive = ABSOLUTE_JUMP;
      break;
    case 'late':
      if (t >= 20) out.multiplier = 5;
      break;
    case 'warmup-blip':
      if (t < 3) out.multiplier = 10;
      break;
    case 'mid-blip':
      if (t >= 20 && t < 20 + draw.blipLength) out.multiplier = draw.blipMultiplier;
      break;
    default:
      break;
  }
}

/** Excess error rate a promoted candidate keeps after the rollout (for the escaped cost). */
export function lastingExcessRate(family: FamilyName, cell: Cell): number {
  switch (family) {
    case 'x1.5':
      return 0.5 * cell.baseRate;
    case 'x2':
      return cell.baseRate;
    case 'x5':
    case 'late':
      return 4 * cell.baseRate;
    case 'x10':
      return 9 * cell.baseRate;
    case 'abs':
      return ABSOLUTE_JUMP;
    default:
      return 0;
  }
}

/**
 * How long a run is and how traffic splits: the judge benchmark's 60 + 60 minutes at the cell's
 * weight, or the gate benchmark's rollout without history and a split that changes per minute.
 */
export interface RunShape {
  history: number;
  minutes: number;
  /** The candidate's share of requests in rollout minute t (default: the cell's weight). */
  weightAt?: (t: number) => number;
}

export const JUDGE_SHAPE: RunShape = { history: HISTORY, minutes: HORIZON };

/** One run's minutes: index 0..history−1 is history (t = −history..−1), then the rollout. */
export class RunData {
  readonly nB: Int32Array;
  readonly eB: Int32Array;
  readonly nC: Int32Array;
  readonly eC: Int32Array;
  /** Cumulative blast radius through rollout minute t: Σ nC·max(0, pC − pB). */
  readonly blastThrough: Float64Array;
  /**
   * Latent state, for the oracle bounds (bench/judge/oracle.ts) only: the baseline's true error
   * rate each minute, its daily trend before the shared noise, and which arm was in a burst.
   */
  readonly pB: Float64Array;
  readonly pTrend: Float64Array;
  readonly burstB: Uint8Array;
  readonly burstC: Uint8Array;

  constructor(history = HISTORY, minutes = HORIZON) {
    const length = history + minutes;
    this.nB = new Int32Array(length);
    this.eB = new Int32Array(length);
    this.nC = new Int32Array(length);
    this.eC = new Int32Array(length);
    this.blastThrough = new Float64Array(minutes);
    this.pB = new Float64Array(length);
    this.pTrend = new Float64Array(length);
    this.burstB = new Uint8Array(length);
    this.burstC = new Uint8Array(length);
  }
}

const PURPOSES = {
  traffic: 1,
  sharedRate: 2,
  burstBaseline: 3,
  burstCandidate: 4,
  errorsBaseline: 5,
  errorsCandidate: 6,
  family: 7,
} as const;

/** Reusable per-worker state: the streams and scratch objects, so a run allocates nothing. */
export class Simulator {
  private readonly traffic = new Rng();
  private readonly sharedRate = new Rng();
  private readonly burstBaseline = new Rng();
  private readonly burstCandidate = new Rng();
  private readonly errorsBaseline = new Rng();
  private readonly errorsCandidate = new Rng();
  private readonly familyStream = new Rng();
  private readonly degradation: Degradation = { multiplier: 1, additive: 0 };
  private readonly draw: FamilyDraw = { blipMultiplier: 1, blipLength: 0 };

  run(
    tier: Tier,
    family: FamilyName,
    cell: Cell,
    runSeed: number,
    out: RunData,
    shape: RunShape = JUDGE_SHAPE,
  ): void {
    this.traffic.reseed(deriveSeed(runSeed, PURPOSES.traffic));
    this.sharedRate.reseed(deriveSeed(runSeed, PURPOSES.sharedRate));
    this.burstBaseline.reseed(deriveSeed(runSeed, PURPOSES.burstBaseline));
    this.burstCandidate.reseed(deriveSeed(runSeed, PURPOSES.burstCandidate));
    this.errorsBaseline.reseed(deriveSeed(runSeed, PURPOSES.errorsBaseline));
    this.errorsCandidate.reseed(deriveSeed(runSeed, PURPOSES.errorsCandidate));
    this.familyStream.reseed(deriveSeed(runSeed, PURPOSES.family));
    this.draw.blipMultiplier = this.familyStream.uniform() < 0.5 ? 3 : 10;
    this.draw.blipLength = this.familyStream.uniform() < 0.5 ? 1 : 2;

    const offset = this.sharedRate.uniform() * MINUTES_PER_DAY;
    const sigma = tier.sharedNoise;
    const stayInBurst = 1 - 1 / tier.burstMeanLength;
    let burstLeftB = 0;
    let burstLeftC = 0;
    let blast = 0;
    for (let i = 0; i < shape.history + shape.minutes; i++) {
      const t = i - shape.history;
      const phase = (2 * Math.PI * (t + offset)) / MINUTES_PER_DAY;
      const load = this.traffic.gamma(50) / 50;
      const requests = this.traffic.poisson(
        cell.traffic * (1 + tier.trafficAmplitude * Math.sin(phase)) * load,
      );
      const weight = t >= 0 && shape.weightAt ? shape.weightAt(t) : cell.weight;
      const nC = this.traffic.binomial(requests, weight);
      const nB = requests - nC;
      const shared = this.sharedRate.normal();
      const trend = cell.baseRate * (1 + tier.rateAmplitude * Math.sin(phase + 1));
      const pB = trend * Math.exp(sigma * shared - (sigma * sigma) / 2);
      let pC = pB;
      if (t >= 0) {
        degradationAt(family, t, this.draw, this.degradation);
        pC =
          this.degradation.additive > 0
            ? pB + this.degradation.additive
            : Math.min(MAX_RATE, this.degradation.multiplier * pB);
        blast += nC * Math.max(0, pC - pB);
        out.blastThrough[t] = blast;
      }
      // Arm-only bursts: geometric length with the tier's mean.
      let inBurstB = false;
      let inBurstC = false;
      if (tier.burstProbability > 0) {
        if (burstLeftB > 0) {
          burstLeftB--;
          inBurstB = true;
        } else if (this.burstBaseline.uniform() < tier.burstProbability) {
          inBurstB = true;
          burstLeftB = geometricExtra(this.burstBaseline, stayInBurst);
        }
        if (burstLeftC > 0) {
          burstLeftC--;
          inBurstC = true;
        } else if (this.burstCandidate.uniform() < tier.burstProbability) {
          inBurstC = true;
          burstLeftC = geometricExtra(this.burstCandidate, stayInBurst);
        }
      }
      const rateB = Math.min(MAX_RATE, inBurstB ? pB * tier.burstMultiplier : pB);
      const rateC = Math.min(MAX_RATE, inBurstC ? pC * tier.burstMultiplier : pC);
      out.nB[i] = nB;
      out.nC[i] = nC;
      out.pB[i] = pB;
      out.pTrend[i] = trend;
      out.burstB[i] = inBurstB ? 1 : 0;
      out.burstC[i] = inBurstC ? 1 : 0;
      out.eB[i] = errors(this.errorsBaseline, nB, rateB, tier.concentration);
      out.eC[i] = errors(this.errorsCandidate, nC, rateC, tier.concentration);
    }
  }
}

/** Further minutes of a burst beyond its first: P(k) = (1 − stay)·stay^k. */
function geometricExtra(rng: Rng, stay: number): number {
  if (stay <= 0) return 0;
  return Math.floor(Math.log(rng.uniform()) / Math.log(stay));
}

function errors(rng: Rng, requests: number, rate: number, concentration: number): number {
  if (requests <= 0 || rate <= 0) return 0;
  if (!Number.isFinite(concentration)) return rng.binomial(requests, rate);
  return rng.binomial(requests, rng.beta(concentration * rate, concentration * (1 - rate)));
}
