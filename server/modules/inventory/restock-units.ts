import { withTx, type Db } from '@/server/db/client';

/**
 * Returned units go back on the shelf (a partial refund with restock). Each line takes its
 * units off the order's committed reservation in the same statement that reads it, so the
 * units a capture took can come back at most once, however refunds and restockOrder
 * interleave: restockOrder later restocks only what is still committed. Variant rows are
 * written in id order (the order reserveStock and commitReservations lock them). Returns
 * the units restocked per variant (a line the order never committed restocks 0).
 */
export async function restockUnits(
  db: Db,
  orderId: string,
  lines: { variantId: string; quantity: number }[],
): Promise<Map<string, number>> {
  return withTx(db, async (tx) => {
    const out = new Map<string, number>();
    const sorted = [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
    for (const line of sorted) {
      const rows = await tx.$queryRaw<{ n: number }[]>`
        WITH r AS (
          SELECT id, quantity FROM inventory_reservations
          WHERE order_id = ${orderId} AND variant_id = ${line.variantId} AND status = 'committed'
          FOR UPDATE
        )
        UPDATE inventory_reservations t SET quantity = t.quantity - LEAST(${line.quantity}::int, r.quantity)
        FROM r WHERE t.id = r.id
        RETURNING LEAST(${line.quantity}::int, r.quantity)::int AS n`;
      const n = rows[0]?.n ?? 0;
      if (n > 0)
        await tx.$executeRaw`UPDATE product_variants SET stock_on_hand = stock_on_hand + ${n}::int, updated_at = now() WHERE id = ${line.variantId}`;
      out.set(line.variantId, n);
    }
    return out;
  });
}
