import { withTx, type Db } from '@/server/db/client';

/**
 * Payment captured: the reserved units leave the shelf. This is the one place that writes
 * product_variants.stock_on_hand after the catalog import (the catalog owns the column, the
 * inventory module owns every change a sale makes to it). Idempotent: only active
 * reservations commit. Variant rows are locked before the counters, in id order, the same
 * order reserveStock takes them, so the two cannot deadlock. Returns the units committed.
 */
export async function commitReservations(db: Db, orderId: string): Promise<number> {
  return withTx(db, async (tx) => {
    const rows = await tx.$queryRaw<{ variant_id: string; quantity: number }[]>`
      UPDATE inventory_reservations SET status = 'committed', committed_at = now(), expires_at = NULL
      WHERE order_id = ${orderId} AND status = 'active'
      RETURNING variant_id, quantity`;
    rows.sort((a, b) => (a.variant_id < b.variant_id ? -1 : 1));
    for (const r of rows) {
      await tx.$executeRaw`UPDATE product_variants SET stock_on_hand = stock_on_hand - ${r.quantity}::int, updated_at = now() WHERE id = ${r.variant_id}`;
      await tx.$executeRaw`UPDATE inventory_levels SET reserved = reserved - ${r.quantity}::int, updated_at = now() WHERE variant_id = ${r.variant_id}`;
    }
    return rows.reduce((n, r) => n + r.quantity, 0);
  });
}
