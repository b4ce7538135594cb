// Whether an approved appeal reinstated this order (order_appeals belongs to this module).
import type { Db } from '@/server/db/client';

export async function wasReinstated(db: Db, orderId: string): Promise<boolean> {
  return (await db.orderAppeal.count({ where: { orderId, outcome: 'reinstated' } })) > 0;
}
