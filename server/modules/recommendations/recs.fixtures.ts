// Test catalog for recommendations: a small living room with known classes, stock and status.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { insertEvents } from '@/server/modules/events/insert-events';

export type FixtureProduct = {
  key: string;
  title: string;
  category: string;
  cls: string;
  priceCents: number;
  stock?: number;
  status?: 'active' | 'draft' | 'archived';
  attributes?: Record<string, string>;
};

export const LIVING_ROOM: FixtureProduct[] = [
  ...['Ava', 'Bea', 'Cleo', 'Dora', 'Edie', 'Fay'].map((n, i) => ({
    key: `sofa-${n.toLowerCase()}`,
    title: `${n} Velvet Sofa`,
    category: 'Sofas',
    cls: 'Sofas',
    priceCents: 80_000 + i * 5_000,
    attributes: { color: i % 2 ? 'gray' : 'blue', material: 'velvet' },
  })),
  {
    key: 'sofa-gone',
    title: 'Gone Sofa',
    category: 'Sofas',
    cls: 'Sofas',
    priceCents: 90_000,
    stock: 0,
    attributes: { color: 'gray', material: 'velvet' },
  },
  {
    key: 'sofa-hidden',
    title: 'Hidden Sofa',
    category: 'Sofas',
    cls: 'Sofas',
    priceCents: 90_000,
    status: 'archived',
    attributes: { color: 'gray', material: 'velvet' },
  },
  {
    key: 'sectional-gia',
    title: 'Gia Sectional',
    category: 'Sofas',
    cls: 'Sectionals',
    priceCents: 150_000,
    attributes: { color: 'gray' },
  },
  {
    key: 'loveseat-hal',
    title: 'Hal Loveseat',
    category: 'Sofas',
    cls: 'Loveseats',
    priceCents: 60_000,
    attributes: { color: 'blue' },
  },
  ...['Iris', 'Jun', 'Kai', 'Lev'].map((n, i) => ({
    key: `table-${n.toLowerCase()}`,
    title: `${n} Coffee Table`,
    category: 'Coffee Tables',
    cls: 'Coffee Tables',
    priceCents: 20_000 + i * 3_000,
    attributes: { material: 'oak' },
  })),
  ...['Mo', 'Nia', 'Oz', 'Pia'].map((n, i) => ({
    key: `lamp-${n.toLowerCase()}`,
    title: `${n} Floor Lamp`,
    category: 'Floor Lamps',
    cls: 'Floor Lamps',
    priceCents: 9_000 + i * 1_000,
    attributes: { finish: 'brass' },
  })),
];

/** Creates the products; returns key → product id. */
export async function seedLivingRoom(
  db: Db,
  products: FixtureProduct[] = LIVING_ROOM,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const p of products) {
    const id = newId('prod');
    ids[p.key] = id;
    await db.product.create({
      data: {
        id,
        slug: `${p.key}-${id.slice(-6).toLowerCase()}`,
        title: p.title,
        classes: [p.cls],
        categoryPath: ['Furniture', p.category],
        attributes: p.attributes ?? {},
        status: p.status ?? 'active',
        ratingAvg: 4,
        reviewCount: 10,
        variants: {
          create: [{ id: newId('var'), sku: `SKU-${id}`, priceCents: p.priceCents, stockOnHand: p.stock ?? 5 }],
        },
      },
    });
  }
  return ids;
}

let seq = 0;
/** Shopper events at given times: [sessionKey, name, productId(s), ts]. */
export async function logEvents(db: Db, rows: [string, string, string | string[], number][]) {
  await insertEvents(
    db,
    rows.map(([sessionKey, name, pid, ts]) => ({
      id: `evt_fixture_${++seq}_${ts}`,
      name,
      ts,
      data: Array.isArray(pid) ? { sessionKey, productIds: pid } : { sessionKey, productId: pid },
    })),
    { source: 'storefront', processed: true },
  );
}
