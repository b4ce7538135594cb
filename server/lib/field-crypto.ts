// Field-level encryption for personal data at rest: AES-256-GCM (node:crypto), a fresh
// 96-bit IV per value, the key id in the output so keys can rotate:
//   enc:v1:<keyId>:<iv b64url>:<tag b64url>:<ciphertext b64url>
// PII_ENCRYPTION_KEYS="k2:<32-byte key, base64>,k1:<…>" lists the current key first; older
// keys still decrypt. PII_ENCRYPTION_KEY=<base64> alone is key "k1". Without either, a
// development key is used (never in production: set one).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export type FieldKey = { id: string; key: Buffer };

const PREFIX = 'enc:v1:';

function parseKey(id: string, encoded: string): FieldKey {
  const key = Buffer.from(encoded.trim(), /^[0-9a-f]{64}$/i.test(encoded.trim()) ? 'hex' : 'base64');
  if (key.length !== 32) throw new Error(`PII encryption key ${id} must be 32 bytes (base64 or 64 hex characters)`);
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new Error(`PII encryption key id "${id}" must be letters, digits, _ or -`);
  return { id, key };
}

// Parsed once per configuration (the checkout path seals three values per order).
let cached: { list: string | undefined; single: string | undefined; keys: FieldKey[] } | undefined;

export function fieldKeys(env: Record<string, string | undefined> = process.env): FieldKey[] {
  if (cached && cached.list === env.PII_ENCRYPTION_KEYS && cached.single === env.PII_ENCRYPTION_KEY) return cached.keys;
  const keys = parseFieldKeys(env);
  cached = { list: env.PII_ENCRYPTION_KEYS, single: env.PII_ENCRYPTION_KEY, keys };
  return keys;
}

function parseFieldKeys(env: Record<string, string | undefined>): FieldKey[] {
  const list = env.PII_ENCRYPTION_KEYS?.trim();
  if (list) {
    return list.split(',').map((part) => {
      const i = part.indexOf(':');
      if (i < 1) throw new Error('PII_ENCRYPTION_KEYS must be "id:key,id:key"');
      return parseKey(part.slice(0, i).trim(), part.slice(i + 1));
    });
  }
  if (env.PII_ENCRYPTION_KEY?.trim()) return [parseKey('k1', env.PII_ENCRYPTION_KEY)];
  return [{ id: 'dev', key: createHash('sha256').update('dev-only-pii-encryption-key-change-me').digest() }];
}

/** True when a real key is configured (not the development fallback). */
export function fieldEncryptionConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.PII_ENCRYPTION_KEYS?.trim() || env.PII_ENCRYPTION_KEY?.trim());
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function encryptField(plain: string, keys: FieldKey[] = fieldKeys()): string {
  const k = keys[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  // The key id is authenticated too, so a value cannot be relabelled to another key.
  cipher.setAAD(Buffer.from(k.id));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${k.id}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ct.toString('base64url')}`;
}

/** Decrypts a value from encryptField; a plain (never encrypted) value is returned as is. */
export function decryptField(value: string, keys: FieldKey[] = fieldKeys()): string {
  if (!isEncrypted(value)) return value;
  const [id, iv, tag, ct] = value.slice(PREFIX.length).split(':');
  const k = keys.find((x) => x.id === id);
  if (!k || !iv || !tag || ct === undefined) throw new Error(`cannot decrypt: key "${id}" is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', k.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(k.id));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}
