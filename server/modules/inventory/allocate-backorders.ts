// Back-orders ship on restock (issue #7): the units a restock adds go to the open back-ordered
// lines of the variant, oldest order first. The units that can be allocated are computed from
// the state, not from the event: the variant's shortfall (units reserved beyond stock,
// −(stock − reserved) when negative) is what is still uncovered, so every open back-ordered
// unit beyond the shortfall has stock behind it. A duplicate or late event therefore finds
// nothing more to allocate, and the event id is claimed too (backorder_restocks), so a repeat
// is recognised and returns what the first delivery did. Concurrent restocks of one variant
// queue on the variant row lock (the lock the placement statement and stock commits take).
import { z } from 'zod';
import { withTx, type Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';

export const allocateBackordersInput = z.object({
  variantId: z.string().min(1).max(64),
  /** The restock event's id: one allocation per event. */
  eventId: z.string().min(1).max(200),
});
export type AllocateBackordersInput = z.input<typeof allocateBackordersInput>;

export type OrderAllocation = {
  orderId: string;
  sku: string;
  /** Units of this variant allocated to the order by this restock. */
  allocatedUnits: number;
  /** Back-ordered units of the order (all its lines) still waiting after it. */
  openUnits: number;
};

export type BackorderAllocationResult = {
  variantId: string;
  eventId: string;
  /** True when this event was handled before: nothing new was allocated. */
  duplicate: boolean;
  allocatedUnits: number;
  /** Orders this event allocated to, oldest first. */
  orders: OrderAllocation[];
};

/** Orders in these states no longer wait for stock. */
const CLOSED = ['cancelled', 'refunded', 'fulfilled'];

export async function allocateBackorders(db: Db, raw: AllocateBackordersInput): Promise<BackorderAllocationResult> {
  const { variantId, eventId } = allocateBackordersInput.parse(raw);
  return withTx(db, async (tx) => {
    const claimed = await tx.$queryRaw<{ event_id: string }[]>`
      INSERT INTO backorder_restocks (event_id, variant_id, allocated_units, created_at)
      VALUES (${eventId}, ${variantId}, 0, now())
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id`;
    if (claimed.length === 0) return { ...(await allocationsOf(tx, eventId, variantId)), duplicate: true };

    // The variant lock first, in its own statement: the next statement's snapshot then
    // includes whatever the previous holder (another restock, a placement) committed.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM product_variants WHERE id = ${variantId} FOR NO KEY UPDATE`;
    if (locked.length === 0) return { variantId, eventId, duplicate: false, allocatedUnits: 0, orders: [] };

    // One statement, one snapshot: the shortfall and the open lines are read together (a
    // cancel committing in between cannot be half seen), then the budget is handed out FIFO.
    const taken = await tx.$queryRaw<{ order_id: string; quantity: number }[]>`
      WITH lvl AS (
        SELECT (v.stock_on_hand - COALESCE(l.reserved, 0))::int AS available
        FROM product_variants v LEFT JOIN inventory_levels l ON l.variant_id = v.id
        WHERE v.id = ${variantId}
      ),
      open AS (
        SELECT b.order_line_id, b.order_id, o.created_at,
               (b.quantity - COALESCE((SELECT sum(a.quantity) FROM backorder_allocations a WHERE a.order_line_id = b.order_line_id), 0))::int AS open_units
        FROM order_line_backorders b JOIN orders o ON o.id = b.order_id
        WHERE b.variant_id = ${variantId} AND o.status::text <> ALL(${CLOSED}::text[])
      ),
      budget AS (
        SELECT GREATEST(0, COALESCE((SELECT sum(open_units) FROM open WHERE open_units > 0), 0)
                           - GREATEST(0, -(SELECT available FROM lvl)))::int AS units
      ),
      fifo AS (
        SELECT order_line_id, order_id, open_units,
               (sum(open_units) OVER (ORDER BY created_at, order_id, order_line_id) - open_units)::int AS before
        FROM open WHERE open_units > 0
      ),
      ins AS (
        INSERT INTO backorder_allocations (event_id, order_line_id, order_id, variant_id, quantity, created_at)
        SELECT ${eventId}, f.order_line_id, f.order_id, ${variantId}, LEAST(f.open_units, GREATEST(0, budget.units - f.before)), now()
        FROM fifo f, budget
        WHERE budget.units - f.before > 0
        RETURNING order_id, quantity
      )
      SELECT order_id, sum(quantity)::int AS quantity FROM ins GROUP BY order_id`;
    const units = taken.reduce((n, t) => n + t.quantity, 0);
    if (units === 0) return { variantId, eventId, duplicate: false, allocatedUnits: 0, orders: [] };
    await tx.$executeRaw`UPDATE backorder_restocks SET allocated_units = ${units}::int WHERE event_id = ${eventId}`;

    const result = await allocationsOf(tx, eventId, variantId);
    // Each order's timeline says what arrived and what is still waiting; the status stays
    // where it is (paid is already "ready to fulfil" in the state machine once nothing waits).
    const now = new Date();
    for (const o of result.orders) {
      const [status] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM orders WHERE id = ${o.orderId}`;
      const tail = o.openUnits > 0 ? `${o.openUnits} unit${o.openUnits === 1 ? '' : 's'} still back-ordered` : 'nothing left on back-order, ready to fulfil';
      await tx.$executeRaw`
        INSERT INTO order_events (id, order_id, from_status, to_status, reason, actor, created_at)
        VALUES (${newId('oev')}, ${o.orderId}, ${status!.status}::order_status, ${status!.status}::order_status,
                ${`back-order allocated: ${o.sku} × ${o.allocatedUnits}; ${tail}`}, 'inventory', ${now})`;
    }
    return { ...result, duplicate: false };
  });
}

/** What an event allocated, per order (oldest first), with each order's back-ordered units still open. */
async function allocationsOf(db: Db, eventId: string, variantId: string): Promise<Omit<BackorderAllocationResult, 'duplicate'>> {
  const rows = await db.$queryRaw<{ order_id: string; sku: string; allocated: number; open_units: number }[]>`
    SELECT a.order_id, min(l.sku) AS sku, sum(a.quantity)::int AS allocated,
           (SELECT COALESCE(sum(b.quantity), 0) - COALESCE((SELECT sum(x.quantity) FROM backorder_allocations x WHERE x.order_id = a.order_id), 0)
            FROM order_line_backorders b WHERE b.order_id = a.order_id)::int AS open_units
    FROM backorder_allocations a JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = a.order_id
    WHERE a.event_id = ${eventId}
    GROUP BY a.order_id, o.created_at
    ORDER BY o.created_at, a.order_id`;
  const orders = rows.map((r) => ({ orderId: r.order_id, sku: r.sku, allocatedUnits: r.allocated, openUnits: r.open_units }));
  return { variantId, eventId, allocatedUnits: orders.reduce((n, o) => n + o.allocatedUnits, 0), orders };
}

/** Allocated back-ordered units per order line (for the order views). */
export async function allocatedBackorderUnits(db: Db, orderId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ order_line_id: string; n: number }[]>`
    SELECT order_line_id, sum(quantity)::int AS n FROM backorder_allocations WHERE order_id = ${orderId} GROUP BY order_line_id`;
  return new Map(rows.map((r) => [r.order_line_id, r.n]));
}
