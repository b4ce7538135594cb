// Shopper "forgot password": the same scheme as the console's (server/modules/auth/password-reset.ts):
// a single-use link valid for 30 minutes, only the token's SHA-256 stored, the request answering
// the same whether or not the email has an account, rate limited per email and per client
// address. Setting the new password uses up the link, signs the account out on every other
// device and signs this device in.
import { createHash, randomBytes } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import { createTokenBucket, type TokenBucket } from '@/server/lib/rate-limit';
import type { MailTransport } from '@/server/modules/auth/mail';
import { hashPassword } from '@/server/modules/auth/password';
import { outboxTransport } from '@/server/modules/mail/outbox-transport';
import { ShopperResetLinkUnusableError, ShopperTooManyResetsError } from './shopper-errors';
import {
  shopperResetPasswordInput,
  shopperResetRequestInput,
  type ShopperResetPasswordInput,
  type ShopperResetRequestInput,
} from './shoppers.schema';
import { findShopperByEmail, startShopperSession, type Client, type SignedIn } from './sign-in';

export const SHOPPER_RESET_TTL_MS = 30 * 60 * 1000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
// Per email: 3 an hour (like staff). Per client address: 10 an hour, so one client cannot mail many addresses.
const defaultLimiter = createTokenBucket({ capacity: 3, refillPerSec: 3 / 3600 });
const defaultIpLimiter = createTokenBucket({ capacity: 10, refillPerSec: 10 / 3600 });

export type ResetRequestOptions = {
  baseUrl: string;
  ip: string;
  send?: MailTransport;
  limiter?: TokenBucket;
  ipLimiter?: TokenBucket;
  now?: Date;
};

export async function requestShopperPasswordReset(db: Db, raw: ShopperResetRequestInput, opts: ResetRequestOptions): Promise<void> {
  const { email } = shopperResetRequestInput.parse(raw);
  for (const [limiter, key] of [
    [opts.ipLimiter ?? defaultIpLimiter, `shopper-reset-ip:${opts.ip}`],
    [opts.limiter ?? defaultLimiter, `shopper-reset:${email}`],
  ] as const) {
    const taken = limiter.take(key);
    if (!taken.ok) throw new ShopperTooManyResetsError(taken.retryAfterMs);
  }
  const shopper = await findShopperByEmail(db, email);
  if (!shopper) return;
  const token = randomBytes(32).toString('base64url');
  const now = opts.now ?? new Date();
  await db.shopperPasswordReset.create({
    data: { id: hashToken(token), shopperId: shopper.id, expiresAt: new Date(now.getTime() + SHOPPER_RESET_TTL_MS), createdAt: now },
  });
  const link = new URL(`/account/reset?token=${token}`, opts.baseUrl).toString();
  await (opts.send ?? outboxTransport('password_reset', db))({
    to: email,
    subject: 'Reset your Luma password',
    text: `Someone (hopefully you) asked to reset the password of your Luma account.\nOpen this link within 30 minutes to choose a new password:\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.`,
  });
}

/** The link's state, for the page: can it still be used? */
export async function shopperResetLinkUsable(db: Db, token: string, now = new Date()): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const reset = await db.shopperPasswordReset.findUnique({ where: { id: hashToken(token) }, select: { expiresAt: true, usedAt: true } });
  return Boolean(reset && !reset.usedAt && reset.expiresAt > now);
}

/**
 * Sets the new password and uses up the link (a conditional update: two tabs submitting at
 * once, one wins); every session of the shopper ends, other reset links die, and this
 * device is signed in.
 */
export async function resetShopperPassword(
  db: Db,
  raw: ShopperResetPasswordInput,
  client: Client,
  now = new Date(),
): Promise<SignedIn & { sessionsEnded: number }> {
  const input = shopperResetPasswordInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  const done = await withTx(db, async (tx) => {
    const used = await tx.shopperPasswordReset.updateManyAndReturn({
      where: { id: hashToken(input.token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { shopperId: true },
    });
    const shopperId = used[0]?.shopperId;
    if (!shopperId) throw new ShopperResetLinkUnusableError();
    const shopper = await tx.shopper.update({
      where: { id: shopperId },
      data: { passwordHash },
      select: { id: true, visitorKey: true },
    });
    const ended = await tx.shopperSession.deleteMany({ where: { shopperId } });
    await tx.shopperPasswordReset.updateMany({ where: { shopperId, usedAt: null }, data: { usedAt: now } });
    return { shopper, sessionsEnded: ended.count };
  });
  const session = await startShopperSession(db, done.shopper, client);
  return { ...session, sessionsEnded: done.sessionsEnded };
}
