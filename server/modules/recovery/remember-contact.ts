// The email a shopper typed at checkout (and their marketing consent), kept against their
// cart so an abandoned cart can be recovered. Announces cart/updated so the recovery flow
// starts (or restarts its check) for this cart.
import type { Db } from '@/server/db/client';
import { loadCartRow } from '@/server/modules/cart/get-cart';
import { announceCartUpdated } from '@/server/modules/cart/announce-cart-updated';
import { sealEmail } from '@/server/modules/privacy/contact-fields';
import { rememberContactInput, type RememberContactInput } from './recovery.schema';

export async function rememberCheckoutContact(
  db: Db,
  sessionKey: string,
  raw: RememberContactInput,
): Promise<{ remembered: boolean; marketingConsent: boolean }> {
  const input = rememberContactInput.parse(raw);
  const cart = await loadCartRow(db, { sessionKey });
  if (!cart || cart.lines.length === 0) return { remembered: false, marketingConsent: input.marketingConsent };
  const now = new Date();
  // Stored sealed, with its blind index for erasure and export (ADR 034); opened only to send.
  const { email, emailHash } = sealEmail(input.email);
  await db.cartRecoveryContact.upsert({
    where: { cartId: cart.id },
    create: { cartId: cart.id, sessionKey, email, emailHash, marketingConsent: input.marketingConsent, createdAt: now, updatedAt: now },
    update: { email, emailHash, marketingConsent: input.marketingConsent, updatedAt: now },
  });
  await announceCartUpdated({ cartId: cart.id, sessionKey });
  return { remembered: true, marketingConsent: input.marketingConsent };
}
