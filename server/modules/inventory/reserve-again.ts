import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { takeUnits, type ReserveLine } from './reserve-stock';

/**
 * Reserves a cancelled order's lines again (an appeal reinstated it), inside the caller's
 * transaction: its released reservation rows become active again — a row per order and
 * variant is unique — and each counter moves with the same conditional UPDATE reserveStock
 * uses, so a line short throws OutOfStockError and the caller's rollback undoes the rest.
 * A line still held is left alone. `expiresAt` is when an unpaid reinstatement lets go.
 * Call ensureInventoryLevels first.
 */
export async function reserveAgain(tx: Db, input: { orderId: string; lines: ReserveLine[]; expiresAt: Date }): Promise<number> {
  const lines = [...input.lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
  let units = 0;
  for (const line of lines) {
    const taken = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO inventory_reservations (id, order_id, variant_id, quantity, status, expires_at, created_at)
      VALUES (${newId('res')}, ${input.orderId}, ${line.variantId}, ${line.quantity}::int, 'active', ${input.expiresAt}, now())
      ON CONFLICT (order_id, variant_id) DO UPDATE
        SET quantity = EXCLUDED.quantity, status = 'active', expires_at = EXCLUDED.expires_at, released_at = NULL, committed_at = NULL
        WHERE inventory_reservations.status = 'released'
      RETURNING id`;
    if (taken.length === 0) continue;
    await takeUnits(tx, line);
    units += line.quantity;
  }
  return units;
}
