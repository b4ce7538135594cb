import type { Db } from '@/server/db/client';

/** Available = on hand (catalog's product_variants.stock_on_hand) − units held by active reservations. */
export async function availableStock(db: Db, variantIds: string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; available: number }[]>`
    SELECT v.id, (v.stock_on_hand - COALESCE(l.reserved, 0))::int AS available
    FROM product_variants v LEFT JOIN inventory_levels l ON l.variant_id = v.id
    WHERE v.id = ANY(${variantIds}::text[])`;
  return new Map(rows.map((r) => [r.id, Math.max(0, r.available)]));
}
