// Which abandoned carts get recovery mail: a deterministic hash of the cart id puts a fixed
// share in the holdout (they get nothing), so the console can compare treated and held-out
// carts instead of counting raw recoveries.
import { createHash } from 'node:crypto';
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { getCart } from '@/server/modules/cart/get-cart';
import { openEmail } from '@/server/modules/privacy/contact-fields';
import type { RecoverySettings } from './recovery-settings';

export type RecoveryArm = 'treatment' | 'holdout';

/** A stable number in [0, 1) for the cart. */
export function holdoutBucket(cartId: string): number {
  return createHash('sha256').update(`cart-recovery:${cartId}`).digest().readUInt32BE(0) / 2 ** 32;
}
export const armFor = (cartId: string, holdoutShare: number): RecoveryArm => (holdoutBucket(cartId) < holdoutShare ? 'holdout' : 'treatment');

export type Eligibility = { eligible: true; email: string } | { eligible: false; reason: 'no_contact' | 'no_consent' | 'empty_cart' };

/** A cart can be recovered when its shopper left an email (with consent if required) and it still has lines. */
export async function recoveryEligibility(db: Db, cartId: string, settings: RecoverySettings): Promise<Eligibility> {
  const contact = await db.cartRecoveryContact.findUnique({ where: { cartId } });
  if (!contact) return { eligible: false, reason: 'no_contact' };
  if (settings.consentRequired && !contact.marketingConsent) return { eligible: false, reason: 'no_consent' };
  const cart = await getCart(db, contact.sessionKey);
  if (cart.cartId !== cartId || cart.lines.length === 0) return { eligible: false, reason: 'empty_cart' };
  return { eligible: true, email: openEmail(contact.email) };
}

export type Assignment =
  | { assigned: true; attemptId: string; arm: RecoveryArm; cartValueCents: number }
  | { assigned: false; reason: Exclude<Eligibility, { eligible: true }>['reason'] | 'already_assigned'; attemptId?: string };

/** Puts an abandoned cart in an arm, once: a cart already in the experiment is not assigned again. */
export async function assignRecoveryArm(db: Db, cartId: string, settings: RecoverySettings): Promise<Assignment> {
  const existing = await db.cartRecoveryAttempt.findUnique({ where: { cartId }, select: { id: true } });
  if (existing) return { assigned: false, reason: 'already_assigned', attemptId: existing.id };
  const eligible = await recoveryEligibility(db, cartId, settings);
  if (!eligible.eligible) return { assigned: false, reason: eligible.reason };
  const contact = await db.cartRecoveryContact.findUniqueOrThrow({ where: { cartId } });
  const cart = await getCart(db, contact.sessionKey);
  const arm = armFor(cartId, settings.holdoutShare);
  const id = newId('rca');
  const created = await db.cartRecoveryAttempt.createMany({
    data: [{ id, cartId, sessionKey: contact.sessionKey, arm, holdoutShare: settings.holdoutShare, policyVersion: settings.version, cartValueCents: cart.totalCents }],
    skipDuplicates: true,
  });
  if (created.count === 0) return { assigned: false, reason: 'already_assigned' };
  return { assigned: true, attemptId: id, arm, cartValueCents: cart.totalCents };
}
