import type { Db } from '@/server/db/client';

export type CandidateDoc = {
  productId: string;
  slug: string;
  title: string;
  titleNorm: string;
  category: string | null;
  leafCategory: string | null;
  categoryPath: string[];
  classes: string[];
  color: string[];
  material: string[];
  priceCents: number;
  ratingAvg: number | null;
  reviewCount: number;
  inStock: boolean;
  popularity: number;
  productCreatedAt: Date;
};

export async function loadCandidateDocs(db: Db, ids: string[]): Promise<Map<string, CandidateDoc>> {
  if (ids.length === 0) return new Map();
  const rows = await db.searchDocument.findMany({
    where: { productId: { in: ids } },
    select: {
      productId: true,
      slug: true,
      title: true,
      titleNorm: true,
      category: true,
      leafCategory: true,
      categoryPath: true,
      classes: true,
      facets: true,
      priceCents: true,
      ratingAvg: true,
      reviewCount: true,
      inStock: true,
      popularity: true,
      productCreatedAt: true,
    },
  });
  return new Map(
    rows.map(({ facets, ...r }) => {
      const f = (facets ?? {}) as { color?: string[]; material?: string[] };
      return [r.productId, { ...r, color: f.color ?? [], material: f.material ?? [] }];
    }),
  );
}
