// Orders' and customers' contact data at rest (issue #9, ADR 027): the email and the personal
// parts of an address are stored as AES-256-GCM ciphertext (server/lib/field-crypto.ts, the
// PII_ENCRYPTION_KEYS ring), sealed and opened here in the app, never in SQL. Lookups by email
// use a blind index: the email's keyed identity token (server/lib/identity-token.ts, the
// IDENTITY_TOKEN_KEYS ring), the same pseudonym risk signals and promotions already use.
//
// An address is stored as { country, region?, sealed: "enc:v1:…" }: country and region stay
// readable because they decide the tax charged (accounting keeps them after erasure too); the
// whole address, country included, is inside `sealed`. Plain values written before the backfill
// and erased values ({ country, region, erased: true }, "erased@invalid") open as they are.
import { decryptField, encryptField, fieldKeys, isEncrypted, type FieldKey } from '@/server/lib/field-crypto';
import { identityToken, identityTokenCandidates } from '@/server/lib/identity-token';

export type SealedAddress = { country?: string; region?: string; sealed: string };

/** Emails are compared lowercased and trimmed everywhere (checkout's emailInput does the same). */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The blind index of an email under the current identity-token key. */
export const emailHash = (email: string): string => identityToken('email', normaliseEmail(email));

/** The email's blind index under every configured key (current first): finds rows written before a rotation. */
export const emailHashCandidates = (email: string): string[] => identityTokenCandidates('email', normaliseEmail(email));

export function sealEmail(email: string, keys: FieldKey[] = fieldKeys()): { email: string; emailHash: string } {
  const normal = normaliseEmail(email);
  return { email: encryptField(normal, keys), emailHash: emailHash(normal) };
}

/** The stored email in clear (ciphertext is decrypted; plain and "erased@invalid" pass through). */
export function openEmail(stored: string, keys: FieldKey[] = fieldKeys()): string {
  return decryptField(stored, keys);
}

/**
 * A mail recipient at rest (mail_outbox.to_address, ADR 034): the address exactly as given
 * (trimmed; a mailbox's local part may be case-sensitive) sealed, its blind index normalised
 * so erasure finds it whatever the case.
 */
export function sealRecipient(to: string, keys: FieldKey[] = fieldKeys()): { toAddress: string; toHash: string } {
  return { toAddress: encryptField(to.trim(), keys), toHash: emailHash(to) };
}

export function sealAddress<A extends { country?: string; region?: string }>(address: A, keys: FieldKey[] = fieldKeys()): SealedAddress {
  return {
    ...(address.country !== undefined ? { country: address.country } : {}),
    ...(address.region ? { region: address.region } : {}),
    sealed: encryptField(JSON.stringify(address), keys),
  };
}

export function isSealedAddress(value: unknown): value is SealedAddress {
  return typeof value === 'object' && value !== null && typeof (value as SealedAddress).sealed === 'string' && isEncrypted((value as SealedAddress).sealed);
}

/** A stored address (JSON) in clear: sealed ones are decrypted, anything else is returned as stored. */
export function openAddress<A = Record<string, unknown>>(stored: unknown, keys: FieldKey[] = fieldKeys()): A | null {
  if (stored === null || stored === undefined) return null;
  if (isSealedAddress(stored)) return JSON.parse(decryptField(stored.sealed, keys)) as A;
  return stored as A;
}

/**
 * The sealed form of a value read back from a row (for the backfill and key rotation):
 * plaintext is encrypted, ciphertext under an old key is re-encrypted under the current one,
 * and ciphertext already under the current key is left alone (null = nothing to write).
 */
export function resealEmail(stored: string, keys: FieldKey[] = fieldKeys()): string | null {
  if (isEncrypted(stored) && stored.startsWith(`enc:v1:${keys[0]!.id}:`)) return null;
  return encryptField(normaliseEmail(decryptField(stored, keys)), keys);
}

/** resealEmail for a recipient: the same, but the address keeps its case. */
export function resealRecipient(stored: string, keys: FieldKey[] = fieldKeys()): string | null {
  if (isEncrypted(stored) && stored.startsWith(`enc:v1:${keys[0]!.id}:`)) return null;
  return encryptField(decryptField(stored, keys).trim(), keys);
}

export function resealAddress(stored: unknown, keys: FieldKey[] = fieldKeys()): SealedAddress | null {
  if (stored === null || stored === undefined || typeof stored !== 'object' || Array.isArray(stored)) return null;
  if (isSealedAddress(stored)) {
    if (stored.sealed.startsWith(`enc:v1:${keys[0]!.id}:`)) return null;
    return sealAddress(JSON.parse(decryptField(stored.sealed, keys)) as { country?: string; region?: string }, keys);
  }
  const plain = stored as Record<string, unknown>;
  // Erased or anonymised addresses keep only country/region: nothing personal left to seal.
  if (plain.erased === true || !PERSONAL_ADDRESS_FIELDS.some((f) => typeof plain[f] === 'string' && plain[f] !== '')) return null;
  return sealAddress(plain as { country?: string; region?: string }, keys);
}

/** Address fields that identify a person (country and region are kept in clear for tax). */
export const PERSONAL_ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'postalCode'] as const;
