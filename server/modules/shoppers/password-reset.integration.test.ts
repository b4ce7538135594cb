// Shopper password reset on a real database: the mailed link (outbox) is single use, expires,
// is stored hashed and cannot probe for accounts; setting the password ends every other
// session and signs this device in; requests are rate limited per email and per address.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { ZodError } from 'zod';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { verifyPassword } from '@/server/modules/auth/password';
import { outboxTransport } from '@/server/modules/mail/outbox-transport';
import { requestShopperPasswordReset, resetShopperPassword, SHOPPER_RESET_TTL_MS, shopperResetLinkUsable } from './password-reset';
import { resolveShopper } from './shopper-sessions';
import { signInShopper, signUpShopper } from './sign-in';
import { emailHash } from '@/server/modules/privacy/contact-fields';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const device = (n: number) => ({ ip: `10.1.0.${n}`, userAgent: `device ${n}`, sessionKey: null });
const PASSWORD = 'correct horse battery';
const baseUrl = 'https://shop.example';
beforeAll(() => setEventStoreDb(db()));
const roomy = () => createTokenBucket({ capacity: 100, refillPerSec: 1 });

async function rejection(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

async function mailedToken(to: string): Promise<string> {
  const mail = await db().mailOutbox.findFirstOrThrow({ where: { toHash: emailHash(to), kind: 'password_reset' }, orderBy: { createdAt: 'desc' } });
  const m = /\/account\/reset\?token=([A-Za-z0-9_-]{43})/.exec(mail.textBody);
  if (!m) throw new Error(`no reset link in: ${mail.textBody}`);
  return m[1]!;
}

describe('shopper password reset', () => {
  it('mails a single-use link, ends every other session, signs this device in', async () => {
    const phone = await signUpShopper(db(), { email: 'gil@example.com', password: PASSWORD }, device(1));
    const laptop = await signInShopper(db(), { email: 'gil@example.com', password: PASSWORD }, device(2));
    const opts = { baseUrl, ip: '10.1.0.3', limiter: roomy(), ipLimiter: roomy(), send: outboxTransport('password_reset', db()) };
    await requestShopperPasswordReset(db(), { email: ' GIL@example.com ' }, opts);
    const token = await mailedToken('gil@example.com');
    // Stored hashed: the token itself is nowhere in the table.
    expect(await db().shopperPasswordReset.count({ where: { id: token } })).toBe(0);
    expect(await db().shopperPasswordReset.count()).toBe(1);
    expect(await shopperResetLinkUsable(db(), token)).toBe(true);

    const short = await rejection(resetShopperPassword(db(), { token, password: 'short' }, device(3)));
    expect((short as ZodError).issues[0]!.path).toEqual(['password']);
    expect(await shopperResetLinkUsable(db(), token)).toBe(true);

    const done = await resetShopperPassword(db(), { token, password: 'a brand new passphrase' }, device(3));
    expect(done.sessionsEnded).toBe(2);
    expect(await resolveShopper(db(), phone.token)).toBeNull();
    expect(await resolveShopper(db(), laptop.token)).toBeNull();
    expect((await resolveShopper(db(), done.token))?.email).toBe('gil@example.com');
    expect(done.visitorKey).toBe(phone.visitorKey);
    const row = await db().shopper.findUniqueOrThrow({ where: { emailHash: emailHash('gil@example.com') } });
    expect(await verifyPassword('a brand new passphrase', row.passwordHash)).toBe(true);

    // Single use.
    const again = (await rejection(resetShopperPassword(db(), { token, password: 'another passphrase' }, device(4)))) as DomainError;
    expect(again.code).toBe('INVALID');
    expect(again.details).toMatchObject({ field: 'token' });
    expect(await shopperResetLinkUsable(db(), token)).toBe(false);
    await expect(signInShopper(db(), { email: 'gil@example.com', password: PASSWORD }, device(5))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(signInShopper(db(), { email: 'gil@example.com', password: 'a brand new passphrase' }, device(5))).resolves.toBeTruthy();
  });

  it('expires after 30 minutes; a newer reset leaves older links dead once used', async () => {
    await signUpShopper(db(), { email: 'hal@example.com', password: PASSWORD }, device(6));
    const t0 = new Date('2026-11-27T10:00:00Z');
    const opts = { baseUrl, ip: '10.1.0.7', limiter: roomy(), ipLimiter: roomy(), send: outboxTransport('password_reset', db()), now: t0 };
    await requestShopperPasswordReset(db(), { email: 'hal@example.com' }, opts);
    const old = await mailedToken('hal@example.com');
    const late = new Date(t0.getTime() + SHOPPER_RESET_TTL_MS + 1);
    expect(await shopperResetLinkUsable(db(), old, late)).toBe(false);
    await expect(resetShopperPassword(db(), { token: old, password: 'a brand new passphrase' }, device(7), late)).rejects.toMatchObject({ code: 'INVALID' });

    const t1 = new Date(t0.getTime() + 60_000);
    await requestShopperPasswordReset(db(), { email: 'hal@example.com' }, { ...opts, now: new Date(t0.getTime() + 1) });
    const first = await mailedToken('hal@example.com');
    await new Promise((r) => setTimeout(r, 5));
    await requestShopperPasswordReset(db(), { email: 'hal@example.com' }, { ...opts, now: new Date(t0.getTime() + 2) });
    const second = await mailedToken('hal@example.com');
    expect(second).not.toBe(first);
    await resetShopperPassword(db(), { token: second, password: 'a brand new passphrase' }, device(7), t1);
    expect(await shopperResetLinkUsable(db(), first, t1)).toBe(false);
  });

  it('answers the same for an unknown email (nothing mailed) and rate-limits per email and per address', async () => {
    await signUpShopper(db(), { email: 'ivy@example.com', password: PASSWORD }, device(8));
    const send = outboxTransport('password_reset', db());
    await requestShopperPasswordReset(db(), { email: 'nobody@example.com' }, { baseUrl, ip: '10.1.0.9', limiter: roomy(), ipLimiter: roomy(), send });
    expect(await db().mailOutbox.count({ where: { toHash: emailHash('nobody@example.com') } })).toBe(0);

    const perEmail = createTokenBucket({ capacity: 2, refillPerSec: 0 });
    for (const ip of ['10.1.0.10', '10.1.0.11'])
      await requestShopperPasswordReset(db(), { email: 'ivy@example.com' }, { baseUrl, ip, limiter: perEmail, ipLimiter: roomy(), send });
    const limited = (await rejection(
      requestShopperPasswordReset(db(), { email: 'ivy@example.com' }, { baseUrl, ip: '10.1.0.12', limiter: perEmail, ipLimiter: roomy(), send }),
    )) as DomainError;
    expect(limited.code).toBe('RATE_LIMITED');
    expect(await db().mailOutbox.count({ where: { toHash: emailHash('ivy@example.com') } })).toBe(2);

    const perIp = createTokenBucket({ capacity: 1, refillPerSec: 0 });
    await requestShopperPasswordReset(db(), { email: 'a@example.com' }, { baseUrl, ip: '10.1.0.13', limiter: roomy(), ipLimiter: perIp, send });
    await expect(
      requestShopperPasswordReset(db(), { email: 'b@example.com' }, { baseUrl, ip: '10.1.0.13', limiter: roomy(), ipLimiter: perIp, send }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(requestShopperPasswordReset(db(), { email: 'not-an-email' }, { baseUrl, ip: '10.1.0.14', send })).rejects.toBeInstanceOf(ZodError);
  });
});
