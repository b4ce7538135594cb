// Pseudonymous identity tokens: HMAC-SHA256 of a normalised email, IP or card fingerprint
// under a server secret. Risk velocity, promotion limits per customer and policy block lists
// match on these, so no table holds the raw value. Rotating IDENTITY_TOKEN_SECRET resets
// history (old tokens stop matching), which is the point of a rotation.
import { createHmac } from 'node:crypto';

const DEV_SECRET = 'dev-only-identity-token-secret-change-me';

function secret(): string {
  return process.env.IDENTITY_TOKEN_SECRET || DEV_SECRET;
}

export type IdentityKind = 'email' | 'ip' | 'card';
const PREFIX: Record<IdentityKind, string> = { email: 'et_', ip: 'it_', card: 'ct_' };

export function identityToken(kind: IdentityKind, value: string): string {
  const normalised = kind === 'email' ? value.trim().toLowerCase() : value.trim();
  return PREFIX[kind] + createHmac('sha256', secret()).update(`${kind}:${normalised}`).digest('hex').slice(0, 32);
}

export const emailToken = (email: string) => identityToken('email', email);

export function isEmailToken(value: string): boolean {
  return /^et_[0-9a-f]{32}$/.test(value);
}
