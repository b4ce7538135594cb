import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { staffAs } from '@/server/modules/auth/testing';
import { createContext } from '../init';
import { createCaller } from '../root';

const getDb = useTestDatabase();
const caller = () =>
  createCaller(createContext({ headers: new Headers({ 'x-request-id': 'req-exp' }), db: getDb().prisma, staff: staffAs('owner', 'ana') }));

describe('experiments router', () => {
  it('creates, starts and reads an experiment; bad allocation is a 422 naming the total', async () => {
    const db = getDb().prisma;
    const model = await makeModel(db, 'search_ranking');
    const v = () =>
      versionAt(db, { modelId: model.id, kind: 'search_ranking', implementationKey: 'search.hybrid', params: { rankingVersion: 0 }, stage: 'draft' });
    const [a, b] = [await v(), await v()];
    const base = {
      key: 'router-exp',
      name: 'Router',
      hypothesis: 'h',
      primaryMetric: 'search_click_through' as const,
      baselineRate: 0.2,
      mde: 0.1,
    };
    const err = await caller()
      .experiments.create({ ...base, arms: [{ key: 'control', modelVersionId: a.id, allocation: 50 }, { key: 'b', modelVersionId: b.id, allocation: 40 }] })
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('UNPROCESSABLE_CONTENT');
    expect((err as TRPCError).message).toBe('arm allocations must sum to 100, not 90');

    const { id } = await caller().experiments.create({
      ...base,
      arms: [{ key: 'control', modelVersionId: a.id, allocation: 50 }, { key: 'b', modelVersionId: b.id, allocation: 50 }],
    });
    await caller().experiments.start({ experimentId: id });
    const list = await caller().experiments.list();
    expect(list.map((e) => [e.key, e.status])).toEqual([['router-exp', 'running']]);
    const results = await caller().experiments.results({ experimentId: id });
    expect(results.units).toEqual({ control: 0, b: 0 });
    expect(results.srm.mismatch).toBe(false);
    expect(results.unavailable).toEqual(['search_click_through']);
    const power = await caller().experiments.power({ baselineRate: 0.1, mde: 0.2 });
    expect(power.perArm).toBeGreaterThan(3_800);
  });
});
