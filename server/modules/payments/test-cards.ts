// The local provider's test cards: outcomes are decided by the card number, as in Stripe's
// test mode, so checkout, tests and demos can produce every path on purpose.
import { createHmac } from 'node:crypto';

export type CardOutcome =
  | { kind: 'authorized' }
  | { kind: 'declined'; declineCode: string; message: string }
  | { kind: 'failed'; message: string };

/** Documented in the README ("Payments → test cards"). Any other valid (Luhn) number authorises. */
export const TEST_CARDS: Record<string, { description: string; outcome: CardOutcome }> = {
  '4242424242424242': { description: 'Visa: authorises', outcome: { kind: 'authorized' } },
  '5555555555554444': { description: 'Mastercard: authorises', outcome: { kind: 'authorized' } },
  '4000000000000002': {
    description: 'Declined (card_declined)',
    outcome: { kind: 'declined', declineCode: 'card_declined', message: 'Your card was declined.' },
  },
  '4000000000009995': {
    description: 'Declined (insufficient_funds)',
    outcome: { kind: 'declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  },
  '4000000000000069': {
    description: 'Declined (expired_card)',
    outcome: { kind: 'declined', declineCode: 'expired_card', message: 'Your card has expired.' },
  },
  '4000000000000119': {
    description: 'Provider error (processing_error): payment failed',
    outcome: { kind: 'failed', message: 'An error occurred while processing your card. Try again later.' },
  },
};

export function normalizeCardNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function isLuhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): string {
  if (digits.startsWith('4')) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (digits.startsWith('6011') || digits.startsWith('65')) return 'discover';
  return 'unknown';
}

/**
 * A keyed hash: the same card always gives the same fingerprint (velocity checks in risk
 * scoring), but a leaked table cannot be brute-forced back to card numbers without the key.
 */
export function cardFingerprint(digits: string, key: string): string {
  return createHmac('sha256', key).update(digits).digest('hex').slice(0, 24);
}

export function cardOutcome(digits: string): CardOutcome {
  return TEST_CARDS[digits]?.outcome ?? { kind: 'authorized' };
}
