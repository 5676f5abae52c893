/** The command-line flags bench:judge and bench:gate share, parsed one way. */
import type { TierName } from './simulate';

export interface CommonOptions {
  seed: number;
  runsScale: number;
  tiers: TierName[];
  json: string | null;
  markdown: string | null;
  workers: number;
}

/**
 * Applies `flag` to `options` when it is one of the shared flags, taking its value from `need()`;
 * false for a flag the caller must handle itself.
 */
export function parseCommonFlag(
  flag: string | undefined,
  need: () => string,
  options: CommonOptions,
): boolean {
  switch (flag) {
    case '--seed':
      options.seed = Number.parseInt(need(), 10);
      if (!Number.isSafeInteger(options.seed)) throw new Error('--seed must be an integer, e.g. --seed 42');
      return true;
    case '--runs-scale':
      options.runsScale = Number(need());
      if (!(options.runsScale > 0 && options.runsScale <= 1))
        throw new Error('--runs-scale must be in (0, 1], e.g. 0.1');
      return true;
    case '--tiers': {
      const tiers = need()
        .split(',')
        .map((s) => s.trim());
      if (tiers.some((t) => t !== 'N0' && t !== 'N1' && t !== 'N2'))
        throw new Error('--tiers takes N0,N1,N2');
      options.tiers = tiers as TierName[];
      return true;
    }
    case '--json':
      options.json = need();
      return true;
    case '--markdown':
      options.markdown = need();
      return true;
    case '--workers':
      options.workers = Math.max(1, Number.parseInt(need(), 10) || 1);
      return true;
    default:
      return false;
  }
}
