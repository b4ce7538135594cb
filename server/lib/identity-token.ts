// Pseudonymous identity tokens: HMAC-SHA256 of a normalised email, IP or card fingerprint
// under a server key. Risk velocity, promotion limits per customer and policy block lists
// match on these, so no table holds the raw value.
//
// Keys rotate: IDENTITY_TOKEN_KEYS="k2:<secret>,k1:<secret>" lists the current key first and
// previous keys after it. New tokens use the current key; identityTokenCandidates() gives the
// tokens under every configured key, so erasure and exports also find rows written before a
// rotation. Without IDENTITY_TOKEN_KEYS, IDENTITY_TOKEN_SECRET is the single key "k0".
import { createHmac } from 'node:crypto';

const DEV_SECRET = 'dev-only-identity-token-secret-change-me';

export type TokenKey = { id: string; secret: string };

/** The configured keys, current first. Throws on a malformed IDENTITY_TOKEN_KEYS (fail at start, not silently). */
// Parsed once per configuration (checkout derives several tokens per order).
let cached: { list: string | undefined; single: string | undefined; keys: TokenKey[] } | undefined;

export function tokenKeys(env: Record<string, string | undefined> = process.env): TokenKey[] {
  if (cached && cached.list === env.IDENTITY_TOKEN_KEYS && cached.single === env.IDENTITY_TOKEN_SECRET) return cached.keys;
  const keys = parseTokenKeys(env);
  cached = { list: env.IDENTITY_TOKEN_KEYS, single: env.IDENTITY_TOKEN_SECRET, keys };
  return keys;
}

function parseTokenKeys(env: Record<string, string | undefined>): TokenKey[] {
  const list = env.IDENTITY_TOKEN_KEYS?.trim();
  if (list) {
    const keys = list.split(',').map((part) => {
      const i = part.indexOf(':');
      const id = part.slice(0, i).trim();
      const secret = part.slice(i + 1).trim();
      if (i < 1 || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || secret.length < 16) {
        throw new Error('IDENTITY_TOKEN_KEYS must be "id:secret,id:secret" with ids of letters/digits and secrets of 16+ characters');
      }
      return { id, secret };
    });
    if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('IDENTITY_TOKEN_KEYS has a repeated key id');
    return keys;
  }
  return [{ id: 'k0', secret: env.IDENTITY_TOKEN_SECRET || DEV_SECRET }];
}

export type IdentityKind = 'email' | 'ip' | 'card';
const PREFIX: Record<IdentityKind, string> = { email: 'et_', ip: 'it_', card: 'ct_' };

function normalise(kind: IdentityKind, value: string): string {
  return kind === 'email' ? value.trim().toLowerCase() : value.trim();
}

function tokenWith(key: TokenKey, kind: IdentityKind, value: string): string {
  return PREFIX[kind] + createHmac('sha256', key.secret).update(`${kind}:${normalise(kind, value)}`).digest('hex').slice(0, 32);
}

/** The token under the current key. */
export function identityToken(kind: IdentityKind, value: string): string {
  return tokenWith(tokenKeys()[0]!, kind, value);
}

/** The current key's id (stored beside tokens that must be re-derived later). */
export function currentTokenKeyId(): string {
  return tokenKeys()[0]!.id;
}

/** The value's token under every configured key (current first): matches rows from before a rotation. */
export function identityTokenCandidates(kind: IdentityKind, value: string): string[] {
  return [...new Set(tokenKeys().map((k) => tokenWith(k, kind, value)))];
}

export const emailToken = (email: string) => identityToken('email', email);

export function isEmailToken(value: string): boolean {
  return /^et_[0-9a-f]{32}$/.test(value);
}
