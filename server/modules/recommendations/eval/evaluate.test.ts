import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../algorithms';
import { evaluateRecs } from './evaluate';
import { loadSeedCatalogItems } from './seed-catalog';
import { simulate } from './simulator';

describe('offline evaluation on a fixed-seed simulated log over the seed catalog', () => {
  const items = loadSeedCatalogItems();
  const cfg = { seed: 7, shoppers: 300, days: 28, start: Date.UTC(2026, 9, 1) };
  const splitAt = cfg.start + 21 * 86_400_000;

  it('is deterministic for a seed', () => {
    const a = simulate(items, cfg).events;
    const b = simulate(items, cfg).events;
    expect(a.length).toBeGreaterThan(3000);
    expect(b).toEqual(a);
    expect(new Set(a.map((e) => e.name))).toEqual(
      new Set([
        'shopper/page.viewed',
        'shopper/cart.item_added',
        'shopper/checkout.completed',
        'shopper/search.performed',
      ]),
    );
  });

  it('personalized and co-occurrence algorithms beat the popularity baseline on hit-rate@10', () => {
    const report = evaluateRecs(buildCatalog(items), simulate(items, cfg).events, { splitAt, k: 10 });
    expect(report.shoppersEvaluated).toBeGreaterThan(100);
    const { popularity, cooccurrence, blend, similar } = report.algorithms;
    expect(blend.hitRate).toBeGreaterThan(popularity.hitRate);
    expect(cooccurrence.hitRate).toBeGreaterThan(popularity.hitRate);
    expect(blend.ndcg).toBeGreaterThan(popularity.ndcg);
    // Popularity recommends the same few products to everyone: tiny coverage, low novelty.
    expect(popularity.coverage).toBeLessThan(blend.coverage);
    expect(popularity.novelty).toBeLessThan(similar.novelty);
    for (const m of Object.values(report.algorithms)) {
      expect(m.hitRate).toBeGreaterThanOrEqual(0);
      expect(m.hitRate).toBeLessThanOrEqual(1);
      expect(m.ndcg).toBeLessThanOrEqual(m.hitRate);
    }
  });
});
