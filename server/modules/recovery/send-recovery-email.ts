// The recovery email (and its later reminder) for a treated cart: what is still in the cart,
// a link that brings the shopper back to it, and optionally a discount the discount model
// proposes through the decision seam, bounded by the published discount policy (its version
// is recorded on the attempt). Each message is sent once per attempt, however often the
// step is retried.
import { formatMoney } from '@/components/ui/money';
import { withTx, type Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { getCart } from '@/server/modules/cart/get-cart';
import { sendMail } from '@/server/modules/mail/send-mail';
import { offerPercentText } from '@/server/modules/pricing/price-cart';
import { openEmail } from '@/server/modules/privacy/contact-fields';
import { proposeDiscountOffer } from '@/server/modules/pricing/propose-discount-offer';
import type { RecoverySettings } from './recovery-settings';

export type RecoveryMessage = 'first' | 'reminder';

export const storeUrl = (env: NodeJS.ProcessEnv = process.env) => env.STORE_URL || `http://localhost:${env.PORT || 3000}`;
export const recoveryLink = (attemptId: string) => new URL(`/cart/recover/${attemptId}`, storeUrl()).toString();


export type SendRecoveryResult =
  | { sent: true; mailId: string; offer: { id: string; percent: number; policyVersion: string } | null; offerReason: string | null }
  | { sent: false; reason: 'already_sent' | 'empty_cart' | 'no_contact' | 'converted' | 'message_limit'; mailId?: string | null };

export async function sendRecoveryEmail(db: Db, attemptId: string, which: RecoveryMessage, settings: RecoverySettings): Promise<SendRecoveryResult> {
  const attempt = await db.cartRecoveryAttempt.findUnique({ where: { id: attemptId } });
  if (!attempt) throw new NotFoundError('recovery attempt', attemptId);
  const already = which === 'first' ? attempt.firstMailId : attempt.reminderMailId;
  if (already) return { sent: false, reason: 'already_sent', mailId: already };
  // The recovery policy's message limit (settings serialised by a flow started before it existed have none).
  if ((settings.maxMessages ?? 2) < (which === 'first' ? 1 : 2)) return { sent: false, reason: 'message_limit' };
  if (attempt.convertedOrderId) return { sent: false, reason: 'converted' };
  const contact = await db.cartRecoveryContact.findUnique({ where: { cartId: attempt.cartId } });
  if (!contact || (settings.consentRequired && !contact.marketingConsent)) return { sent: false, reason: 'no_contact' };
  const to = openEmail(contact.email);
  const cart = await getCart(db, attempt.sessionKey);
  if (cart.cartId !== attempt.cartId || cart.lines.length === 0) return { sent: false, reason: 'empty_cart' };

  let offer: { id: string; percent: number; policyVersion: string } | null = null;
  let offerReason: string | null = null;
  if (which === 'first' && settings.discount) {
    const r = await proposeDiscountOffer(db, {
      subject: attempt.cartId,
      reason: 'cart_recovery',
      customerEmail: to,
      limits: settings.offer
        ? { maxPercent: settings.offer.maxPercent, maxAmountCents: settings.offer.maxAmountCents }
        : undefined,
      expiresInHours: settings.offer?.expiresInHours ?? 48,
      lines: cart.lines.map((l) => ({ variantId: l.variantId, productId: l.productId, categoryPath: l.categoryPath, unitPriceCents: l.unitPriceCents, quantity: l.quantity })),
    });
    offer = r.offer ? { id: r.offer.id, percent: r.offer.percent, policyVersion: r.offer.policyVersion } : null;
    offerReason = r.reason;
  }

  const link = recoveryLink(attempt.id);
  const items = cart.lines.map((l) => `- ${l.quantity} × ${l.title}${l.variantTitle && l.variantTitle !== 'Default' ? ` (${l.variantTitle})` : ''}: ${formatMoney(l.lineTotalCents, l.currency)}`);
  const subject = which === 'first' ? 'You left something in your cart' : 'Your cart is still waiting';
  const text = [
    which === 'first' ? 'You left these in your cart at Luma Home:' : 'A reminder: these are still in your cart at Luma Home:',
    ...items,
    '',
    offer ? `Come back within ${settings.offer?.expiresInHours ?? 48} hours for ${offerPercentText(offer.percent)}% off these items.` : null,
    `Pick up where you left off: ${link}`,
    '',
    'You are getting this because you agreed to hear from us at checkout. Reply "stop" and we will not email you about carts again.',
  ]
    .filter((l) => l !== null)
    .join('\n');

  return withTx(db, async (tx) => {
    const { id: mailId } = await sendMail(tx, { to, subject, text, kind: 'cart_recovery' });
    const now = new Date();
    await tx.cartRecoveryAttempt.update({
      where: { id: attempt.id },
      data:
        which === 'first'
          ? { firstMailId: mailId, firstSentAt: now, offerId: offer?.id ?? null, offerPercent: offer?.percent ?? null, offerPolicyVersion: offer?.policyVersion ?? null }
          : { reminderMailId: mailId, reminderSentAt: now },
    });
    return { sent: true as const, mailId, offer, offerReason };
  });
}
