/** The provider-neutral rollout steps against an in-memory provider (pure logic: no SDK, no HTTP). */
import { describe, expect, it } from 'vitest';
import { restoreTraffic, type StepContext, shiftTraffic } from '../../../shared/traffic/rollout';
import {
  type Candidate,
  ConcurrentWriteError,
  type ServingState,
  SplitNotObservedError,
  type TrafficEntry,
  type TrafficProvider,
} from '../../../shared/traffic/types';
import { fakeClock } from '../../helpers/fake-clock';

/** A platform that applies a write after `lag` reads, and can lose races to another writer. */
class MemoryProvider implements TrafficProvider {
  readonly name = 'ecs' as const;
  readonly resource = { cluster: 'prod', services: 'blue,green' };
  desired: TrafficEntry[];
  observed: TrafficEntry[];
  generation = 1;
  writes: TrafficEntry[][] = [];
  reads = 0;
  /** Writes that lose a race before being applied. */
  conflicts = 0;
  neverConverges = false;
  /** Writes whose reconcile fails (the platform keeps serving the previous split). */
  failedReconciles = 0;
  failure: string | undefined;

  constructor(split: TrafficEntry[]) {
    this.desired = split;
    this.observed = split;
  }

  apiCalls(): number {
    return this.reads + this.writes.length;
  }

  async read(): Promise<ServingState> {
    this.reads++;
    if (!this.neverConverges && this.failure === undefined) this.observed = this.desired;
    return {
      desired: this.desired,
      observed: this.observed,
      version: String(this.generation),
      settled: this.observed === this.desired || this.failure !== undefined,
      ...(this.failure === undefined ? {} : { failure: this.failure }),
    };
  }

  async resolveCandidate(): Promise<Pick<Candidate, 'target' | 'id'>> {
    return { target: 'green', id: 'shop:42' };
  }

  async prepareCandidate(_request: unknown, state: ServingState) {
    return { candidate: { target: 'green', id: 'shop:42' }, state };
  }

  async setSplit(split: TrafficEntry[], expectedVersion: string): Promise<void> {
    if (this.conflicts > 0) {
      this.conflicts--;
      this.generation++;
      throw new ConcurrentWriteError('lost a race');
    }
    if (expectedVersion !== String(this.generation)) throw new ConcurrentWriteError('stale');
    this.generation++;
    this.writes.push(split);
    this.desired = split;
    this.failure = undefined;
  }

  async waitForObserved(split: TrafficEntry[]): Promise<ServingState> {
    if (this.failedReconciles > 0) {
      this.failedReconciles--;
      this.failure = 'quota exceeded';
      throw new SplitNotObservedError('did not apply the change: quota exceeded', await this.read());
    }
    const state = await this.read();
    if (state.observed !== split && JSON.stringify(state.observed) !== JSON.stringify(split)) {
      throw new SplitNotObservedError('not served', state);
    }
    return state;
  }

  async explicitTarget(id: string) {
    return {
      v: 1 as const,
      provider: this.name,
      resource: this.resource,
      traffic: [{ target: id, percent: 100 }],
      capturedAt: '2026-01-01T00:00:00.000Z',
    };
  }
}

const step = (provider: TrafficProvider): StepContext => ({
  provider,
  clock: fakeClock(),
  signal: new AbortController().signal,
  log: () => undefined,
});
const deadline = { at: 60_000, pollMs: 100 };

describe('shiftTraffic', () => {
  it('captures the rollback target before its first write, then writes and verifies the split', async () => {
    const provider = new MemoryProvider([{ target: 'blue', percent: 100 }]);
    const seen: string[] = [];
    const result = await shiftTraffic(
      step(provider),
      { candidate: {}, percent: 10, deadline },
      {
        onRollbackTarget: (target) =>
          seen.push(`target before ${provider.writes.length} writes: ${JSON.stringify(target.traffic)}`),
        onCandidate: () => seen.push('candidate'),
      },
    );
    expect(seen[0]).toBe('target before 0 writes: [{"target":"blue","percent":100}]');
    expect(provider.writes).toEqual([
      [
        { target: 'blue', percent: 90 },
        { target: 'green', percent: 10 },
      ],
    ]);
    expect(result.wrote).toBe(true);
  });

  it('writes nothing when the split already holds', async () => {
    const provider = new MemoryProvider([
      { target: 'blue', percent: 50 },
      { target: 'green', percent: 50 },
    ]);
    const result = await shiftTraffic(
      step(provider),
      { candidate: {}, percent: 50, deadline },
      { onRollbackTarget: () => undefined, onCandidate: () => undefined },
    );
    expect(result.wrote).toBe(false);
    expect(provider.writes).toEqual([]);
  });

  it('aborts on a concurrent write, keeping the progress for the report', async () => {
    const provider = new MemoryProvider([{ target: 'blue', percent: 100 }]);
    provider.conflicts = 1;
    const progress = {};
    await expect(
      shiftTraffic(
        step(provider),
        { candidate: {}, percent: 10, deadline },
        { onRollbackTarget: () => undefined, onCandidate: () => undefined },
        progress,
      ),
    ).rejects.toThrow(ConcurrentWriteError);
    expect(provider.writes).toEqual([]);
    expect(progress).toMatchObject({ rollbackTarget: { traffic: [{ target: 'blue', percent: 100 }] } });
  });

  it('keeps the last observed state when the split is never served', async () => {
    const provider = new MemoryProvider([{ target: 'blue', percent: 100 }]);
    provider.neverConverges = true;
    const progress: { last?: ServingState } = {};
    await expect(
      shiftTraffic(
        step(provider),
        { candidate: {}, percent: 10, deadline },
        { onRollbackTarget: () => undefined, onCandidate: () => undefined },
        progress,
      ),
    ).rejects.toThrow(SplitNotObservedError);
    expect(progress.last?.observed).toEqual([{ target: 'blue', percent: 100 }]);
  });

  it('starts no write once cancelled', async () => {
    const provider = new MemoryProvider([{ target: 'blue', percent: 100 }]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      shiftTraffic(
        { ...step(provider), signal: controller.signal },
        { candidate: {}, percent: 10, deadline },
        { onRollbackTarget: () => undefined, onCandidate: () => undefined },
      ),
    ).rejects.toThrow(/cancelled/);
    expect(provider.writes).toEqual([]);
  });
});

