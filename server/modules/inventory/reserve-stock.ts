import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { availableStock } from './available-stock';
import { reservationTtlMs } from './inventory-config';
import { OutOfStockError } from './inventory-errors';

export type ReserveLine = { variantId: string; sku: string; quantity: number };

/**
 * Creates the counter rows a reservation updates, outside any transaction (autocommit), so
 * that concurrent first orders of a variant do not queue on each other's uncommitted insert.
 */
export async function ensureInventoryLevels(db: Db, variantIds: string[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO inventory_levels (variant_id, reserved, updated_at)
    SELECT id, 0, now() FROM unnest(${variantIds}::text[]) AS id
    ON CONFLICT (variant_id) DO NOTHING`;
}

/**
 * Reserves every line for an order, inside the caller's transaction: any line short throws
 * OutOfStockError and the caller's rollback undoes the lines already reserved.
 *
 * One conditional UPDATE per line, no read-then-write: the CTE locks the variant row first
 * (so concurrent reservations and stock commits of one variant queue up) and the UPDATE only
 * succeeds while stock_on_hand − reserved still covers the quantity. Lines are taken in
 * variant-id order so two orders sharing variants cannot deadlock. Call
 * ensureInventoryLevels first.
 */
export async function reserveStock(
  tx: Db,
  input: { orderId: string; lines: ReserveLine[]; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + reservationTtlMs());
  const lines = [...input.lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
  for (const line of lines) {
    // The reservation row first (no lock needed), so the variant lock taken next is held
    // for as few round trips as possible before the caller commits.
    await tx.$executeRaw`
      INSERT INTO inventory_reservations (id, order_id, variant_id, quantity, status, expires_at, created_at)
      VALUES (${newId('res')}, ${input.orderId}, ${line.variantId}, ${line.quantity}::int, 'active', ${expiresAt}, ${now})`;
    await takeUnits(tx, line);
  }
}

/**
 * Counts a line's units as reserved under the variant's row lock, only while stock covers
 * them; otherwise an out-of-stock error naming the line (the caller's transaction rolls back).
 */
export async function takeUnits(tx: Db, line: { variantId: string; sku: string; quantity: number }): Promise<void> {
  const updated = await tx.$queryRaw<{ reserved: number }[]>`
    WITH v AS (SELECT id, stock_on_hand FROM product_variants WHERE id = ${line.variantId} FOR NO KEY UPDATE)
    UPDATE inventory_levels l SET reserved = l.reserved + ${line.quantity}::int, updated_at = now()
    FROM v
    WHERE l.variant_id = v.id AND v.stock_on_hand - l.reserved >= ${line.quantity}::int
    RETURNING l.reserved`;
  if (updated.length === 0) {
    const available = (await availableStock(tx, [line.variantId])).get(line.variantId) ?? 0;
    throw new OutOfStockError(line.sku, line.quantity, available);
  }
}
