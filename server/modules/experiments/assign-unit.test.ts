import { describe, expect, it } from 'vitest';
import { assignUnit, type AssignableExperiment } from './assign-unit';
import { sampleRatioMismatch } from './stats/srm';

const experiment = (over: Partial<AssignableExperiment> = {}): AssignableExperiment => ({
  id: 'exp_a',
  salt: 'salt-a',
  trafficStart: 0,
  trafficEnd: 10_000,
  holdoutShare: 0,
  arms: [
    { key: 'control', allocation: 50 },
    { key: 'treatment', allocation: 50 },
  ],
  ...over,
});

const units = Array.from({ length: 100_000 }, (_, i) => `sess_${i}`);

describe('assignUnit', () => {
  it('is sticky: the same unit always gets the same arm', () => {
    const e = [experiment()];
    for (const u of units.slice(0, 1_000)) expect(assignUnit('search', e, u)).toEqual(assignUnit('search', e, u));
  });

  it('balances 100k units within ±1% of the allocation, with no SRM', () => {
    const e = [experiment({ arms: [{ key: 'control', allocation: 50 }, { key: 'b', allocation: 30 }, { key: 'c', allocation: 20 }] })];
    const counts = new Map<string, number>();
    for (const u of units) {
      const a = assignUnit('search', e, u)!;
      counts.set(a.arm!, (counts.get(a.arm!) ?? 0) + 1);
    }
    const observed = ['control', 'b', 'c'].map((k) => counts.get(k) ?? 0);
    expect(Math.abs(observed[0]! / 100_000 - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(observed[1]! / 100_000 - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(observed[2]! / 100_000 - 0.2)).toBeLessThan(0.01);
    expect(sampleRatioMismatch(observed, [50, 30, 20]).mismatch).toBe(false);
  });

  it('keeps experiments in one layer mutually exclusive and honours the holdout', () => {
    const e = [
      experiment({ id: 'exp_a', trafficEnd: 5_000, holdoutShare: 10 }),
      experiment({ id: 'exp_b', salt: 'salt-b', trafficStart: 5_000 }),
    ];
    const seen = { exp_a: 0, exp_b: 0, holdout: 0 };
    for (const u of units) {
      const a = assignUnit('search', e, u)!;
      seen[a.experimentId as 'exp_a' | 'exp_b']++;
      if (a.holdout) seen.holdout++;
    }
    expect(seen.exp_a + seen.exp_b).toBe(100_000);
    expect(Math.abs(seen.exp_a / 100_000 - 0.5)).toBeLessThan(0.01);
    // 10% of exp_a's half.
    expect(Math.abs(seen.holdout / seen.exp_a - 0.1)).toBeLessThan(0.01);
  });

  it('leaves units outside every experiment range unassigned', () => {
    expect(assignUnit('search', [experiment({ trafficEnd: 0 })], 'sess_1')).toBeNull();
  });
});
