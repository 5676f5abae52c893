/**
 * npm run bench:judge:oracle -- [--seed N] [--runs-scale F] [--alpha A]
 *
 * Upper bounds on the power any judge can reach on the benchmark's N1 tier, on the benchmark's own
 * seeded runs. Each oracle looks once, after the whole window, knows the regression's exact size r
 * and uses the Neyman–Pearson likelihood-ratio test of r against 1, which is the most powerful test
 * at its level for that simple pair; its level is set per cell as the (1 − α) quantile of the same
 * statistic on that cell's healthy runs. A real judge knows less, must watch minute by minute and
 * must hold its level everywhere, so it cannot do better.
 *
 * - "knows pB": is told the baseline's true error rate every minute and the candidate's burst
 *   minutes (loose: no judge can know the baseline better than its own noisy arm shows).
 * - "knows pB, counts only": as "knows pB", but its statistic is the candidate's excess errors
 *   over the window, as a test that compares counts must be.
 * - "knows the model": is told the tier's parameters (κ, σc, bursts), the daily trend and the burst
 *   minutes of both arms, but not the shared noise of each minute nor either arm's own noise: it
 *   integrates them out, as any judge must.
 */
import { pathToFileURL } from 'node:url';
import { logRising } from '../../shared/judge/math';
import { deriveSeed } from './rng';
import {
  BASE_RATES,
  cellsFor,
  FAMILIES,
  type FamilyName,
  HISTORY,
  HORIZON,
  MAX_RATE,
  RunData,
  Simulator,
  TIERS,
  TRAFFIC_LEVELS,
  WARMUP,
  WEIGHTS,
} from './simulate';

const MULTIPLIERS: Partial<Record<FamilyName, number>> = { 'x1.5': 1.5, x2: 2, x5: 5, x10: 10 };

export interface OracleOptions {
  seed: number;
  runsScale: number;
  alpha: number;
}

export const ORACLES = ['model', 'known', 'counts'] as const;
export type OracleName = (typeof ORACLES)[number];
const ORACLE_LABELS: Record<OracleName, string> = {
  model: 'knows the model',
  known: 'knows pB',
  counts: 'knows pB, counts only',
};

/** Power (0–1) per oracle, family and band ('all' pooled over N1's cells). */
export type OraclePower = Record<OracleName, Record<string, Record<string, number>>>;

