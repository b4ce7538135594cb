// Search filters as a SQL condition over search_documents (alias d), shared by both
// retrievers so filtering happens inside retrieval, not after it (keeps recall).
import { Prisma } from '@/server/db/generated/client';
import type { SearchFilters } from './search.schema';

export function filtersSql(f: SearchFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.category?.length) parts.push(Prisma.sql`d.category_path && ${f.category}::text[]`);
  if (f.class?.length) parts.push(Prisma.sql`d.classes && ${f.class}::text[]`);
  if (f.color?.length) parts.push(Prisma.sql`(d.facets->'color') ?| ${f.color}::text[]`);
  if (f.material?.length) parts.push(Prisma.sql`(d.facets->'material') ?| ${f.material}::text[]`);
  if (f.priceMin !== undefined) parts.push(Prisma.sql`d.price_cents >= ${f.priceMin}`);
  if (f.priceMax !== undefined) parts.push(Prisma.sql`d.price_cents <= ${f.priceMax}`);
  if (f.ratingMin !== undefined) parts.push(Prisma.sql`d.rating_avg >= ${f.ratingMin}`);
  if (f.inStock) parts.push(Prisma.sql`d.in_stock`);
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`;
}
