import type { Db } from '@/server/db/client';

export type IndexableProduct = {
  id: string;
  slug: string;
  title: string;
  description: string;
  classes: string[];
  categoryPath: string[];
  attributes: Record<string, unknown>;
  ratingAvg: number | null;
  reviewCount: number;
  status: 'draft' | 'active' | 'archived';
  createdAt: Date;
  priceCents: number;
  inStock: boolean;
};

/**
 * What other modules (search, recommendations) may index about products, a page at a
 * time in id order. They call this instead of reading catalog tables.
 */
export async function listProductsForIndex(
  db: Db,
  opts: { afterId?: string; limit?: number; ids?: string[]; updatedAfter?: Date } = {},
): Promise<IndexableProduct[]> {
  const rows = await db.product.findMany({
    where: {
      ...(opts.ids ? { id: { in: opts.ids } } : {}),
      ...(opts.afterId ? { id: { gt: opts.afterId } } : {}),
      ...(opts.updatedAfter ? { updatedAt: { gt: opts.updatedAfter } } : {}),
    },
    orderBy: { id: 'asc' },
    take: opts.limit ?? 1000,
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      classes: true,
      categoryPath: true,
      attributes: true,
      ratingAvg: true,
      reviewCount: true,
      status: true,
      createdAt: true,
      variants: { select: { priceCents: true, stockOnHand: true } },
    },
  });
  return rows.map(({ variants, attributes, ...p }) => ({
    ...p,
    attributes: (attributes ?? {}) as Record<string, unknown>,
    priceCents: variants.reduce((min, v) => Math.min(min, v.priceCents), Number.POSITIVE_INFINITY) || 0,
    inStock: variants.some((v) => v.stockOnHand > 0),
  }));
}
