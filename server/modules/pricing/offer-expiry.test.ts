import { describe, expect, it } from 'vitest';
import { offerExpiresAt, RECOVERY_OFFER_TTL_MS } from './price-cart';

describe('offer expiry', () => {
  const createdAt = new Date('2026-11-27T10:00:00Z');
  it('uses the expiry fixed when the offer was made (the recovery policy’s offer hours)', () => {
    const expiresAt = new Date('2026-11-27T16:00:00Z');
    expect(offerExpiresAt({ reason: 'cart_recovery', createdAt, expiresAt })).toEqual(expiresAt);
    expect(offerExpiresAt({ reason: 'held_order_apology', createdAt, expiresAt })).toEqual(expiresAt);
  });
  it('keeps the legacy rule for offers made before: recovery 48 h, apologies never', () => {
    expect(offerExpiresAt({ reason: 'cart_recovery', createdAt, expiresAt: null })?.getTime()).toBe(createdAt.getTime() + RECOVERY_OFFER_TTL_MS);
    expect(offerExpiresAt({ reason: 'held_order_apology', createdAt })).toBeNull();
  });
});
