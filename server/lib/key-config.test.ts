import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDataKeys, missingDataKeys } from './key-config';

const pii = `k1:${randomBytes(32).toString('base64')}`;
const ident = 'k1:0123456789abcdef0123456789abcdef';

describe('data keys at start', () => {
  it('refuses production on a database server without real keys, naming what to set', () => {
    expect(() => checkDataKeys({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(/PII_ENCRYPTION_KEYS and IDENTITY_TOKEN_KEYS are not set/);
    expect(() => checkDataKeys({ NODE_ENV: 'production', IDENTITY_TOKEN_KEYS: ident })).toThrow(/refusing to start: PII_ENCRYPTION_KEYS is not set/);
    expect(() => checkDataKeys({ NODE_ENV: 'production', PII_ENCRYPTION_KEYS: pii })).toThrow(/IDENTITY_TOKEN_KEYS is not set/);
    expect(checkDataKeys({ NODE_ENV: 'production', PII_ENCRYPTION_KEYS: pii, IDENTITY_TOKEN_KEYS: ident })).toEqual([]);
  });

  it('lets development, tests and the embedded store run on the public development keys, and says so', () => {
    expect(checkDataKeys({ NODE_ENV: 'development' })).toEqual(['PII_ENCRYPTION_KEYS', 'IDENTITY_TOKEN_KEYS']);
    expect(checkDataKeys({ NODE_ENV: 'production', DATABASE_EMBEDDED: '1' })).toEqual(['PII_ENCRYPTION_KEYS', 'IDENTITY_TOKEN_KEYS']);
    expect(missingDataKeys({ PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), IDENTITY_TOKEN_SECRET: 'a-long-enough-secret' })).toEqual([]);
  });

  it('fails on a malformed key instead of starting', () => {
    expect(() => checkDataKeys({ NODE_ENV: 'development', PII_ENCRYPTION_KEYS: 'k1:short' })).toThrow(/32 bytes/);
  });
});
