import { withTx, type Db } from '@/server/db/client';
import { holdReservations } from './release-stock';
import { reserveStock, type ReserveLine } from './reserve-stock';

/**
 * The exception flow's stock check: an order keeps its units until capture or cancel. If its
 * reservation lapsed meanwhile (a slow review outlived the expiry), reserve again — or throw
 * OutOfStockError so the flow compensates. Clears the expiry either way. Idempotent.
 */
export async function ensureOrderReserved(db: Db, orderId: string, lines: ReserveLine[]): Promise<'held' | 'reserved_again'> {
  return withTx(db, async (tx) => {
    const active = await tx.$queryRaw<{ variant_id: string }[]>`
      SELECT variant_id FROM inventory_reservations WHERE order_id = ${orderId} AND status IN ('active', 'committed')`;
    const have = new Set(active.map((r) => r.variant_id));
    const missing = lines.filter((l) => !have.has(l.variantId));
    if (missing.length > 0) await reserveStock(tx, { orderId, lines: missing });
    await holdReservations(tx, orderId);
    return missing.length > 0 ? 'reserved_again' : 'held';
  });
}
