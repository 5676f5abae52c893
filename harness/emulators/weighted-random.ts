/**
 * Request-by-request weighted random choice, as real routers split traffic (Cloud Run's traffic
 * split, an ALB weighted forward): shares are met only on average, with binomial noise. Seeded, so a
 * test that needs a given sequence gets it; unseeded runs differ from run to run.
 */

/** mulberry32: a small, fast, seedable PRNG with uniform output in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class RandomWeightedPicker {
  constructor(private readonly random: () => number = Math.random) {}

  /** One key, chosen with probability weight / total; undefined when no weight is positive. */
  pick(weights: readonly { key: string; percent: number }[]): string | undefined {
    const live = weights.filter((w) => w.percent > 0);
    const total = live.reduce((sum, w) => sum + w.percent, 0);
    if (total <= 0) return undefined;
    let point = this.random() * total;
    for (const w of live) {
      point -= w.percent;
      if (point < 0) return w.key;
    }
    return live[live.length - 1]?.key;
  }
}
