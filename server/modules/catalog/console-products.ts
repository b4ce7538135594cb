// Console → Catalog: every product (active and hidden), filtered All / Active / Hidden / Out of
// stock with a count per filter, and hiding or showing products one at a time or in bulk.
// Hidden = draft: search drops it from its index and recommendations skip it (both read only
// active products); showing it again re-indexes it (catalog/product.updated per product).
import { catalogProductUpdated } from '@/inngest/events';
import { send } from '@/inngest/send';
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { NotFoundError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import {
  listConsoleProductsInput,
  setProductsHiddenInput,
  type CatalogFilter,
  type ListConsoleProductsInput,
  type SetProductsHiddenInput,
} from './console-products.schema';

export type ConsoleProduct = {
  id: string;
  slug: string;
  title: string;
  category: string | null;
  status: 'draft' | 'active' | 'archived';
  hidden: boolean;
  skus: string[];
  variantCount: number;
  minPriceCents: number;
  currency: string;
  stock: number;
};

export type ConsoleProductPage = {
  items: ConsoleProduct[];
  filter: CatalogFilter;
  q: string;
  page: number;
  pages: number;
  total: number;
  counts: Record<CatalogFilter, number>;
};

/** Out of stock: no variant with stock on hand (a product without variants counts as out). */
const OUT_OF_STOCK: Prisma.ProductWhereInput = { variants: { none: { stockOnHand: { gt: 0 } } } };
const WHERE: Record<CatalogFilter, Prisma.ProductWhereInput> = {
  all: {},
  active: { status: 'active' },
  hidden: { status: { not: 'active' } },
  out_of_stock: OUT_OF_STOCK,
};

function search(q: string): Prisma.ProductWhereInput {
  if (!q) return {};
  return {
    OR: [
      { title: { contains: q, mode: 'insensitive' } },
      { variants: { some: { sku: { contains: q, mode: 'insensitive' } } } },
    ],
  };
}

export async function listConsoleProducts(db: Db, raw: ListConsoleProductsInput): Promise<ConsoleProductPage> {
  const input = listConsoleProductsInput.parse(raw);
  const base = search(input.q);
  const and = (w: Prisma.ProductWhereInput): Prisma.ProductWhereInput => ({ AND: [base, w] });
  const [all, active, hidden, outOfStock] = await Promise.all(
    (['all', 'active', 'hidden', 'out_of_stock'] as const).map((f) => db.product.count({ where: and(WHERE[f]) })),
  );
  const counts: Record<CatalogFilter, number> = { all: all!, active: active!, hidden: hidden!, out_of_stock: outOfStock! };
  const total = counts[input.filter];
  const pages = Math.max(1, Math.ceil(total / input.pageSize));
  const page = Math.min(input.page, pages);
  const rows = await db.product.findMany({
    where: and(WHERE[input.filter]),
    orderBy: { id: 'desc' },
    skip: (page - 1) * input.pageSize,
    take: input.pageSize,
    select: {
      id: true,
      slug: true,
      title: true,
      categoryPath: true,
      status: true,
      variants: { select: { sku: true, priceCents: true, currency: true, stockOnHand: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  return {
    items: rows.map((p) => {
      const cheapest = [...p.variants].sort((a, b) => a.priceCents - b.priceCents)[0];
      return {
        id: p.id,
        slug: p.slug,
        title: p.title,
        category: p.categoryPath.at(-1) ?? null,
        status: p.status,
        hidden: p.status !== 'active',
        skus: p.variants.map((v) => v.sku),
        variantCount: p.variants.length,
        minPriceCents: cheapest?.priceCents ?? 0,
        currency: cheapest?.currency ?? 'USD',
        stock: p.variants.reduce((s, v) => s + Math.max(0, v.stockOnHand), 0),
      };
    }),
    filter: input.filter,
    q: input.q,
    page,
    pages,
    total,
    counts,
  };
}

/**
 * Hides (draft) or shows (active) the given products; ones already so are left alone. Unknown
 * ids are refused before anything changes. Audited per product; each changed product is
 * re-indexed by search (removed when hidden, back when shown).
 */
export async function setProductsHidden(
  db: Db,
  actor: { id: string; email: string },
  raw: SetProductsHiddenInput,
): Promise<{ changed: string[]; unchanged: string[] }> {
  const input = setProductsHiddenInput.parse(raw);
  const ids = [...new Set(input.productIds)];
  const changed = await withTx(db, async (tx) => {
    const found = await tx.product.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, title: true } });
    const missing = ids.find((id) => !found.some((p) => p.id === id));
    if (missing) throw new NotFoundError('product', missing);
    const target = input.hidden ? ('draft' as const) : ('active' as const);
    const toChange = found.filter((p) => (input.hidden ? p.status === 'active' : p.status !== 'active'));
    if (toChange.length === 0) return [];
    await tx.product.updateMany({ where: { id: { in: toChange.map((p) => p.id) } }, data: { status: target } });
    // Like a console edit: the product now differs from its file, so the next import re-applies the file.
    await tx.catalogImportedSku.deleteMany({ where: { productId: { in: toChange.map((p) => p.id) } } });
    for (const p of toChange)
      await recordAudit(tx, {
        actor: actor.email,
        action: input.hidden ? 'catalog.product.hide' : 'catalog.product.unhide',
        entity: 'product',
        entityId: p.id,
        before: { title: p.title, status: p.status },
        after: { title: p.title, status: target },
      });
    return toChange.map((p) => p.id);
  });
  const at = Date.now();
  for (const productId of changed)
    await send(catalogProductUpdated.create({ productId }, { id: `product-visibility-${productId}-${at}` }));
  return { changed, unchanged: ids.filter((id) => !changed.includes(id)) };
}
