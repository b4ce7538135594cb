// The account page's data: who the shopper is and the orders they placed while signed in
// (their visitor key names those orders on every device).
import type { Db } from '@/server/db/client';
import { ordersOfSession, type SessionOrder } from '@/server/modules/checkout/orders-of-session';
import type { ShopperPrincipal } from './shopper-sessions';

export type Account = { email: string; name: string; orders: SessionOrder[] };

export async function getAccount(db: Db, shopper: ShopperPrincipal): Promise<Account> {
  return { email: shopper.email, name: shopper.name, orders: await ordersOfSession(db, shopper.visitorKey) };
}
