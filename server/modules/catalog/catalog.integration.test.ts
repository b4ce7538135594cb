import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { NotFoundError } from '@/server/errors';
import { derivePriceCents, deriveStock } from './derive-pricing';
import { getProductBySlug } from './get-product';
import { importProducts } from './import-products';
import { getCatalogOverview, listProducts, type ProductPage } from './list-products';
import { normalizeWandsProduct } from './normalize';
import { parseWandsProducts } from './wands-tsv';

const SEED_FILE = path.resolve(import.meta.dirname, '../../../prisma/seed-data/wands-products.tsv');
const seed = parseWandsProducts(readFileSync(SEED_FILE, 'utf8')).rows.map(normalizeWandsProduct);
const bySlug = new Map(seed.map((p) => [p.slug, p]));
const BAR_STOOLS = 'Bar (28"-33") Bar Stools & Counter Stools';

const getDb = useTestDatabase();

async function walk(category?: string): Promise<ProductPage['items']> {
  const items: ProductPage['items'] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await listProducts(getDb().prisma, { category, cursor, limit: 100 });
    items.push(...res.items);
    if (!res.nextCursor) return items;
    expect(res.items).toHaveLength(100);
    cursor = res.nextCursor;
  }
  throw new Error('pagination did not terminate');
}

async function countWithCategory(category: string): Promise<number> {
  const res = await getDb().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM products WHERE status = 'active' AND $1 = ANY(category_path)`,
    [category],
  );
  return res.rows[0]!.n;
}

// The tests build on each other: one import, then reads and edits against it.
describe('catalog on a real database', () => {
  it('imports the 3,000 seed products, each with one priced default variant', async () => {
    const { prisma } = getDb();
    expect(await importProducts(prisma, seed)).toEqual({ created: 3000, updated: 0 });
    expect(await prisma.product.count()).toBe(3000);
    expect(await prisma.productVariant.count()).toBe(3000);
    const { rows } = await getDb().query(
      `SELECT count(*)::int AS variants,
              count(DISTINCT v.product_id)::int AS products,
              count(*) FILTER (WHERE v.price_cents > 0)::int AS priced,
              count(*) FILTER (WHERE v.sku = 'WF-' || substr(p.external_id, 7))::int AS sku_ok
       FROM product_variants v JOIN products p ON p.id = v.product_id`,
    );
    expect(rows[0]).toEqual({ variants: 3000, products: 3000, priced: 3000, sku_ok: 3000 });
    const variant = await prisma.productVariant.findUniqueOrThrow({ where: { sku: 'WF-842' } });
    expect(variant).toMatchObject({ priceCents: 53_199, stockOnHand: 26, currency: 'USD', title: 'Default' });
    expect(variant.priceCents).toBe(derivePriceCents('wands:842', 'Furniture', 'Teen Beds'));
    expect(variant.stockOnHand).toBe(deriveStock('wands:842'));
  }, 60_000);

  it('re-import refreshes descriptive fields but keeps merchant-owned price and stock', async () => {
    const { prisma } = getDb();
    const knob = await prisma.product.findUniqueOrThrow({ where: { externalId: 'wands:4' } });
    await prisma.productVariant.update({ where: { sku: 'WF-4' }, data: { priceCents: 1_234, stockOnHand: 0 } });
    await prisma.product.update({ where: { id: knob.id }, data: { title: 'Edited', categoryPath: [] } });

    expect(await importProducts(prisma, seed)).toEqual({ created: 0, updated: 3000 });
    expect(await prisma.product.count()).toBe(3000);
    expect(await prisma.productVariant.count()).toBe(3000);
    const after = await prisma.product.findUniqueOrThrow({ where: { id: knob.id }, include: { variants: true } });
    expect(after.title).toBe('Baldwin Prestige Alcott Passage Knob with Round Rosette');
    expect(after.categoryPath[0]).toBe('Home Improvement');
    expect(after.variants).toHaveLength(1);
    expect(after.variants[0]).toMatchObject({ sku: 'WF-4', priceCents: 1_234, stockOnHand: 0 });
  }, 60_000);

  it('pages through every active product exactly once, newest id first', async () => {
    const first = await listProducts(getDb().prisma, { limit: 100 });
    expect(first.total).toBe(3000);
    expect(first.items).toHaveLength(100);
    expect(Object.keys(first.items[0]!).sort()).toEqual(
      ['category', 'currency', 'id', 'inStock', 'priceCents', 'ratingAvg', 'reviewCount', 'slug', 'title'].sort(),
    );
    const items = await walk();
    expect(items).toHaveLength(3000);
    expect(new Set(items.map((i) => i.id)).size).toBe(3000);
    const ids = items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(items.filter((i) => i.priceCents <= 0)).toEqual([]);
    const knob = items.find((i) => i.slug === 'baldwin-prestige-alcott-passage-knob-with-round-rosette-4')!;
    expect(knob).toMatchObject({ priceCents: 1_234, inStock: false, category: 'Round Door Knobs', currency: 'USD' });
  });

  it('filters by a category anywhere in the path, matching a SQL count', async () => {
    for (const [category, expected] of [
      ['Furniture', 627],
      ['Daybeds', 29],
      [BAR_STOOLS, 2],
    ] as const) {
      const items = await walk(category);
      expect(items).toHaveLength(expected);
      expect(await countWithCategory(category)).toBe(expected);
      expect((await listProducts(getDb().prisma, { category, limit: 1 })).total).toBe(expected);
      expect(items.filter((i) => !bySlug.get(i.slug)?.categoryPath.includes(category))).toEqual([]);
    }
    expect(await listProducts(getDb().prisma, { category: 'No Such Category' })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it('summarises active products per top-level category, largest first', async () => {
    const overview = await getCatalogOverview(getDb().prisma);
    expect(overview.activeProducts).toBe(await getDb().prisma.product.count({ where: { status: 'active' } }));
    expect(overview.activeProducts).toBe(3000);
    const counts = overview.categories.map((c) => c.count);
    // 153 seed products have no category at all.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2847);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(overview.categories.slice(0, 3)).toEqual([
      { name: 'Furniture', count: 627 },
      { name: 'Décor & Pillows', count: 380 },
      { name: 'Home Improvement', count: 341 },
    ]);
  });

  it('returns a product with its variants, attributes and related products from the same leaf category', async () => {
    const { prisma } = getDb();
    const withFeatures = normalizeWandsProduct({
      product_id: '900001',
      product_name: 'oak daybed',
      product_class: 'Daybeds & Guest Beds',
      category_hierarchy: 'Furniture / Bedroom Furniture / Daybeds',
      product_features: 'material : oak|overallwidth-sidetoside:40',
      average_rating: '4.5',
      review_count: '12',
    });
    expect(await importProducts(prisma, [withFeatures])).toEqual({ created: 1, updated: 0 });

    const product = await getProductBySlug(prisma, 'oak-daybed-900001');
    expect(product).toMatchObject({
      title: 'Oak Daybed',
      classes: ['Daybeds & Guest Beds'],
      categoryPath: ['Furniture', 'Bedroom Furniture', 'Daybeds'],
      ratingAvg: 4.5,
      reviewCount: 12,
    });
    expect(product.attributes).toEqual([
      { key: 'material', value: 'oak' },
      { key: 'overallwidth-sidetoside', value: '40' },
    ]);
    expect(product.variants).toEqual([
      expect.objectContaining({ sku: 'WF-900001', title: 'Default', currency: 'USD', priceCents: expect.any(Number) }),
    ]);
    const { rows } = await getDb().query<{ slug: string }>(
      `SELECT slug FROM products WHERE status = 'active' AND 'Daybeds' = ANY(category_path) AND id <> $1
       ORDER BY id DESC LIMIT 4`,
      [product.id],
    );
    expect(product.related.map((r) => r.slug)).toEqual(rows.map((r) => r.slug));
    expect(product.related).toHaveLength(4);
    expect(product.related.filter((r) => r.category !== 'Daybeds')).toEqual([]);

    const stool = await getProductBySlug(prisma, 'modern-farmhouse-solid-wood-28-5-bar-stool-14116');
    expect(stool.attributes).toEqual([]); // source_name is internal
    expect(stool.related.map((r) => r.slug)).toEqual(['port-augusta-industrial-32-bar-stool-23945']);
  });

  it('throws NotFoundError for an unknown slug', async () => {
    const err = await getProductBySlug(getDb().prisma, 'no-such-product').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'product no-such-product was not found' });
  });

  it('hides archived and draft products from lists, detail, related and the overview', async () => {
    const { prisma } = getDb();
    const before = await listProducts(prisma, { category: 'Daybeds' });
    const hidden = ['pattonsburg-daybed-with-trundle-842', 'port-augusta-industrial-32-bar-stool-23945'];
    await prisma.product.update({ where: { slug: hidden[0] }, data: { status: 'archived' } });
    await prisma.product.update({ where: { slug: hidden[1] }, data: { status: 'draft' } });

    expect((await listProducts(prisma, {})).total).toBe(2999);
    const daybeds = await listProducts(prisma, { category: 'Daybeds', limit: 100 });
    expect(daybeds.total).toBe(before.total - 1);
    expect(daybeds.items.map((i) => i.slug)).not.toContain(hidden[0]);
    const all = await walk();
    expect(all.filter((i) => hidden.includes(i.slug))).toEqual([]);
    for (const slug of hidden) {
      await expect(getProductBySlug(prisma, slug)).rejects.toBeInstanceOf(NotFoundError);
    }
    const stool = await getProductBySlug(prisma, 'modern-farmhouse-solid-wood-28-5-bar-stool-14116');
    expect(stool.related).toEqual([]);
    expect((await getCatalogOverview(prisma)).activeProducts).toBe(2999);
  });
});
