import type { Db } from '@/server/db/client';

/**
 * Gives an order's held units back (cancel, payment failure, expiry). Idempotent: only
 * active reservations flip to released, in the same statement that lowers the counter, so a
 * second or concurrent call releases nothing. Returns the units released.
 */
export async function releaseReservations(db: Db, orderId: string): Promise<number> {
  const rows = await db.$queryRaw<{ quantity: number }[]>`
    WITH r AS (
      UPDATE inventory_reservations SET status = 'released', released_at = now()
      WHERE order_id = ${orderId} AND status = 'active'
      RETURNING variant_id, quantity
    )
    UPDATE inventory_levels l SET reserved = l.reserved - r.quantity, updated_at = now()
    FROM r WHERE l.variant_id = r.variant_id
    RETURNING r.quantity`;
  return rows.reduce((n, r) => n + r.quantity, 0);
}

/** Payment authorised: the order keeps its units until capture or cancel, so expiry no longer applies. */
export async function holdReservations(db: Db, orderId: string): Promise<void> {
  await db.$executeRaw`UPDATE inventory_reservations SET expires_at = NULL WHERE order_id = ${orderId} AND status = 'active'`;
}
