import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { useTestDatabase } from '@/server/db/testing';
import { resetActiveEmbedder } from './active-embedder';
import { DEFAULT_RANKING } from './ranking-config';
import { loadSearchFixture } from './search.fixtures';
import { searchProducts } from './search-products';
import { clearSettingsCache, saveRankingVersion, saveSynonymVersion } from './settings-versions';
import { DEFAULT_SYNONYMS } from './synonyms';

const getDb = useTestDatabase();
let fixture: Awaited<ReturnType<typeof loadSearchFixture>>;
const db = () => getDb().prisma;

beforeAll(async () => {
  clearSettingsCache();
  resetActiveEmbedder();
  fixture = await loadSearchFixture(db());
}, 120_000);

describe('hybrid search on a real database', () => {
  it('indexes every active product with a document and a vector', async () => {
    expect(fixture.indexed.indexed).toBe(604);
    expect(fixture.indexed.embedded).toBe(604);
    expect(fixture.indexed.embedder).toMatch(/^lsa@[0-9a-f]+$/);
  });

  it('returns relevant products with telemetry', async () => {
    const res = await searchProducts(db(), { q: 'armoire' }, { requestId: 'req-test-1' });
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.slice(0, 5).every((i) => /armoire|wardrobe/i.test(`${i.title} ${i.category}`))).toBe(true);
    expect(res.telemetry).toMatchObject({ requestId: 'req-test-1', rankingVersion: 0, synonymsVersion: 0, degraded: false });
    expect(res.telemetry.embedder).toBe(fixture.indexed.embedder);
    expect(Object.keys(res.telemetry.timingsMs)).toEqual(expect.arrayContaining(['parse', 'keyword', 'embed', 'vector', 'fuse', 'rerank', 'facets', 'total']));
    expect(res.items.map((i) => i.position)).toEqual(res.items.map((_, i) => i + 1));
  });

  it('applies filters inside retrieval and counts facets over the matched set', async () => {
    const all = await searchProducts(db(), { q: 'chair', pageSize: 60 });
    const furniture = all.facets.category.find((f) => f.value === 'Furniture');
    expect(furniture?.count).toBeGreaterThan(0);
    const filtered = await searchProducts(db(), { q: 'chair', pageSize: 60, filters: { category: ['Furniture'], priceMax: 50_000, inStock: true } });
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.total).toBeLessThanOrEqual(furniture!.count);
    for (const item of filtered.items) {
      expect(item.priceCents).toBeLessThanOrEqual(50_000);
      expect(item.inStock).toBe(true);
    }
    // Disjunctive: the Category facet still offers the other categories to add.
    expect(filtered.facets.category.map((f) => f.value)).toContain('Furniture');
    expect(filtered.facets.category.length).toBeGreaterThan(1);
    // Colour is not filtered, so it counts within everything selected.
    for (const c of filtered.facets.color) expect(c.count).toBeLessThanOrEqual(filtered.total);
  });

  it('sorts by price with stable pages', async () => {
    const p1 = await searchProducts(db(), { q: 'table', sort: 'price_asc', pageSize: 10 });
    const p2 = await searchProducts(db(), { q: 'table', sort: 'price_asc', pageSize: 10, page: 2 });
    const prices = [...p1.items, ...p2.items].map((i) => i.priceCents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(new Set([...p1.items, ...p2.items].map((i) => i.productId)).size).toBe(20);
    expect(p2.items[0]!.position).toBe(11);
  });

  it('tolerates typos', async () => {
    const id = await fixture.idOf('990003');
    const res = await searchProducts(db(), { q: 'hofsteter armoir' });
    expect(res.items[0]!.productId).toBe(id);
    expect(res.telemetry.corrections).toEqual({ hofsteter: ['hofstetter'], armoir: ['armoire'] });
  });

  it('uses the merchant synonyms, versioned', async () => {
    const couch = await fixture.idOf('990001');
    expect((await searchProducts(db(), { q: 'sofa', pageSize: 60 })).items.map((i) => i.productId)).toContain(couch);
    const loveseat = await fixture.idOf('990002');
    const before = await searchProducts(db(), { q: 'settee', pageSize: 10 });
    expect(before.items.slice(0, 3).map((i) => i.productId)).not.toContain(loveseat);
    const { version } = await saveSynonymVersion(db(), {
      body: [...DEFAULT_SYNONYMS, { terms: ['settee', 'loveseat'] }],
      createdBy: 'test',
      activate: true,
    });
    const after = await searchProducts(db(), { q: 'settee', pageSize: 10 });
    expect(after.telemetry.synonymsVersion).toBe(version);
    expect(after.items[0]!.productId).toBe(loveseat);
  });

  it('pins and hides products by merchandising rule', async () => {
    const chair = await fixture.idOf('990004');
    const first = (await searchProducts(db(), { q: 'armoire' })).items[0]!.productId;
    const { version } = await saveRankingVersion(db(), {
      name: 'armoire merchandising',
      createdBy: 'test',
      activate: true,
      body: {
        ...DEFAULT_RANKING,
        rules: [
          { id: 'pin-chair', query: 'armoire', action: { type: 'pin', productId: chair, position: 1 } },
          { id: 'hide-top', query: 'armoire', action: { type: 'hide', target: { productId: first } } },
        ],
      },
    });
    const res = await searchProducts(db(), { q: 'armoire' });
    expect(res.telemetry.rankingVersion).toBe(version);
    expect(res.items[0]).toMatchObject({ productId: chair, pinned: true, position: 1 });
    expect(res.items.map((i) => i.productId)).not.toContain(first);
    expect(res.telemetry.rulesFired.sort()).toEqual(['hide-top', 'pin-chair']);
    // Another query is untouched by query-scoped rules.
    expect((await searchProducts(db(), { q: 'lamp' })).telemetry.rulesFired).toEqual([]);
  });

  it('relaxes a query nothing matches and flags it', async () => {
    const res = await searchProducts(db(), { q: 'qwxzv plkjh' });
    expect(res.zeroResult).toBe(true);
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.telemetry.fallback.relaxed).toMatch(/^(semantic|popular)$/);
    expect(res.telemetry.strategy).toBe(`fallback-${res.telemetry.fallback.relaxed}`);
  });

  it('degrades to keyword-only when the embedder fails, without throwing', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { EMBEDDER: 'huggingface', HF_ENDPOINT_URL: 'http://127.0.0.1:9/embed', HF_DIMENSION: '64' });
    resetActiveEmbedder();
    try {
      const res = await searchProducts(db(), { q: 'armoire' });
      expect(res.telemetry.degraded).toBe(true);
      expect(res.telemetry.fallback.embedder).toMatch(/^(error|timeout)$/);
      expect(res.telemetry.strategy).toBe('keyword');
      expect(res.items.length).toBeGreaterThan(0);
      expect(res.items.every((i) => i.matchedBy.every((m) => m === 'keyword'))).toBe(true);
    } finally {
      process.env = saved;
      resetActiveEmbedder();
    }
  });

  it('rejects bad input naming the field', async () => {
    for (const [input, field] of [
      [{ q: '   ' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: 'sofa', page: 0 }, 'page'],
      [{ q: 'sofa', pageSize: 500 }, 'pageSize'],
      [{ q: 'sofa', filters: { colour: ['red'] } }, 'filters'],
    ] as const) {
      const err = await searchProducts(db(), input as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZodError);
      expect((err as ZodError).issues[0]!.path[0]).toBe(field);
    }
  });
});
