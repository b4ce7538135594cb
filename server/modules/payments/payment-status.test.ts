import { describe, expect, it } from 'vitest';
import { canAdvance, isTerminal, statusesBefore, type StoredPaymentStatus } from './payment-status';

const ALL: StoredPaymentStatus[] = ['pending', 'authorized', 'declined', 'captured', 'voided', 'refunded', 'failed'];

describe('payment status lattice', () => {
  it('only moves forward: no status is reachable from itself or from anything it leads to', () => {
    for (const a of ALL) {
      expect(canAdvance(a, a)).toBe(false);
      for (const b of ALL) if (canAdvance(a, b)) expect(canAdvance(b, a), `${a} ↔ ${b}`).toBe(false);
    }
  });

  it('is transitively closed, so a late event can skip states (captured before authorized)', () => {
    for (const a of ALL)
      for (const b of ALL)
        for (const c of ALL) if (canAdvance(a, b) && canAdvance(b, c)) expect(canAdvance(a, c), `${a}→${c}`).toBe(true);
    expect(canAdvance('pending', 'captured')).toBe(true);
    expect(canAdvance('captured', 'authorized')).toBe(false);
  });

  it('ends in declined, failed, voided or refunded; voids never follow a capture', () => {
    expect(ALL.filter(isTerminal).sort()).toEqual(['declined', 'failed', 'refunded', 'voided']);
    expect(statusesBefore('voided').sort()).toEqual(['authorized', 'pending']);
    expect(statusesBefore('refunded').sort()).toEqual(['authorized', 'captured', 'pending']);
    expect(statusesBefore('declined')).toEqual(['pending']);
  });
});
