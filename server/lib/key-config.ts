// Which keys protect personal data at rest (ADR 027): PII_ENCRYPTION_KEYS (AES-256-GCM field
// encryption) and IDENTITY_TOKEN_KEYS (HMAC identity tokens, also the blind index that finds
// encrypted emails). Development and tests run the same encryption with public development
// keys, so no code path differs; a production server on a shared database refuses to start
// without real keys rather than protect data with a key anyone can read in this repository.
import { fieldEncryptionConfigured, fieldKeys } from './field-crypto';
import { tokenKeys } from './identity-token';

type Env = Record<string, string | undefined>;

const identityConfigured = (env: Env) => Boolean(env.IDENTITY_TOKEN_KEYS?.trim() || env.IDENTITY_TOKEN_SECRET?.trim());

/** Keys this process would run without (empty when both are configured). Malformed keys throw. */
export function missingDataKeys(env: Env = process.env): string[] {
  fieldKeys(env);
  tokenKeys(env);
  return [
    ...(fieldEncryptionConfigured(env) ? [] : ['PII_ENCRYPTION_KEYS']),
    ...(identityConfigured(env) ? [] : ['IDENTITY_TOKEN_KEYS']),
  ];
}

/** Production against a database server (not `npm start`'s embedded one) must have real keys. */
export function dataKeysRequired(env: Env = process.env): boolean {
  return env.NODE_ENV === 'production' && env.DATABASE_EMBEDDED !== '1';
}

/**
 * Throws with a message that says what to set when production would run on the public
 * development keys; returns the missing ones otherwise (for a warning in development).
 */
export function checkDataKeys(env: Env = process.env): string[] {
  const missing = missingDataKeys(env);
  if (missing.length && dataKeysRequired(env)) {
    throw new Error(
      `refusing to start: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, and NODE_ENV=production on a database server. ` +
        'Personal data (order and customer emails and addresses, webhook secrets) is encrypted at rest with these keys; the development defaults are public. ' +
        'Set PII_ENCRYPTION_KEYS="k1:$(openssl rand -base64 32)" and IDENTITY_TOKEN_KEYS="k1:$(openssl rand -hex 32)" (see README, Security and privacy).',
    );
  }
  return missing;
}
