import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { productSummarySelect, toSummary } from './product-summary';

export type ProductDetail = Awaited<ReturnType<typeof getProductBySlug>>;

export async function getProductBySlug(db: Db, slug: string) {
  const product = await db.product.findFirst({
    where: { slug, status: 'active' },
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
      variants: {
        select: { id: true, sku: true, title: true, priceCents: true, currency: true, stockOnHand: true },
        orderBy: { priceCents: 'asc' },
      },
    },
  });
  if (!product) throw new NotFoundError('product', slug);
  const related = await db.product.findMany({
    where: {
      status: 'active',
      id: { not: product.id },
      ...(product.categoryPath.length ? { categoryPath: { has: product.categoryPath.at(-1)! } } : {}),
    },
    select: productSummarySelect,
    orderBy: { id: 'desc' },
    take: 4,
  });
  const attributes = Object.entries((product.attributes ?? {}) as Record<string, unknown>)
    .filter(([key]) => key !== 'source_name')
    .map(([key, value]) => ({ key, value: String(value) }));
  return { ...product, attributes, related: related.map(toSummary) };
}
