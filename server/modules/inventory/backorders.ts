// Back-orders (issue #7): a product may be set to sell beyond its stock. Its reservations may
// take available stock below zero (the placement statement, place-order-statements.ts, lets
// the counter pass stock only for such products); the units beyond stock are recorded per
// order line (order_line_backorders) and ship when the variant is restocked, which announces
// itself with inventory/variant.restocked.
import { z } from 'zod';
import { inventoryRestocked } from '@/inngest/events';
import { send } from '@/inngest/send';
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { NotFoundError } from '@/server/errors';

export const setAllowBackorderInput = z.object({
  productId: z.string().min(1).max(64),
  allowBackorder: z.boolean(),
});
export type SetAllowBackorderInput = z.input<typeof setAllowBackorderInput>;

/** Turns back-orders on or off for a product (all its variants); audited when staff change it. */
export async function setAllowBackorder(
  db: Db,
  raw: SetAllowBackorderInput,
  who: { actor: string; requestId?: string | null } | null = null,
): Promise<{ productId: string; allowBackorder: boolean }> {
  const input = setAllowBackorderInput.parse(raw);
  const product = await db.product.findUnique({ where: { id: input.productId }, select: { id: true } });
  if (!product) throw new NotFoundError('product', input.productId);
  await withTx(db, async (tx) => {
    const before = await tx.productBackorder.findUnique({ where: { productId: input.productId } });
    await tx.productBackorder.upsert({
      where: { productId: input.productId },
      create: { productId: input.productId, allowBackorder: input.allowBackorder },
      update: { allowBackorder: input.allowBackorder, updatedAt: new Date() },
    });
    if (who && (before?.allowBackorder ?? false) !== input.allowBackorder)
      await recordAudit(tx, {
        actor: who.actor,
        action: 'catalog.product.backorders',
        entity: 'product',
        entityId: input.productId,
        before: { allowBackorder: before?.allowBackorder ?? false },
        after: { allowBackorder: input.allowBackorder },
        requestId: who.requestId ?? null,
      });
  });
  return { productId: input.productId, allowBackorder: input.allowBackorder };
}

/**
 * Many products' settings at once, in the caller's transaction (the catalog import's
 * allow_backorder column). Not audited per product: the import itself is the record.
 * The last entry for a product wins.
 */
export async function applyBackorderSettings(db: Db, entries: { productId: string; allowBackorder: boolean }[]): Promise<number> {
  const byProduct = new Map(entries.map((e) => [e.productId, e.allowBackorder]));
  if (byProduct.size === 0) return 0;
  return db.$executeRaw`
    INSERT INTO product_backorders (product_id, allow_backorder, updated_at)
    SELECT x.product_id, x.allow_backorder, now()
    FROM unnest(${[...byProduct.keys()]}::text[], ${[...byProduct.values()]}::boolean[]) AS x(product_id, allow_backorder)
    ON CONFLICT (product_id) DO UPDATE SET allow_backorder = EXCLUDED.allow_backorder, updated_at = now()
    WHERE product_backorders.allow_backorder IS DISTINCT FROM EXCLUDED.allow_backorder`;
}

/** Which of these products take back-orders (absent: no). */
export async function backorderSettings(db: Db, productIds: string[]): Promise<Map<string, boolean>> {
  if (!productIds.length) return new Map();
  const rows = await db.productBackorder.findMany({ where: { productId: { in: productIds } } });
  return new Map(rows.map((r) => [r.productId, r.allowBackorder]));
}

/**
 * Back-ordered units of a variant still waiting for stock: on orders that are still open (not
 * cancelled, refunded or fulfilled), less the units a restock already allocated to them.
 */
export async function openBackorderedUnits(db: Db, variantId: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT COALESCE(sum(b.quantity - COALESCE((SELECT sum(a.quantity) FROM backorder_allocations a WHERE a.order_line_id = b.order_line_id), 0)), 0)::int AS n
    FROM order_line_backorders b JOIN orders o ON o.id = b.order_id
    WHERE b.variant_id = ${variantId} AND o.status NOT IN ('cancelled', 'refunded', 'fulfilled')`;
  return rows[0]?.n ?? 0;
}

/**
 * The inventory update path calls this after a variant's stock went from `before` to `after`:
 * a rise is announced (inventory/variant.restocked) with the back-ordered units waiting for it.
 * Returns whether an event was sent.
 */
export async function announceRestock(
  db: Db,
  change: { variantId: string; productId: string; before: number; after: number },
): Promise<boolean> {
  if (change.after <= change.before) return false;
  const backorderedUnits = await openBackorderedUnits(db, change.variantId);
  await send(
    inventoryRestocked.create(
      { variantId: change.variantId, productId: change.productId, stockOnHand: change.after, addedUnits: change.after - change.before, backorderedUnits },
      { id: `restocked-${change.variantId}-${change.after}-${Date.now()}` },
    ),
  );
  return true;
}
