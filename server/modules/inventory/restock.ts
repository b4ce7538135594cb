import { withTx, type Db } from '@/server/db/client';

/**
 * Money went back before the goods left (a refund of an unfulfilled order): the units the
 * capture committed return to the shelf. Committed reservations flip to released in the same
 * statement that restocks them, so a repeat restocks nothing. Returns the units restocked.
 */
export async function restockOrder(db: Db, orderId: string): Promise<number> {
  return withTx(db, async (tx) => {
    const rows = await tx.$queryRaw<{ variant_id: string; quantity: number }[]>`
      UPDATE inventory_reservations SET status = 'released', released_at = now()
      WHERE order_id = ${orderId} AND status = 'committed'
      RETURNING variant_id, quantity`;
    rows.sort((a, b) => (a.variant_id < b.variant_id ? -1 : 1));
    for (const r of rows) {
      await tx.$executeRaw`UPDATE product_variants SET stock_on_hand = stock_on_hand + ${r.quantity}::int, updated_at = now() WHERE id = ${r.variant_id}`;
    }
    return rows.reduce((n, r) => n + r.quantity, 0);
  });
}
