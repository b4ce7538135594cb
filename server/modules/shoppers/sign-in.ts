// Shopper sign-up and sign-in with email + password (scrypt, shared with staff auth), rate
// limited per client address and per email like the console's. On success the device's
// anonymous cart joins the shopper's, its recent browsing history becomes theirs unless
// personalization is off on it (move-history.ts), and the caller sets two cookies: the session
// (luma_shopper) and the shopper's visitor key (luma_sid), which carries their history,
// cart and personalization across devices.
import type { Db } from '@/server/db/client';
import { createTokenBucket, type TokenBucket } from '@/server/lib/rate-limit';
import { newId } from '@/server/lib/ids';
import { newSessionKey } from '@/server/lib/session-key';
import { hashPassword, verifyPassword } from '@/server/modules/auth/password';
import { attachShopperCart } from '@/server/modules/cart/attach-shopper-cart';
import { emailHashCandidates, sealEmail } from '@/server/modules/privacy/contact-fields';
import { ShopperBadCredentialsError, ShopperEmailTakenError, ShopperTooManySignInsError } from './shopper-errors';
import { moveAnonymousHistory, type HistoryMove } from './move-history';
import { createShopperSession, revokeShopperSession } from './shopper-sessions';
import {
  shopperSignInInput,
  shopperSignUpInput,
  type ShopperSignInInput,
  type ShopperSignUpInput,
} from './shoppers.schema';

export type Client = {
  ip: string;
  userAgent: string;
  sessionKey: string | null;
  /** The device's personalization choice: off = its anonymous history is not moved to the account. */
  personalizationOff?: boolean;
};
export type SignedIn = {
  token: string;
  expiresAt: Date;
  shopperId: string;
  visitorKey: string;
  cartId: string | null;
  history: HistoryMove;
};

const defaultLimiter = createTokenBucket({ capacity: 10, refillPerSec: 10 / 60 });
// Verifying against a dummy hash keeps an unknown email as slow as a wrong password.
const dummyHash = hashPassword('not-a-real-password');

export async function signUpShopper(db: Db, raw: ShopperSignUpInput, client: Client): Promise<SignedIn> {
  const input = shopperSignUpInput.parse(raw);
  if (await findShopperByEmail(db, input.email)) throw new ShopperEmailTakenError();
  const passwordHash = await hashPassword(input.password);
  // The email is stored sealed; its blind index is the unique key (ADR 034).
  const sealed = sealEmail(input.email);
  const shopper = await db.shopper
    .create({
      data: { id: newId('shp'), email: sealed.email, emailHash: sealed.emailHash, name: input.name, passwordHash, visitorKey: newSessionKey() },
      select: { id: true, visitorKey: true },
    })
    .catch((err: unknown) => {
      // Two sign-ups racing for one email: the unique index decides.
      if ((err as { code?: string })?.code === 'P2002') throw new ShopperEmailTakenError();
      throw err;
    });
  return startShopperSession(db, shopper, client);
}

export async function signInShopper(
  db: Db,
  raw: ShopperSignInInput,
  client: Client,
  limiter: TokenBucket = defaultLimiter,
): Promise<SignedIn> {
  const input = shopperSignInInput.parse(raw);
  for (const key of [`ip:${client.ip}`, `email:${input.email}`]) {
    const taken = limiter.take(key);
    if (!taken.ok) throw new ShopperTooManySignInsError(taken.retryAfterMs);
  }
  const shopper = await findShopperByEmail(db, input.email);
  const ok = await verifyPassword(input.password, shopper?.passwordHash ?? (await dummyHash));
  if (!shopper || !ok) throw new ShopperBadCredentialsError();
  return startShopperSession(db, shopper, client);
}

/**
 * The account of an email (any case), found through its blind index under every configured
 * token key, so accounts indexed before a key rotation still sign in.
 */
export function findShopperByEmail(db: Db, email: string): Promise<{ id: string; passwordHash: string; visitorKey: string } | null> {
  return db.shopper.findFirst({ where: { emailHash: { in: emailHashCandidates(email) } }, select: { id: true, passwordHash: true, visitorKey: true } });
}

/** A new session for the device; its anonymous cart joins the shopper's. */
export async function startShopperSession(db: Db, shopper: { id: string; visitorKey: string }, client: Client): Promise<SignedIn> {
  const session = await createShopperSession(db, shopper.id, client);
  const cartId = await attachShopperCart(db, {
    anonymousKey: client.sessionKey,
    shopperKey: shopper.visitorKey,
    shopperId: shopper.id,
  });
  const history = await moveAnonymousHistory(db, {
    anonymousKey: client.sessionKey,
    shopperKey: shopper.visitorKey,
    personalizationOff: client.personalizationOff ?? false,
  });
  return { ...session, shopperId: shopper.id, visitorKey: shopper.visitorKey, cartId, history };
}

export async function signOutShopper(db: Db, token: string | null): Promise<void> {
  await revokeShopperSession(db, token);
}
