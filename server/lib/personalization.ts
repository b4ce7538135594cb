/**
 * The shopper's personalization choice, kept in a cookie so it holds for anonymous visitors
 * on every door (pages, tRPC, REST). "off" means nothing about the visitor is used.
 */
export const PERSONALIZATION_COOKIE = 'luma_personalization';

export function readPersonalizationOff(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  for (const part of cookieHeader.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === PERSONALIZATION_COOKIE) return v === 'off';
  }
  return false;
}