describe('restoreTraffic', () => {
  const token = {
    v: 1 as const,
    provider: 'ecs' as const,
    resource: { cluster: 'prod', services: 'blue,green' },
    traffic: [{ target: 'blue', percent: 100 }],
    capturedAt: '2026-01-01T00:00:00.000Z',
  };

  it('reads again and retries after losing a race, then verifies', async () => {
    const provider = new MemoryProvider([
      { target: 'blue', percent: 50 },
      { target: 'green', percent: 50 },
    ]);
    provider.conflicts = 2;
    const result = await restoreTraffic(step(provider), { kind: 'token', target: token }, deadline);
    expect(result.rolledBack).toBe(true);
    expect(provider.writes).toEqual([[{ target: 'blue', percent: 100 }]]);
  });

  it('keeps trying conflicts, backing off (full jitter, doubling) between rounds', async () => {
    const provider = new MemoryProvider([{ target: 'green', percent: 100 }]);
    provider.conflicts = 10;
    const context = step(provider);
    const result = await restoreTraffic(context, { kind: 'token', target: token }, deadline);
    expect(result.rolledBack).toBe(true);
    expect(provider.desired).toEqual([{ target: 'blue', percent: 100 }]);
    const sleeps = (context.clock as ReturnType<typeof fakeClock>).sleeps;
    expect(sleeps).toHaveLength(10);
    sleeps.forEach((ms, i) => {
      expect(ms).toBeLessThan(Math.min(8000, 500 * 2 ** i));
    });
  });

  it('gives up on conflicts only at its deadline', async () => {
    const provider = new MemoryProvider([{ target: 'green', percent: 100 }]);
    provider.conflicts = 1_000_000;
    const context = step(provider);
    await expect(restoreTraffic(context, { kind: 'token', target: token }, deadline)).rejects.toThrow(
      ConcurrentWriteError,
    );
    expect(provider.generation).toBeGreaterThan(10); // many more tries than the old fixed five
    expect(context.clock.now()).toBeLessThanOrEqual(deadline.at);
  });

  it('writes again after a failed reconcile until the platform serves the target', async () => {
    const provider = new MemoryProvider([
      { target: 'blue', percent: 50 },
      { target: 'green', percent: 50 },
    ]);
    provider.failedReconciles = 2;
    const result = await restoreTraffic(step(provider), { kind: 'token', target: token }, deadline);
    expect(result.last.observed).toEqual([{ target: 'blue', percent: 100 }]);
    expect(provider.writes).toHaveLength(3);
  });

  it('does not rewrite when the split was simply not observed in time (no failure reported)', async () => {
    const provider = new MemoryProvider([{ target: 'green', percent: 100 }]);
    provider.neverConverges = true;
    await expect(restoreTraffic(step(provider), { kind: 'token', target: token }, deadline)).rejects.toThrow(
      SplitNotObservedError,
    );
    expect(provider.writes).toHaveLength(1);
  });

  it('is a no-op when the target state already holds', async () => {
    const provider = new MemoryProvider([{ target: 'blue', percent: 100 }]);
    const result = await restoreTraffic(step(provider), { kind: 'token', target: token }, deadline);
    expect(result.rolledBack).toBe(false);
    expect(provider.writes).toEqual([]);
  });

  it('restores an explicitly named target', async () => {
    const provider = new MemoryProvider([{ target: 'green', percent: 100 }]);
    await restoreTraffic(step(provider), { kind: 'explicit', id: 'blue' }, deadline);
    expect(provider.desired).toEqual([{ target: 'blue', percent: 100 }]);
  });
});
