// Personal re-rank weights as version params (ADR 031): bounded and validated when the version
// is registered, served by search.personalized from its params, and the offline gate records
// its replay on an existing version.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { getImplementation } from '@/server/decisions/implementations';
import { DomainError } from '@/server/errors';
import { createModelVersion } from '@/server/modules/models/create-model';
import { invalidateCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { seedLivingRoom } from '@/server/modules/recommendations/recs.fixtures';
import { resetActiveEmbedder } from './active-embedder';
import { indexCatalog } from './index-catalog';
import { DEFAULT_PERSONAL_WEIGHTS, type PersonalWeights, type SearchAffinities } from './personal-rerank';
import { PERSONAL_SEARCH_IMPLEMENTATION, SEARCH_IMPLEMENTATION, personalWeightsOf } from './ranking-decision';
import {
  createPersonalWeightsVersion,
  PERSONAL_MODEL_KEY,
  personalVersionWeights,
  recordPersonalReplay,
} from './register-personal-ranking';
import type { SearchResult } from './search-products';
import { searchInput } from './search.schema';
import { clearSettingsCache } from './settings-versions';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const STRONG: PersonalWeights = { category: 1, class: 0, price: 0, attribute: 0, priceBand: 0.5, maxBoost: 1 };
const lampLover: SearchAffinities = { categories: { 'Floor Lamps': 1 }, classes: {}, colors: {}, materials: {}, priceCents: null, products: 3 };

beforeAll(async () => {
  clearSettingsCache();
  resetActiveEmbedder();
  invalidateCatalog(db());
  await seedLivingRoom(db());
  await indexCatalog(db());
});

async function serve(key: string, params: Record<string, unknown>, personal: SearchAffinities | null) {
  const impl = getImplementation(key)!;
  const input = { ...searchInput.parse({ q: 'coffee table floor lamp', pageSize: 20 }), personal };
  const out = await impl(input, params, { db: db(), requestId: null, signal: new AbortController().signal });
  return (out.output as SearchResult).items.map((i) => i.category);
}

describe('personal weights in a version’s params', () => {
  it('creates a draft search.personalized version carrying the weights, on the active ranking', async () => {
    const weights = { ...DEFAULT_PERSONAL_WEIGHTS, category: 0.3, maxBoost: 0.5 };
    const out = await createPersonalWeightsVersion(db(), { weights, note: 'stronger categories' }, 'staff_1');
    expect(out).toMatchObject({ version: 1, label: `${PERSONAL_MODEL_KEY}@v1`, rankingVersion: 0 });
    const v = await db().modelVersion.findUniqueOrThrow({ where: { id: out.versionId } });
    expect(v).toMatchObject({ stage: 'draft', implementationKey: PERSONAL_SEARCH_IMPLEMENTATION, note: 'stronger categories' });
    expect(v.params).toEqual({ rankingVersion: 0, personal: weights });
    expect(await personalVersionWeights(db(), out.versionId)).toEqual(weights);
    const again = await createPersonalWeightsVersion(db(), { weights: DEFAULT_PERSONAL_WEIGHTS }, 'staff_1');
    expect(again.version).toBe(2);
  });

  it('rejects out-of-bounds or unknown weights naming the field, before anything is written', async () => {
    const model = await db().model.findUniqueOrThrow({ where: { key: PERSONAL_MODEL_KEY } });
    const before = await db().modelVersion.count();
    const bad = async (personal: unknown) =>
      createModelVersion(db(), {
        modelId: model.id,
        implementationKey: PERSONAL_SEARCH_IMPLEMENTATION,
        params: { rankingVersion: 0, personal },
        actor: 'staff_1',
      }).then(
        () => null as unknown as DomainError,
        (e: unknown) => e as DomainError,
      );
    const tooBig = await bad({ ...DEFAULT_PERSONAL_WEIGHTS, maxBoost: 2 });
    expect(tooBig).toBeInstanceOf(DomainError);
    expect(tooBig.code).toBe('INVALID');
    expect(tooBig.message).toMatch(/params\.personal\.maxBoost/);
    expect((await bad({ ...DEFAULT_PERSONAL_WEIGHTS, brand: 0.2 })).message).toMatch(/params\.personal/);
    expect((await bad({ category: 0.1 })).message).toMatch(/params\.personal\.class/);
    expect(await db().modelVersion.count()).toBe(before);
    await expect(
      createPersonalWeightsVersion(db(), { weights: { ...DEFAULT_PERSONAL_WEIGHTS, priceBand: 0 } }, 'staff_1'),
    ).rejects.toThrow(/priceBand|too_small|>=/);
  });

  it('serves with the version’s weights: none at all leaves the unpersonalized order, strong ones lead with the favourite', async () => {
    expect(personalWeightsOf({ rankingVersion: 0 })).toBeUndefined();
    expect(personalWeightsOf({ rankingVersion: 0, personal: STRONG })).toEqual(STRONG);
    const plain = await serve(SEARCH_IMPLEMENTATION, { rankingVersion: 0 }, null);
    expect(plain).toContain('Floor Lamps');
    expect(plain).toContain('Coffee Tables');
    const off = await serve(PERSONAL_SEARCH_IMPLEMENTATION, { rankingVersion: 0, personal: { ...STRONG, maxBoost: 0 } }, lampLover);
    expect(off).toEqual(plain);
    const strong = await serve(PERSONAL_SEARCH_IMPLEMENTATION, { rankingVersion: 0, personal: STRONG }, lampLover);
    const lamps = strong.filter((c) => c === 'Floor Lamps').length;
    expect(strong.slice(0, lamps).every((c) => c === 'Floor Lamps')).toBe(true);
  });

  it('records the offline replay on an existing version as its evaluation, saying whether it won', async () => {
    const { versionId } = await createPersonalWeightsVersion(db(), { weights: STRONG }, 'staff_1');
    const report = { k: 10, withHistory: 40, personalized: { ndcg: 0.41, hitRate: 0.8 }, unpersonalized: { ndcg: 0.35, hitRate: 0.8 } };
    expect(await recordPersonalReplay(db(), versionId, report, { dataset: 'test replay' })).toEqual({ versionId, beats: true });
    const v = await db().modelVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(v.evaluation).toMatchObject({
      dataset: 'test replay',
      metrics: { 'ndcg@10': 0.41, 'baseline_ndcg@10': 0.35, beats_unpersonalized: 1, searches: 40 },
    });
    const worse = { ...report, personalized: { ndcg: 0.3, hitRate: 0.8 } };
    expect((await recordPersonalReplay(db(), versionId, worse, { dataset: 'test replay' })).beats).toBe(false);
    const hybrid = await db().modelVersion.create({
      data: {
        id: 'mver_hybrid_test',
        modelId: v.modelId,
        kind: 'search_ranking',
        version: 99,
        implementationKey: SEARCH_IMPLEMENTATION,
        params: { rankingVersion: 0 },
        salt: 'x',
        createdBy: 'staff_1',
      },
    });
    await expect(recordPersonalReplay(db(), hybrid.id, report, { dataset: 'x' })).rejects.toThrow(/not a personalized search version/);
  });
});
