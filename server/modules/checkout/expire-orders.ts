import { withTx, type Db } from '@/server/db/client';
import { ordersWithExpiredReservations } from '@/server/modules/inventory/expired-reservations';
import { holdReservations, releaseReservations } from '@/server/modules/inventory/release-stock';
import { revokeDiscounts } from '@/server/modules/pricing/price-cart';
import { lockOrder, transitionOrder } from './transition-order';

/**
 * The cron behind `expire-reservations`: an order still pending payment when its reservation
 * expires is cancelled and its stock released (its payment never completed). An order that
 * has moved on keeps its stock (its expiry is simply cleared). Safe to run concurrently.
 * The cancelled ids are returned so the caller can release any authorisation the provider
 * made before the process died (releaseMoneyOnCancelledOrder).
 */
export async function expireReservations(
  db: Db,
  opts: { now?: Date } = {},
): Promise<{ expired: number; kept: number; cancelledOrderIds: string[] }> {
  const ids = await ordersWithExpiredReservations(db, { now: opts.now });
  let expired = 0;
  let kept = 0;
  const cancelledOrderIds: string[] = [];
  for (const orderId of ids) {
    await withTx(db, async (tx) => {
      const status = await lockOrder(tx, orderId);
      if (status === 'pending_payment') {
        await transitionOrder(tx, orderId, 'cancelled', { reason: 'reservation expired before payment', actor: 'system' });
        await releaseReservations(tx, orderId);
        await revokeDiscounts(tx, { orderId });
        cancelledOrderIds.push(orderId);
        expired++;
      } else if (status === 'cancelled' || status === 'refunded') {
        await releaseReservations(tx, orderId);
        expired++;
      } else {
        await holdReservations(tx, orderId);
        kept++;
      }
    });
  }
  return { expired, kept, cancelledOrderIds };
}
