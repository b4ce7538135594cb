import { ulid } from 'ulid';

/** Cookie holding a random, pseudonymous visitor key (no personal data) for analytics and experiments. */
export const SESSION_COOKIE = 'luma_sid';
const SANE = /^v_[0-9A-Z]{26}$/;

export function newSessionKey(): string {
  return `v_${ulid()}`;
}

export function readSessionKey(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === SESSION_COOKIE && v && SANE.test(v)) return v;
  }
  return null;
}
