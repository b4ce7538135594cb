import type { Prisma } from '@/server/db/generated/client';

/** What a product card shows; the one select every list query uses. */
export const productSummarySelect = {
  id: true,
  slug: true,
  title: true,
  categoryPath: true,
  ratingAvg: true,
  reviewCount: true,
  variants: {
    select: { id: true, sku: true, priceCents: true, currency: true, stockOnHand: true },
    orderBy: { priceCents: 'asc' },
  },
} satisfies Prisma.ProductSelect;

export type ProductSummaryRow = Prisma.ProductGetPayload<{ select: typeof productSummarySelect }>;

export type ProductSummary = {
  id: string;
  slug: string;
  title: string;
  category: string | null;
  priceCents: number;
  currency: string;
  inStock: boolean;
  ratingAvg: number | null;
  reviewCount: number;
};

export function toSummary(row: ProductSummaryRow): ProductSummary {
  const cheapest = row.variants[0];
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    category: row.categoryPath.at(-1) ?? null,
    priceCents: cheapest?.priceCents ?? 0,
    currency: cheapest?.currency ?? 'USD',
    inStock: row.variants.some((v) => v.stockOnHand > 0),
    ratingAvg: row.ratingAvg,
    reviewCount: row.reviewCount,
  };
}
