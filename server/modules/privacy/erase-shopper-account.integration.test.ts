// Erasure reaches a shopper account: the account, its sessions (with their IPs), what was stored
// under its visitor key (the session key of every device it signed in on), the address left for
// cart reminders, and mail sent to it.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { sealEmail, sealRecipient } from '@/server/modules/privacy/contact-fields';
import { signUpShopper } from '@/server/modules/shoppers/sign-in';
import { ERASE_STEPS } from './erase-steps';
import { resolveSubject } from './subject';

const getDb = useTestDatabase();

describe('erasing a shopper account', () => {
  it('deletes the account and its sessions and erases activity under its visitor key; other shoppers are untouched', async () => {
    const db = getDb().prisma;
    const client = { ip: '203.0.113.77', userAgent: 'Firefox', sessionKey: null };
    const mine = await signUpShopper(db, { email: 'Lin.Ode@example.com', password: 'correct horse battery', name: 'Lin Odell' }, client);
    const other = await signUpShopper(db, { email: 'someone@example.com', password: 'another long password' }, { ...client, ip: '198.51.100.9' });
    await db.searchEvent.createMany({
      data: [
        { id: 'sev_mine', type: 'query', sessionKey: mine.visitorKey, query: 'green velvet chair', requestId: 'r1' },
        { id: 'sev_other', type: 'query', sessionKey: other.visitorKey, query: 'oak table', requestId: 'r2' },
      ],
    });

    // A reminder address left at checkout on another device, and mail already sent (sealed, ADR 034),
    // plus one message queued before the backfill sealed it (still in clear: found all the same).
    const contact = sealEmail('lin.ode@example.com');
    await db.cartRecoveryContact.create({ data: { cartId: 'cart_phone', sessionKey: 'sid_phone_only', email: contact.email, emailHash: contact.emailHash, marketingConsent: true } });
    await db.mailOutbox.create({ data: { id: 'mail_1', kind: 'cart_recovery', ...sealRecipient('Lin.Ode@example.com'), subject: 'Your cart', textBody: 'Hi Lin Odell' } });
    await db.mailOutbox.create({ data: { id: 'mail_0', kind: 'order_notice', toAddress: 'Lin.Ode@example.com', subject: 'Order', textBody: 'Thanks' } });
    const soon = new Date(Date.now() + 30 * 60_000);
    await db.shopperPasswordReset.createMany({
      data: [
        { id: 'reset_mine', shopperId: mine.shopperId, expiresAt: soon },
        { id: 'reset_other', shopperId: other.shopperId, expiresAt: soon },
      ],
    });
    await db.mailOutbox.create({ data: { id: 'mail_2', kind: 'order_notice', ...sealRecipient('someone@example.com'), subject: 'Order', textBody: 'Thanks' } });

    const subject = await resolveSubject(db, 'lin.ode@example.com');
    expect(subject.sessionKeys).toContain('sid_phone_only');
    expect(subject.shopperIds).toEqual([mine.shopperId]);
    expect(subject.sessionKeys).toContain(mine.visitorKey);
    expect(subject.ips).toContain('203.0.113.77');
    expect(subject.names).toContain('Lin Odell');

    for (const step of ERASE_STEPS) await step.run(db, subject);
    expect(await db.shopper.count({ where: { id: mine.shopperId } })).toBe(0);
    expect(await db.shopperSession.count({ where: { shopperId: mine.shopperId } })).toBe(0);
    expect((await db.shopperPasswordReset.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(['reset_other']);
    expect(await db.searchEvent.count({ where: { sessionKey: mine.visitorKey } })).toBe(0);
    expect(await db.cartRecoveryContact.count({ where: { cartId: 'cart_phone' } })).toBe(0);
    expect((await db.mailOutbox.findMany({ select: { id: true } })).map((m) => m.id)).toEqual(['mail_2']);
    // Someone else's account and history stay.
    expect(await db.shopper.count({ where: { id: other.shopperId } })).toBe(1);
    expect(await db.shopperSession.count({ where: { shopperId: other.shopperId } })).toBe(1);
    expect(await db.searchEvent.count({ where: { sessionKey: other.visitorKey } })).toBe(1);
    // A second run (a retried job) finds nothing left.
    let again = 0;
    for (const step of ERASE_STEPS) again += await step.run(db, subject);
    expect(again).toBe(0);
  });
});
