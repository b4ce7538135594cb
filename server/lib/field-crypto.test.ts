import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, fieldKeys, isEncrypted } from './field-crypto';
import { identityToken, identityTokenCandidates, tokenKeys } from './identity-token';

const k = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('field encryption', () => {
  it('round-trips, never repeats a ciphertext, and names the key', () => {
    const keys = fieldKeys({ PII_ENCRYPTION_KEYS: k('k2') });
    const a = encryptField('ada@example.com', keys);
    const b = encryptField('ada@example.com', keys);
    expect(a).not.toBe(b);
    expect(a.startsWith('enc:v1:k2:')).toBe(true);
    expect(a).not.toContain('ada');
    expect(isEncrypted(a)).toBe(true);
    expect(decryptField(a, keys)).toBe('ada@example.com');
    expect(decryptField('plain text', keys)).toBe('plain text');
  });

  it('decrypts with a previous key after rotation, refuses tampering and unknown keys', () => {
    const old = k('k1');
    const before = encryptField('12 Market Street', fieldKeys({ PII_ENCRYPTION_KEYS: old }));
    const rotated = fieldKeys({ PII_ENCRYPTION_KEYS: `${k('k2')},${old}` });
    expect(decryptField(before, rotated)).toBe('12 Market Street');
    expect(encryptField('x', rotated).startsWith('enc:v1:k2:')).toBe(true);
    const parts = before.split(':');
    parts[5] = Buffer.from('13 Market Street').toString('base64url');
    expect(() => decryptField(parts.join(':'), rotated)).toThrow();
    expect(() => decryptField(before, fieldKeys({ PII_ENCRYPTION_KEYS: k('k9') }))).toThrow(/k1/);
    expect(() => fieldKeys({ PII_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});

describe('identity tokens with key rotation', () => {
  it('uses the current key and still derives tokens under previous keys', () => {
    const prevEnv = process.env.IDENTITY_TOKEN_KEYS;
    try {
      process.env.IDENTITY_TOKEN_KEYS = 'k1:first-secret-0123456789';
      const old = identityToken('email', 'Ada@Example.com ');
      expect(old).toMatch(/^et_[0-9a-f]{32}$/);
      process.env.IDENTITY_TOKEN_KEYS = 'k2:second-secret-0123456789,k1:first-secret-0123456789';
      const current = identityToken('email', 'ada@example.com');
      expect(current).not.toBe(old);
      expect(identityTokenCandidates('email', 'ada@example.com')).toEqual([current, old]);
      expect(tokenKeys().map((x) => x.id)).toEqual(['k2', 'k1']);
      expect(() => tokenKeys({ IDENTITY_TOKEN_KEYS: 'k1:short' })).toThrow();
    } finally {
      if (prevEnv === undefined) delete process.env.IDENTITY_TOKEN_KEYS;
      else process.env.IDENTITY_TOKEN_KEYS = prevEnv;
    }
  });
});
