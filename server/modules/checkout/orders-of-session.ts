import type { Db } from '@/server/db/client';
import { openEmail } from '@/server/modules/privacy/contact-fields';

export type SessionOrder = {
  id: string;
  status: string;
  email: string;
  totalCents: number;
  currency: string;
  items: number;
  createdAt: Date;
};

/**
 * Orders placed under a visitor key, newest first: for a signed-in shopper that is their own
 * key on every device, so their account lists every order they placed while signed in.
 */
export async function ordersOfSession(db: Db, sessionKey: string, opts: { limit?: number } = {}): Promise<SessionOrder[]> {
  const rows = await db.order.findMany({
    where: { sessionKey },
    orderBy: { createdAt: 'desc' },
    take: opts.limit ?? 50,
    select: {
      id: true,
      status: true,
      email: true,
      totalCents: true,
      currency: true,
      createdAt: true,
      lines: { select: { quantity: true } },
    },
  });
  return rows.map(({ lines, ...r }) => ({ ...r, email: openEmail(r.email), items: lines.reduce((s, l) => s + l.quantity, 0) }));
}