function parseArgs(argv: readonly string[]): OracleOptions {
  const options: OracleOptions = { seed: 20261122, runsScale: 1, alpha: 0.015 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    switch (argv[i]) {
      case '--seed':
        options.seed = value;
        break;
      case '--runs-scale':
        options.runsScale = value;
        break;
      case '--alpha':
        options.alpha = value;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}; usage: --seed N --runs-scale F --alpha A`);
    }
    if (!Number.isFinite(value)) throw new Error(`${argv[i]} needs a number, e.g. ${argv[i]} 0.1`);
  }
  return options;
}

/** log P(e | n, rate q) for a beta-binomial minute with concentration κ, without the binomial coefficient. */
function logBetaBinomial(e: number, n: number, q: number, kappa: number): number {
  if (!Number.isFinite(kappa)) return e * Math.log(q) + (n - e) * Math.log(1 - q);
  return logRising(kappa * q, e) + logRising(kappa * (1 - q), n - e);
}

/** Nodes and weights of a standard normal, for integrating the shared noise of a minute. */
const NODES = Array.from({ length: 31 }, (_, j) => -5 + j / 3);
const NODE_WEIGHTS = (() => {
  const raw = NODES.map((z) => Math.exp(-0.5 * z * z));
  const total = raw.reduce((x, y) => x + y, 0);
  return raw.map((w) => w / total);
})();

/**
 * log likelihood ratios of each r in `ratios` against 1 for the oracle that knows the model: per
 * minute, both arms' beta-binomial likelihoods with the shared noise integrated out.
 */
function modelLogRatios(
  data: RunData,
  ratios: readonly number[],
  kappa: number,
  sigma: number,
  burstMultiplier: number,
  out: Float64Array,
): void {
  out.fill(0);
  const nullLikelihood = new Float64Array(NODES.length);
  for (let t = WARMUP; t < HORIZON; t++) {
    const i = HISTORY + t;
    const nC = data.nC[i] as number;
    const nB = data.nB[i] as number;
    const eC = data.eC[i] as number;
    const eB = data.eB[i] as number;
    const trend = data.pTrend[i] as number;
    if (trend <= 0 || nC + nB === 0) continue;
    const burstB = data.burstB[i] === 1 ? burstMultiplier : 1;
    const burstC = data.burstC[i] === 1 ? burstMultiplier : 1;
    // Per node: log of the baseline's likelihood (shared by every r), then each r's candidate term.
    const baseLog = NODES.map((z) => {
      const p = trend * Math.exp(sigma * z - (sigma * sigma) / 2);
      return nB > 0 ? logBetaBinomial(eB, nB, Math.min(MAX_RATE, p * burstB), kappa) : 0;
    });
    const mixture = (r: number): number => {
      let peak = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < NODES.length; j++) {
        const p = trend * Math.exp(sigma * (NODES[j] as number) - (sigma * sigma) / 2);
        const q = Math.min(MAX_RATE, Math.min(MAX_RATE, r * p) * burstC);
        nullLikelihood[j] = (baseLog[j] as number) + (nC > 0 ? logBetaBinomial(eC, nC, q, kappa) : 0);
        peak = Math.max(peak, nullLikelihood[j] as number);
      }
      let sum = 0;
      for (let j = 0; j < NODES.length; j++) {
        sum += (NODE_WEIGHTS[j] as number) * Math.exp((nullLikelihood[j] as number) - peak);
      }
      return peak + Math.log(sum);
    };
    const null0 = mixture(1);
    for (let k = 0; k < ratios.length; k++)
      out[k] = (out[k] as number) + mixture(ratios[k] as number) - null0;
  }
}

/**
 * The "knows pB, counts only" oracle's statistic: the candidate's errors over the window minus what
 * the baseline's true rate predicts (bursts included). The best a judge can do that compares
 * counts and ignores how noisy each minute is.
 */
function excessErrors(data: RunData, burstMultiplier: number): number {
  let sum = 0;
  for (let t = WARMUP; t < HORIZON; t++) {
    const i = HISTORY + t;
    const burst = data.burstC[i] === 1 ? burstMultiplier : 1;
    sum +=
      (data.eC[i] as number) - (data.nC[i] as number) * Math.min(MAX_RATE, (data.pB[i] as number) * burst);
  }
  return sum;
}

/** The "knows pB" oracle's log likelihood ratio of ratio r against 1 over the judged minutes. */
function oracleLogRatio(data: RunData, r: number, kappa: number, burstMultiplier: number): number {
  let sum = 0;
  for (let t = WARMUP; t < HORIZON; t++) {
    const i = HISTORY + t;
    const n = data.nC[i] as number;
    if (n === 0) continue;
    const e = data.eC[i] as number;
    const pB = data.pB[i] as number;
    const burst = data.burstC[i] === 1 ? burstMultiplier : 1;
    const q1 = Math.min(MAX_RATE, Math.min(MAX_RATE, r * pB) * burst);
    const q0 = Math.min(MAX_RATE, pB * burst);
    if (q0 <= 0) continue;
    sum += logBetaBinomial(e, n, q1, kappa) - logBetaBinomial(e, n, q0, kappa);
  }
  return sum;
}

/** Runs the three oracles over N1's grid on the benchmark's seeded runs. */
export function oracleBounds(options: OracleOptions): OraclePower {
  const tierIndex = TIERS.findIndex((t) => t.name === 'N1');
  const tier = TIERS[tierIndex];
  if (!tier) throw new Error('no N1 tier');
  const simulator = new Simulator();
  const data = new RunData();
  const cells = cellsFor('healthy');
  const familyIndex = (name: FamilyName) => FAMILIES.findIndex((f) => f.name === name);
  const runsOf = (name: FamilyName) =>
    Math.max(1, Math.round((FAMILIES.find((f) => f.name === name)?.runs ?? 0) * options.runsScale));
  const detected = new Map<string, number>();
  const total = new Map<string, number>();
  const add = (key: string, hit: boolean) => {
    detected.set(key, (detected.get(key) ?? 0) + (hit ? 1 : 0));
    total.set(key, (total.get(key) ?? 0) + 1);
  };
  const families = Object.entries(MULTIPLIERS) as [FamilyName, number][];
  const ratios = families.map(([, r]) => r);
  const modelStats = new Float64Array(ratios.length);
  const { concentration: kappa, sharedNoise: sigma, burstMultiplier } = tier;
  const quantileAbove = (values: number[]) => {
    values.sort((a, b) => a - b);
    return values[Math.min(values.length - 1, Math.floor((1 - options.alpha) * values.length))] as number;
  };
  for (let cellIndex = 0; cellIndex < cells.length; cellIndex++) {
    const cell = cells[cellIndex];
    if (!cell) continue;
    // The levels: (1 − α) quantiles of each statistic on this cell's healthy runs.
    const healthyKnown = ratios.map(() => [] as number[]);
    const healthyModel = ratios.map(() => [] as number[]);
    const healthyCounts: number[] = [];
    for (let run = 0; run < runsOf('healthy'); run++) {
      simulator.run(
        tier,
        'healthy',
        cell,
        deriveSeed(options.seed, tierIndex, familyIndex('healthy'), cellIndex, run),
        data,
      );
      modelLogRatios(data, ratios, kappa, sigma, burstMultiplier, modelStats);
      healthyCounts.push(excessErrors(data, burstMultiplier));
      ratios.forEach((r, k) => {
        healthyKnown[k]?.push(oracleLogRatio(data, r, kappa, burstMultiplier));
        healthyModel[k]?.push(modelStats[k] as number);
      });
    }
    const countsThreshold = quantileAbove(healthyCounts);
    families.forEach(([family, r], k) => {
      const knownThreshold = quantileAbove(healthyKnown[k] ?? []);
      const modelThreshold = quantileAbove(healthyModel[k] ?? []);
      const degradedIndex = cellsFor(family).findIndex(
        (c) => c.traffic === cell.traffic && c.weight === cell.weight && c.baseRate === cell.baseRate,
      );
      for (let run = 0; run < runsOf(family); run++) {
        simulator.run(
          tier,
          family,
          cell,
          deriveSeed(options.seed, tierIndex, familyIndex(family), degradedIndex, run),
          data,
        );
        const known = oracleLogRatio(data, r, kappa, burstMultiplier) > knownThreshold;
        modelLogRatios(data, [r], kappa, sigma, burstMultiplier, modelStats);
        const model = (modelStats[0] as number) > modelThreshold;
        const counts = excessErrors(data, burstMultiplier) > countsThreshold;
        for (const band of [String(cell.traffic), 'all']) {
          add(`counts|${family}|${band}`, counts);
          add(`known|${family}|${band}`, known);
          add(`model|${family}|${band}`, model);
        }
      }
    });
  }
  const power = {} as OraclePower;
  for (const oracle of ORACLES) {
    power[oracle] = {};
    for (const [family] of families) {
      const bands: Record<string, number> = {};
      for (const band of ['all', ...TRAFFIC_LEVELS.map(String)]) {
        const key = `${oracle}|${family}|${band}`;
        bands[band] = (detected.get(key) ?? 0) / Math.max(1, total.get(key) ?? 0);
      }
      power[oracle][family] = bands;
    }
  }
  return power;
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const power = oracleBounds(options);
  const pct = (v: number | undefined) => ((v ?? 0) * 100).toFixed(1);
  process.stdout.write(
    `Oracle power bound, tier N1, level ${(options.alpha * 100).toFixed(1)} % per cell, seed ${options.seed}, runs scale ${options.runsScale}\n\n`,
  );
  process.stdout.write(`| oracle | family | pooled | ${TRAFFIC_LEVELS.map((n) => `N̄=${n}`).join(' | ')} |\n`);
  process.stdout.write(`| --- | --- | --- | ${TRAFFIC_LEVELS.map(() => '---').join(' | ')} |\n`);
  for (const oracle of ORACLES) {
    for (const [family, bands] of Object.entries(power[oracle])) {
      process.stdout.write(
        `| ${ORACLE_LABELS[oracle]} | ${family} | ${pct(bands.all)} | ${TRAFFIC_LEVELS.map((n) => pct(bands[String(n)])).join(' | ')} |\n`,
      );
    }
  }
  process.stdout.write(`\n(${WEIGHTS.length} splits × ${BASE_RATES.length} base rates per band)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
