import { describe, expect, it } from 'vitest';
import { type GateTask, GateTaskRunner, planTasks, VERDICT_CODE } from '../../../bench/gate/engine';
import { GATE_NAME, PEER_NAMES } from '../../../bench/gate/peers';
import { buildRows } from '../../../bench/gate/report';

const task = (family: GateTask['family'], scope: GateTask['scope'] = 'pipeline'): GateTask => ({
  index: 0,
  tier: 'N1',
  scope,
  nbar: 1000,
  p0: 0.01,
  w: scope === 'step' ? 0.1 : null,
  bake: 5,
  family,
  runs: 20,
});

describe('bench:gate engine', () => {
  it('plans every cell of the grid, with at least 1000 healthy and 300 degraded runs at scale 1', () => {
    const tasks = planTasks(['N0', 'N1'], 1);
    // 2 tiers × (step: 4 N̄ × 4 p0 × 2 w + pipeline: 4 × 4) × 3 bakes × 10 families.
    expect(tasks).toHaveLength(2 * (32 + 16) * 3 * 10);
    expect(Math.min(...tasks.filter((t) => t.family === 'healthy').map((t) => t.runs))).toBe(1000);
    expect(Math.min(...tasks.filter((t) => t.family !== 'healthy').map((t) => t.runs))).toBe(300);
  });

  it('is deterministic, and runs the gate and the four peers on the same runs', () => {
    const a = new GateTaskRunner(7).run(task('x5'));
    const b = new GateTaskRunner(7).run(task('x5'));
    expect(a.judges).toEqual([GATE_NAME, ...PEER_NAMES]);
    expect(Buffer.from(a.outcome.buffer)).toEqual(Buffer.from(b.outcome.buffer));
    expect(Buffer.from(a.minutes.buffer)).toEqual(Buffer.from(b.minutes.buffer));
    expect(Buffer.from(a.blast.buffer)).toEqual(Buffer.from(b.blast.buffer));
  });

  it('never passes missing data through the gate; Kayenta-style peers fail it', () => {
    for (const family of ['no-traffic', 'nan', 'trickle', 'api-down'] as const) {
      const t = task(family, 'step');
      const rows = buildRows([t], [new GateTaskRunner(11).run(t)]);
      expect(rows.find((r) => r.judge === GATE_NAME)?.promoted).toBe(0);
      expect(rows.find((r) => r.judge === 'K-final')?.failed).toBe(1);
    }
  });

  it('promotes healthy pipelines and stops most 5× regressions before 100 %', () => {
    const healthy = new GateTaskRunner(3).run({ ...task('healthy'), runs: 30 });
    const ours = (r: typeof healthy, code: number) =>
      Array.from(r.outcome.subarray(0, 30)).filter((o) => o === code).length;
    expect(ours(healthy, VERDICT_CODE.pass)).toBeGreaterThanOrEqual(28);
    const x5 = new GateTaskRunner(3).run({ ...task('x5'), runs: 30 });
    expect(ours(x5, VERDICT_CODE.pass)).toBeLessThanOrEqual(3);
  });
});
