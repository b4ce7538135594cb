import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { runSearch } from './run-search';
import { loadSearchFixture } from './search.fixtures';
import { flushSearchEvents, queryReport, recordInteraction } from './search-events';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

beforeAll(async () => {
  await loadSearchFixture(db(), 200);
}, 120_000);

describe('search analytics', () => {
  it('records queries with impressions, clicks and add-to-carts with position, and reports CTR', async () => {
    const ctx = { requestId: 'req-analytics-1', sessionKey: 'v_01JABCDEFGHJKMNPQRSTVWXYZ0' };
    const first = await runSearch(db(), { q: 'armoire' }, ctx);
    await runSearch(db(), { q: 'armoire', page: 2 }, ctx); // paging is not another search
    await runSearch(db(), { q: 'Armoire' }, { ...ctx, requestId: 'req-analytics-2' });
    await runSearch(db(), { q: 'qwxzv plkjh' }, { ...ctx, requestId: 'req-analytics-3' });
    await flushSearchEvents();

    const top = first.items[0]!;
    const before = await db().searchDocument.findUniqueOrThrow({ where: { productId: top.productId }, select: { popularity: true } });
    await recordInteraction(db(), { type: 'click', productId: top.productId, position: 1, query: 'armoire', requestId: 'req-analytics-1' }, ctx.sessionKey);
    await recordInteraction(db(), { type: 'add_to_cart', productId: top.productId, position: 1, query: 'armoire', requestId: 'req-analytics-1' }, ctx.sessionKey);
    const after = await db().searchDocument.findUniqueOrThrow({ where: { productId: top.productId }, select: { popularity: true } });
    expect(after.popularity - before.popularity).toBe(4); // click +1, add to cart +3

    const queryRow = await db().searchEvent.findFirstOrThrow({ where: { requestId: 'req-analytics-1', type: 'query' } });
    expect(queryRow.impressions).toEqual(first.items.map((i) => i.productId));
    expect(queryRow.sessionKey).toBe(ctx.sessionKey);
    expect(await db().searchEvent.count({ where: { type: 'query' } })).toBe(3);

    const report = await queryReport(db(), { days: 1 });
    const armoire = report.find((r) => r.query === 'armoire')!;
    expect(armoire).toMatchObject({ searches: 2, clicks: 1, zeroResults: 0 });
    expect(armoire.ctr).toBe(0.5);
    const zero = await queryReport(db(), { days: 1, zeroOnly: true });
    expect(zero.map((r) => [r.query, r.zeroResults])).toEqual([['qwxzv plkjh', 1]]);
  });
});
