import type { Db } from '@/server/db/client';

/** Orders holding at least one reservation past its expiry (only pending-payment orders have one). */
export async function ordersWithExpiredReservations(db: Db, opts: { now?: Date; limit?: number } = {}): Promise<string[]> {
  const rows = await db.$queryRaw<{ order_id: string }[]>`
    SELECT DISTINCT order_id FROM inventory_reservations
    WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at < ${opts.now ?? new Date()}
    LIMIT ${opts.limit ?? 500}`;
  return rows.map((r) => r.order_id);
}
