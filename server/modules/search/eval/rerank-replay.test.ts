import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogItem } from '@/server/modules/recommendations/algorithms';
import { beatsUnpersonalized, replayRerank, searchesFromLog, type LogEvent } from './rerank-replay';

const item = (id: string, category: string, priceCents: number, color: string): CatalogItem => ({
  id,
  slug: id,
  title: `${color} ${category} ${id}`,
  category,
  categoryPath: ['Home', category],
  classKey: category,
  priceCents,
  inStock: true,
  active: true,
  ratingAvg: 4,
  reviewCount: 3,
  attrs: [`color:${color}`],
});
const catalog = buildCatalog([
  item('rug-grey-1', 'Area Rugs', 20_000, 'grey'),
  item('rug-grey-2', 'Area Rugs', 21_000, 'grey'),
  item('rug-red', 'Area Rugs', 90_000, 'red'),
  item('mat-blue', 'Doormats', 3_000, 'blue'),
]);
const T = Date.UTC(2026, 10, 1);
const ev = (key: string, name: string, minutes: number, data: Record<string, unknown>): LogEvent => ({
  name,
  ts: T + minutes * 60_000,
  data: { sessionKey: key, ...data },
});

describe('search re-ranking replay', () => {
  const log: LogEvent[] = [
    ev('v_A', 'shopper/page.viewed', 0, { productId: 'rug-grey-1' }),
    ev('v_A', 'shopper/search.performed', 1, { query: 'rug' }),
    ev('v_A', 'shopper/page.viewed', 2, { productId: 'rug-grey-2' }),
    ev('v_A', 'shopper/cart.item_added', 3, { productId: 'rug-grey-2' }),
    // A later visit (more than an hour on) is not this search's outcome.
    ev('v_A', 'shopper/page.viewed', 200, { productId: 'mat-blue' }),
    // A first-time visitor: no history, so nothing to personalize.
    ev('v_B', 'shopper/search.performed', 5, { query: 'rug' }),
    ev('v_B', 'shopper/page.viewed', 6, { productId: 'rug-red' }),
  ];

  it('learns affinities only from before the search and judges by what followed in the visit', () => {
    const searches = searchesFromLog(catalog, log);
    expect(searches.map((s) => [s.key, s.query, [...s.grades]])).toEqual([
      ['v_A', 'rug', [['rug-grey-2', 2]]],
      ['v_B', 'rug', [['rug-red', 1]]],
    ]);
    expect(searches[0]!.affinities).toMatchObject({ categories: { 'Area Rugs': 1 }, priceCents: 20_000, products: 1 });
    expect(searches[1]!.affinities).toBeNull();
  });

  it('scores both rankings on the same searches and gates on the result', async () => {
    const searches = searchesFromLog(catalog, log);
    // Unpersonalized: the red rug first, the grey one the shopper went on to buy third.
    const rank = async () => [
      { id: 'rug-red', score: 1, pinned: false },
      { id: 'mat-blue', score: 0.98, pinned: false },
      { id: 'rug-grey-2', score: 0.95, pinned: false },
    ];
    const report = await replayRerank(catalog, searches, rank, { k: 2 });
    expect(report).toMatchObject({ searches: 2, withHistory: 1, changedTop10: 1 });
    // v_A: the grey rug moves from 3rd (outside the top 2) to 1st.
    expect(report.unpersonalized).toEqual({ ndcg: 0, hitRate: 0 });
    expect(report.personalized).toEqual({ ndcg: 1, hitRate: 1 });
    // Over all searches v_B counts the same in both (red rug first: nDCG 1).
    expect(report.allSearches.unpersonalized).toEqual({ ndcg: 0.5, hitRate: 0.5 });
    expect(report.allSearches.personalized).toEqual({ ndcg: 1, hitRate: 1 });
    expect(beatsUnpersonalized(report)).toBe(true);
    expect(beatsUnpersonalized({ ...report, personalized: report.unpersonalized })).toBe(false);
  });
});
