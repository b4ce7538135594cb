// Shopper sessions: a random 256-bit token in the cookie, its SHA-256 as the row id (the
// same scheme as console sessions, in a separate table so the two can never be confused).
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/server/db/client';
import { openEmail } from '@/server/modules/privacy/contact-fields';
import { SHOPPER_SESSION_TTL_MS } from './shopper-cookie';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type ShopperPrincipal = { id: string; email: string; name: string; visitorKey: string };

export async function createShopperSession(
  db: Db,
  shopperId: string,
  meta: { ip: string; userAgent: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SHOPPER_SESSION_TTL_MS);
  await db.shopperSession.create({
    data: { id: hashToken(token), shopperId, expiresAt, ip: meta.ip.slice(0, 100), userAgent: meta.userAgent.slice(0, 300) },
  });
  return { token, expiresAt };
}

/** The shopper behind a cookie token; null when unknown or expired. */
export async function resolveShopper(db: Db, token: string | null, now = new Date()): Promise<ShopperPrincipal | null> {
  if (!token) return null;
  const session = await db.shopperSession.findUnique({
    where: { id: hashToken(token) },
    select: { expiresAt: true, shopper: { select: { id: true, email: true, name: true, visitorKey: true } } },
  });
  if (!session || session.expiresAt <= now) return null;
  // Stored sealed (ADR 034); the principal carries it in clear for the account page and checkout.
  return { ...session.shopper, email: openEmail(session.shopper.email) };
}

export async function revokeShopperSession(db: Db, token: string | null): Promise<void> {
  if (token) await db.shopperSession.deleteMany({ where: { id: hashToken(token) } });
}
