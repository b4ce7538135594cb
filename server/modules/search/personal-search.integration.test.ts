// Personalized search on a real database: the search.personalized version in production
// boosts what the shopper has been looking at, and with personalization off nothing about
// them reaches the decision (the log's input digest is that of a request with no signals).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { inputDigest } from '@/server/decisions/input-digest';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { invalidateCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { logEvents } from '@/server/modules/recommendations/recs.fixtures';
import { resetActiveEmbedder } from './active-embedder';
import { PERSONAL_SEARCH_IMPLEMENTATION } from './ranking-decision';
import { runSearch } from './run-search';
import { loadSearchFixture } from './search.fixtures';
import { searchInput } from './search.schema';
import { clearSettingsCache } from './settings-versions';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const Q = 'chair';
let favourite: string;
let anonymousOrder: string[];

async function lastSearchDecision() {
  await flushDecisionLog();
  return db().decisionLog.findFirstOrThrow({ where: { kind: 'search_ranking' }, orderBy: { id: 'desc' } });
}
const categoryRanks = (items: { category: string | null }[], c: string) =>
  items.flatMap((it, i) => (it.category === c ? [i] : []));

beforeAll(async () => {
  clearSettingsCache();
  resetActiveEmbedder();
  invalidateCatalog(db());
  await loadSearchFixture(db(), 400);
  const anon = await runSearch(db(), { q: Q, pageSize: 30 }, { requestId: 'req-anon', sessionKey: null });
  anonymousOrder = anon.items.map((i) => i.productId);
  // The shopper's favourite: a category that search ranks low for this query.
  const top = anon.items[0]!.category;
  favourite = anon.items
    .slice(10)
    .map((i) => i.category)
    .find((c): c is string => c !== null && c !== top)!;
  expect(favourite).toBeTruthy();
  // They viewed products of that category (not necessarily the ones in these results).
  const docs = await db().searchDocument.findMany({ where: { leafCategory: favourite }, select: { productId: true }, take: 4 });
  const t = Date.now() - 3_600_000;
  await logEvents(
    db(),
    docs.map((d, i) => ['v_RUGFAN00000000000000000000', 'shopper/page.viewed', d.productId, t + i * 1000] as [string, string, string, number]),
  );
  const model = await makeModel(db(), 'search_ranking');
  await versionAt(db(), {
    modelId: model.id,
    kind: 'search_ranking',
    implementationKey: PERSONAL_SEARCH_IMPLEMENTATION,
    params: { rankingVersion: 0 },
    stage: 'production',
    metric: 0.8,
  });
  invalidateServingCache();
}, 180_000);

describe('personalized search re-ranking', () => {
  it('moves the category the shopper has been viewing up, and logs that it personalized', async () => {
    const anon = await runSearch(db(), { q: Q, pageSize: 30 }, { requestId: 'req-anon-2', sessionKey: 'v_STRANGER000000000000000000' });
    const mine = await runSearch(db(), { q: Q, pageSize: 30 }, { requestId: 'req-mine', sessionKey: 'v_RUGFAN00000000000000000000' });
    // A visitor with no history gets the unpersonalized order.
    expect(anon.items.map((i) => i.productId)).toEqual(anonymousOrder);
    expect(anon.telemetry.personal).toBeNull();
    expect(mine.telemetry.modelVersion).toMatch(/^search-ranking-\d+@v1$/);
    expect(mine.telemetry.personal!.moved).toBeGreaterThan(0);
    const before = categoryRanks(anon.items, favourite);
    const after = categoryRanks(mine.items, favourite);
    expect(after.length).toBeGreaterThan(0);
    // Every product of the favourite category ranks at least as high, the best one strictly higher.
    expect(Math.min(...after)).toBeLessThan(Math.min(...before));
    const decision = await lastSearchDecision();
    expect(decision.features).toMatchObject({ personalized: true });
  });

  it('uses nothing about an opted-out shopper: same order as a stranger, empty personal input in the log', async () => {
    const off = await runSearch(
      db(),
      { q: Q, pageSize: 30 },
      { requestId: 'req-off', sessionKey: 'v_RUGFAN00000000000000000000', personalizationOff: true },
    );
    expect(off.items.map((i) => i.productId)).toEqual(anonymousOrder);
    expect(off.telemetry.personal).toBeNull();
    const decision = await lastSearchDecision();
    expect(decision.features).toMatchObject({ personalized: false, personalMoved: 0 });
    // The logged input is exactly the request with no personal signals.
    expect(decision.inputDigest).toBe(inputDigest({ ...searchInput.parse({ q: Q, pageSize: 30 }), personal: null }));
    // …and not keyed to the visitor: the subject is the request.
    const subject = await db().decisionLog.findMany({ where: { kind: 'search_ranking', requestId: 'req-off' }, select: { subjectKey: true } });
    const keyed = await db().decisionLog.findMany({ where: { kind: 'search_ranking', requestId: 'req-mine' }, select: { subjectKey: true } });
    expect(subject[0]!.subjectKey).not.toBe(keyed[0]!.subjectKey);
  });
});
