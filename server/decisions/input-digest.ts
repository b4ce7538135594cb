// The decision log keeps a digest of the input, not the input: enough to match replays and
// spot identical requests without storing what a shopper typed twice.
import { createHash } from 'node:crypto';

export function inputDigest(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/** JSON with object keys sorted, so equal inputs digest equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Subject keys must be pseudonymous; anything that looks like an email or IP is hashed. */
export function pseudonymousSubject(subject: string): string {
  if (/@|^\d{1,3}(\.\d{1,3}){3}$|^[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*$/i.test(subject))
    return `h_${createHash('sha256').update(subject).digest('hex').slice(0, 24)}`;
  return subject.slice(0, 128);
}
