import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fieldKeys } from '@/server/lib/field-crypto';
import { emailHash, emailHashCandidates, openAddress, openEmail, resealAddress, resealEmail, sealAddress, sealEmail } from './contact-fields';

const ring = (...ids: string[]) => fieldKeys({ PII_ENCRYPTION_KEYS: ids.map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',') });
const addr = { name: 'Ada Lovelace', line1: '12 Market Street', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' };

describe('contact fields at rest', () => {
  it('seals an email (normalised) with its blind index, and opens it', () => {
    const keys = ring('k1');
    const s = sealEmail('  Ada@Example.COM ', keys);
    expect(s.email).toMatch(/^enc:v1:k1:/);
    expect(s.email.toLowerCase()).not.toContain('ada');
    expect(s.emailHash).toBe(emailHash('ada@example.com'));
    expect(emailHashCandidates('ADA@example.com')[0]).toBe(s.emailHash);
    expect(openEmail(s.email, keys)).toBe('ada@example.com');
    // Legacy plaintext and the erased marker pass through.
    expect(openEmail('legacy@example.com', keys)).toBe('legacy@example.com');
    expect(openEmail('erased@invalid', keys)).toBe('erased@invalid');
  });

  it('keeps only country and region of an address readable', () => {
    const keys = ring('k1');
    const sealed = sealAddress(addr, keys);
    expect(Object.keys(sealed).sort()).toEqual(['country', 'region', 'sealed']);
    expect(JSON.stringify(sealed)).not.toMatch(/Lovelace|Market|Francisco|94105/);
    expect(openAddress(sealed, keys)).toEqual(addr);
    expect(sealAddress({ ...addr, region: undefined }, keys)).not.toHaveProperty('region');
    expect(openAddress(null, keys)).toBeNull();
    expect(openAddress({ country: 'US', region: 'CA', erased: true }, keys)).toEqual({ country: 'US', region: 'CA', erased: true });
    expect(openAddress(addr, keys)).toEqual(addr);
  });

  it('reseals only what is in clear or under an old key', () => {
    const old = ring('k1');
    const both = fieldKeys({ PII_ENCRYPTION_KEYS: `k2:${randomBytes(32).toString('base64')},k1:${old[0]!.key.toString('base64')}` });
    const email = sealEmail('ada@example.com', old).email;
    const address = sealAddress(addr, old);
    expect(resealEmail(email, old)).toBeNull();
    expect(resealAddress(address, old)).toBeNull();
    const rotated = resealEmail(email, both)!;
    expect(rotated).toMatch(/^enc:v1:k2:/);
    expect(openEmail(rotated, both)).toBe('ada@example.com');
    expect(openAddress(resealAddress(address, both), both)).toEqual(addr);
    expect(resealEmail('Plain@Example.com', both)).toMatch(/^enc:v1:k2:/);
    expect(resealAddress(addr, both)!.sealed).toMatch(/^enc:v1:k2:/);
    // Erased or country-only addresses have nothing personal to seal.
    expect(resealAddress({ country: 'US', region: 'CA', erased: true }, both)).toBeNull();
    expect(resealAddress({ country: 'US' }, both)).toBeNull();
    // Without the key a value was sealed under, reading fails loudly instead of returning garbage.
    expect(() => openEmail(rotated, old)).toThrow(/k2/);
  });
});
