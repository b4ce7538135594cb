import type { Db } from '@/server/db/client';
import { listProductsInput, type ListProductsInput } from './list-products.schema';
import { productSummarySelect, toSummary, type ProductSummary } from './product-summary';

export type ProductPage = { items: ProductSummary[]; nextCursor: string | null; total: number };

/** Active products, newest first (ids are time-sortable), keyset-paginated by id. */
export async function listProducts(db: Db, input: ListProductsInput): Promise<ProductPage> {
  const { category, cursor, limit } = listProductsInput.parse(input);
  const where = {
    status: 'active' as const,
    ...(category ? { categoryPath: { has: category } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.product.findMany({
      where: cursor ? { ...where, id: { lt: cursor } } : where,
      select: productSummarySelect,
      orderBy: { id: 'desc' },
      take: limit + 1,
    }),
    db.product.count({ where }),
  ]);
  const page = rows.slice(0, limit);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    total,
  };
}

export type CategoryCount = { name: string; count: number };
export type CatalogOverview = { activeProducts: number; categories: CategoryCount[] };

/** Active products in all, and per top-level category (largest first). */
export async function getCatalogOverview(db: Db): Promise<CatalogOverview> {
  const [activeProducts, rows] = await Promise.all([
    db.product.count({ where: { status: 'active' } }),
    db.$queryRaw<{ name: string; count: bigint }[]>`
      SELECT category_path[1] AS name, count(*) AS count
      FROM products
      WHERE status = 'active' AND cardinality(category_path) > 0
      GROUP BY 1 ORDER BY 2 DESC, 1`,
  ]);
  return { activeProducts, categories: rows.map((r) => ({ name: r.name, count: Number(r.count) })) };
}
