// Order history for discount-policy simulations. The checkout module owns orders; until its
// `listOrders` is wired in here (integration step), the console simulates against seeded
// generated orders and says so (`source: 'generated'`).
import type { Db } from '@/server/db/client';
import { generatePastOrders, type PastOrder } from './simulate-discount-policy';

export async function loadPastOrders(
  _db: Db,
  opts: { days: number },
): Promise<{ source: 'orders' | 'generated'; orders: PastOrder[] }> {
  return { source: 'generated', orders: generatePastOrders({ days: opts.days, perDay: 30 }) };
}
