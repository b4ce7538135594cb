// What must never reach a log line or a span attribute: personal data (emails, IPs, card
// data) and secrets (passwords, tokens, cookies, authorization headers). Two nets: by key
// name anywhere in a logged object, and by value pattern inside free text.

export const REDACTED = '[redacted]';

/** Keys whose values are dropped wherever they appear (case-insensitive, any depth). */
const SECRET_KEY =
  /pass(word|wd)?$|passwordhash|secret|token|authorization|cookie|api[-_]?key|session[-_]?key|^email$|email(address)?$|^to$|card[-_]?(number|no)?$|^pan$|cvc|cvv|expiry|^ip$|ip[-_]?address|client[-_]?ip|remote[-_]?address|x-forwarded-for|x-real-ip|^phone|address[-_]?line|^street/i;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// 13–19 digits, optionally grouped by spaces or dashes: a card number (PAN).
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const SECRET_ASSIGNMENT = /\b(password|passwd|secret|token|api[-_]?key)=([^\s&;,]+)/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactText(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(BEARER, '$1 [redacted]')
    .replace(SECRET_ASSIGNMENT, '$1=[redacted]')
    .replace(CARD, '[card]')
    .replace(IPV4, '[ip]');
}

/** A deep copy with secret keys replaced and free text scrubbed; cycles and depth are bounded. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[truncated]';
  seen.add(value);
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1, seen));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redactValue(v, depth + 1, seen);
  return out;
}
