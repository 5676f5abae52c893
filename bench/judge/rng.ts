/**
 * Seeded randomness for the judge benchmark: xoshiro128** seeded through splitmix32, one
 * independent stream per purpose, and the samplers the data model needs (normal, gamma, beta,
 * Poisson, binomial). The generator is integer-exact in 32 bits and the samplers use only
 * V8's deterministic Math functions, so the same seed gives the same numbers on every run.
 */
import { logGamma } from '../../shared/judge/math';

/** One splitmix32 step from `state`; returns [output, next state]. */
export function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return [z >>> 0, next];
}

/** Mixes a list of integers into one 32-bit seed (a splitmix32 chain). */
export function deriveSeed(...parts: readonly number[]): number {
  let state = 0x2545f491;
  let out = 0;
  for (const part of parts) {
    [out, state] = splitmix32((state ^ Math.imul(part | 0, 0x85ebca6b)) | 0);
    state = (state ^ out) | 0;
  }
  return out >>> 0;
}

const TWO_POW_32 = 4294967296;

/** Exact log k! for small k from a table, log-gamma beyond. */
const LOG_FACTORIAL_TABLE = (() => {
  const table = new Float64Array(1024);
  for (let k = 1; k < table.length; k++) table[k] = (table[k - 1] as number) + Math.log(k);
  return table;
})();
export function logFactorial(k: number): number {
  return k < LOG_FACTORIAL_TABLE.length ? (LOG_FACTORIAL_TABLE[k] as number) : logGamma(k + 1);
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal = 0;
  private hasSpare = false;

  constructor(seed = 0) {
    this.reseed(seed);
  }

  /** Re-seeds in place (no allocation), through splitmix32 as xoshiro's authors recommend. */
  reseed(seed: number): void {
    let state = seed | 0;
    let out = 0;
    [out, state] = splitmix32(state);
    this.s0 = out | 0;
    [out, state] = splitmix32(state);
    this.s1 = out | 0;
    [out, state] = splitmix32(state);
    this.s2 = out | 0;
    [out, state] = splitmix32(state);
    this.s3 = out | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.hasSpare = false;
  }

  /** xoshiro128**: the next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform on (0, 1): never 0, so its log is finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }

  /** Gamma(shape, 1) by Marsaglia–Tsang; shape < 1 boosted through U^(1/shape). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /** Poisson(mean): inversion below 10, Hörmann's PTRS above. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 10) {
      let k = 0;
      let prob = Math.exp(-mean);
      let cumulative = prob;
      const u = this.uniform();
      while (u > cumulative && k < 1000) {
        k++;
        prob *= mean / k;
        cumulative += prob;
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
        -mean + k * logMean - logFactorial(k)
      ) {
        return k;
      }
    }
  }

  /** Binomial(n, p): inversion when n·min(p, 1−p) < 10, Hörmann's BTRS above. */
  binomial(n: number, p: number): number {
    if (n <= 0 || !(p > 0)) return 0;
    if (p >= 1) return n;
    const flip = p > 0.5;
    const q = flip ? 1 - p : p;
    const k = n * q < 10 ? this.binomialInversion(n, q) : this.binomialBtrs(n, q);
    return flip ? n - k : k;
  }

  private binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const ratio = p / q;
    let prob = q ** n;
    let cumulative = prob;
    let k = 0;
    const u = this.uniform();
    while (u > cumulative && k < n) {
      k++;
      prob *= (ratio * (n - k + 1)) / k;
      cumulative += prob;
    }
    return k;
  }

  private binomialBtrs(n: number, p: number): number {
    const q = 1 - p;
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const lpq = Math.log(p / q);
    const m = Math.floor((n + 1) * p);
    const h = logFactorial(m) + logFactorial(n - m);
    for (;;) {
      const u = this.uniform() - 0.5;
      let v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = Math.log((v * alpha) / (a / (us * us) + b));
      if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
