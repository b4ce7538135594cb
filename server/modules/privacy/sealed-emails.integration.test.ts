// The last emails sealed at rest (issue #9, ADR 034) on the real Postgres: after a sign-up, a
// checkout with its payment, a cart-reminder contact and queued mail, a raw scan of payments,
// shoppers, cart_recovery_contacts and mail_outbox finds no email in clear, while sign-in (any
// case), password reset, the recovery email (over real SMTP), export and erasure still work
// through the blind index. Legacy plaintext rows are sealed by the backfill (idempotent) and
// re-keyed by rotation, after which the old keys can go.
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { newId } from '@/server/lib/ids';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { newSessionKey } from '@/server/lib/session-key';
import { hashPassword } from '@/server/modules/auth/password';
import { addItem } from '@/server/modules/cart/modify-cart';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { deliverMail } from '@/server/modules/mail/deliver-mail';
import { outboxTransport } from '@/server/modules/mail/outbox-transport';
import { getMail, listMail } from '@/server/modules/mail/read-mailbox';
import { sendMail } from '@/server/modules/mail/send-mail';
import { assignRecoveryArm } from '@/server/modules/recovery/assign-arm';
import { recoverySettingsSchema } from '@/server/modules/recovery/recovery-settings';
import { rememberCheckoutContact } from '@/server/modules/recovery/remember-contact';
import { sendRecoveryEmail } from '@/server/modules/recovery/send-recovery-email';
import { requestShopperPasswordReset, resetShopperPassword } from '@/server/modules/shoppers/password-reset';
import { resolveShopper } from '@/server/modules/shoppers/shopper-sessions';
import { signInShopper, signUpShopper } from '@/server/modules/shoppers/sign-in';
import { emailHash } from './contact-fields';
import { countPlaintextContacts, encryptBackfill } from './encrypt-backfill';
import { ERASE_STEPS } from './erase-steps';
import { EXPORT_STEPS } from './export-steps';
import { scanForIdentifiers } from './pii-scan';
import { resolveSubject } from './subject';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const q = <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => getDb().query<R>(sql, params);

const FOUR_TABLES = ['payments', 'shoppers', 'cart_recovery_contacts', 'mail_outbox'];
const PASSWORD = 'correct horse battery';
const roomy = () => createTokenBucket({ capacity: 100, refillPerSec: 100 });
const client = (n: number) => ({ ip: `10.9.0.${n}`, userAgent: `device ${n}`, sessionKey: null });
const DEV_PII = `dev:${createHash('sha256').update('dev-only-pii-encryption-key-change-me').digest('base64')}`;
const DEV_IDENTITY = 'k0:dev-only-identity-token-secret-change-me';
const saved = { pii: process.env.PII_ENCRYPTION_KEYS, ident: process.env.IDENTITY_TOKEN_KEYS };
afterEach(() => {
  for (const [k, v] of [['PII_ENCRYPTION_KEYS', saved.pii], ['IDENTITY_TOKEN_KEYS', saved.ident]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

// In-process SMTP server: the recovery email is delivered by the real nodemailer client.
const received: { to: string[] }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address) });
      callback();
    });
  },
});
let smtpUrl: string;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  setEventStoreDb(db());
  await ensureStoreDefaults(db());
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
});

async function mailedResetToken(to: string): Promise<string> {
  const mail = await db().mailOutbox.findFirstOrThrow({ where: { toHash: emailHash(to), kind: 'password_reset' }, orderBy: { createdAt: 'desc' } });
  return /\/account\/reset\?token=([A-Za-z0-9_-]{43})/.exec(mail.textBody)![1]!;
}

describe('emails sealed in payments, shopper accounts, reminder contacts and the mail outbox', () => {
  it('stores none in clear, and sign-in, password reset, recovery mail, export and erasure still work', async () => {
    const email = 'nora.sealed@example.com';
    // 1. A sign-up, a checkout with its payment, a reminder contact, a queued reset mail.
    const signedUp = await signUpShopper(db(), { email: 'Nora.Sealed@Example.COM', password: PASSWORD, name: 'Nora Sealed' }, client(1));
    const v = await makeVariant(db(), { stock: 10 });
    const placed = await placeOrder(
      db(),
      {
        sessionKey: signedUp.visitorKey,
        lines: [{ variantId: v.variantId, quantity: 1 }],
        email,
        shippingAddress: { ...address, name: 'Nora Sealed' },
        paymentMethod: freshCard(),
        idempotencyKey: `sealed-${newId('k')}`,
        ipAddress: freshIp(),
        requestId: null,
      },
      { publish: async () => undefined },
    );
    const cartSession = newSessionKey();
    const cart = await addItem(db(), cartSession, { variantId: v.variantId, quantity: 2 });
    expect(await rememberCheckoutContact(db(), cartSession, { email: ' Nora.Sealed@example.com', marketingConsent: true })).toMatchObject({ remembered: true });
    const resetOpts = { baseUrl: 'http://localhost:3000', ip: '10.9.0.9', limiter: roomy(), ipLimiter: roomy(), send: outboxTransport('password_reset', db()) };
    await requestShopperPasswordReset(db(), { email: ' NORA.SEALED@example.com ' }, resetOpts);

    // Every one of the four tables has the subject's row, found only through the blind index…
    const hash = emailHash(email);
    const found = (await q<{ payments: number; shoppers: number; contacts: number; mail: number }>(
      `SELECT (SELECT count(*) FROM payments WHERE order_id = $1)::int AS payments,
              (SELECT count(*) FROM shoppers WHERE email_hash = $2 AND email LIKE 'enc:v1:%')::int AS shoppers,
              (SELECT count(*) FROM cart_recovery_contacts WHERE email_hash = $2 AND email LIKE 'enc:v1:%')::int AS contacts,
              (SELECT count(*) FROM mail_outbox WHERE to_hash = $2 AND to_address LIKE 'enc:v1:%')::int AS mail`,
      [placed.order.id, hash],
    )).rows[0];
    expect(found).toEqual({ payments: 1, shoppers: 1, contacts: 1, mail: 1 });
    // …and a raw scan of every text column of the four tables finds the email nowhere, in any case.
    expect(await scanForIdentifiers(q, [email, 'nora.sealed'], { tables: FOUR_TABLES })).toEqual([]);
    expect(await q(`SELECT 1 FROM information_schema.columns WHERE table_name = 'payments' AND column_name = 'email'`).then((r) => r.rowCount)).toBe(0);
    expect(await countPlaintextContacts(db())).toMatchObject({ shoppersEmail: 0, recoveryContactsEmail: 0, mailRecipients: 0 });

    // 2. Sign-in by email in any case; the account shows the email in clear; no second account.
    const signedIn = await signInShopper(db(), { email: 'NORA.SEALED@EXAMPLE.COM', password: PASSWORD }, client(2), roomy());
    expect(signedIn.shopperId).toBe(signedUp.shopperId);
    expect((await resolveShopper(db(), signedIn.token))?.email).toBe(email);
    await expect(signUpShopper(db(), { email: 'nora.SEALED@example.com', password: 'another long password' }, client(3))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(signInShopper(db(), { email, password: 'wrong password here' }, client(2), roomy())).rejects.toThrow();

    // 3. Password reset by email: the link arrives (the mail's recipient opens to the address) and works.
    const token = await mailedResetToken(email);
    const mailbox = await listMail(db(), { kind: 'password_reset', limit: 10 });
    expect(mailbox.items.map((m) => m.to)).toEqual([email]);
    const reset = await resetShopperPassword(db(), { token, password: 'a brand new passphrase' }, client(4));
    expect(reset.shopperId).toBe(signedUp.shopperId);
    expect((await signInShopper(db(), { email: 'Nora.Sealed@example.com', password: 'a brand new passphrase' }, client(5), roomy())).shopperId).toBe(signedUp.shopperId);

    // 4. The recovery email goes to the shopper's address (SMTP envelope), though the contact is sealed.
    const settings = recoverySettingsSchema.parse({ holdoutShare: 0, discount: false });
    const assigned = await assignRecoveryArm(db(), cart.cartId!, settings);
    expect(assigned).toMatchObject({ assigned: true, arm: 'treatment' });
    const sent = await sendRecoveryEmail(db(), (assigned as { attemptId: string }).attemptId, 'first', settings);
    expect(sent.sent).toBe(true);
    const mailId = (sent as { mailId: string }).mailId;
    expect((await getMail(db(), mailId)).to).toBe(email);
    await deliverMail(db(), mailId, { transport: 'smtp', smtpUrl, from: 'Luma <no-reply@luma.example>' });
    expect(received.at(-1)!.to).toEqual([email]);
    expect(await scanForIdentifiers(q, [email], { tables: FOUR_TABLES })).toEqual([]);

    // 5. Export finds every sealed row by the email and gives it back in clear.
    const subject = await resolveSubject(db(), 'NORA.Sealed@example.com');
    expect(subject.shopperIds).toEqual([signedUp.shopperId]);
    expect(subject.sessionKeys).toEqual(expect.arrayContaining([signedUp.visitorKey, cartSession]));
    const section = (key: string) => EXPORT_STEPS.find((s) => s.key === key)!.collect(db(), subject) as Promise<Record<string, unknown>[]>;
    expect((await section('export-shopper-account')).map((r) => [r.email, r.name])).toEqual([[email, 'Nora Sealed']]);
    expect((await section('export-reminder-contacts')).map((r) => [r.cartId, r.email])).toEqual([[cart.cartId, email]]);
    expect((await section('export-mail')).map((r) => [r.kind, r.to]).sort()).toEqual([['cart_recovery', email], ['password_reset', email]]);
    expect((await section('export-payments')).map((r) => r.orderId)).toEqual([placed.order.id]);

    // 6. Erasure by the email reaches every one of those rows; someone else's mail stays.
    await sendMail(db(), { to: 'bystander@example.com', subject: 'Hello', text: 'x', kind: 'other' }, { publish: async () => undefined });
    for (const step of ERASE_STEPS) await step.run(db(), subject);
    const left = (await q<{ shoppers: number; contacts: number; mail: number; cards: number; others: number }>(
      `SELECT (SELECT count(*) FROM shoppers WHERE email_hash = $1)::int AS shoppers,
              (SELECT count(*) FROM cart_recovery_contacts WHERE email_hash = $1)::int AS contacts,
              (SELECT count(*) FROM mail_outbox WHERE to_hash = $1)::int AS mail,
              (SELECT count(*) FROM payments WHERE order_id = $2 AND (fingerprint IS NOT NULL OR last4 IS NOT NULL))::int AS cards,
              (SELECT count(*) FROM mail_outbox WHERE to_hash = $3)::int AS others`,
      [hash, placed.order.id, emailHash('bystander@example.com')],
    )).rows[0];
    expect(left).toEqual({ shoppers: 0, contacts: 0, mail: 0, cards: 0, others: 1 });
    expect((await q(`SELECT amount_cents FROM payments WHERE order_id = $1`, [placed.order.id])).rowCount).toBe(1);
  });

  it('backfills legacy plaintext rows (idempotently), re-keys them on rotation, and the old keys can go', async () => {
    // Rows written before ADR 034: the email in clear, no blind index.
    const shopperId = newId('shp');
    await q(`INSERT INTO shoppers (id, email, name, password_hash, visitor_key, updated_at) VALUES ($1, 'old.timer@example.com', 'Old Timer', $2, $3, now())`, [
      shopperId,
      await hashPassword(PASSWORD),
      newSessionKey(),
    ]);
    const legacyCart = `cart_${newId('c')}`;
    await q(`INSERT INTO cart_recovery_contacts (cart_id, session_key, email, marketing_consent) VALUES ($1, $2, 'old.timer@example.com', true)`, [legacyCart, newSessionKey()]);
    const mailIds = [newId('mail'), newId('mail'), newId('mail')];
    for (const [i, id] of mailIds.entries()) {
      await q(`INSERT INTO mail_outbox (id, kind, to_address, subject, text_body, status) VALUES ($1, 'other', $2, 'Hi', 'x', 'stored')`, [
        id,
        i === 0 ? 'Old.Timer@Example.com' : `legacy${i}@example.com`,
      ]);
    }
    const before = await countPlaintextContacts(db());
    expect(before).toMatchObject({ shoppersEmail: 1, recoveryContactsEmail: 1, mailRecipients: 3 });
    // Legacy rows still read (plain values open as they are) and are found by erasure/export.
    expect((await getMail(db(), mailIds[0]!)).to).toBe('Old.Timer@Example.com');
    expect((await resolveSubject(db(), 'old.timer@example.com')).shopperIds).toEqual([shopperId]);

    const first = await encryptBackfill(db(), { batchSize: 2 });
    expect(first.complete).toBe(true);
    expect([first.shoppers.updated, first.cart_recovery_contacts.updated, first.mail_outbox.updated]).toEqual([1, 1, 3]);
    expect(await countPlaintextContacts(db())).toMatchObject({ shoppersEmail: 0, recoveryContactsEmail: 0, mailRecipients: 0 });
    expect(await scanForIdentifiers(q, ['old.timer@example.com', 'legacy1@example.com', 'legacy2@example.com'], { tables: FOUR_TABLES })).toEqual([]);
    const hashes = await q<{ n: number }>(
      `SELECT (SELECT count(*) FROM shoppers WHERE email_hash = $1) + (SELECT count(*) FROM cart_recovery_contacts WHERE email_hash = $1)
            + (SELECT count(*) FROM mail_outbox WHERE to_hash = $1) AS n`,
      [emailHash('old.timer@example.com')],
    );
    expect(Number(hashes.rows[0]!.n)).toBe(3);
    // The legacy account signs in by email now; the recipient keeps its case.
    expect((await signInShopper(db(), { email: 'OLD.TIMER@example.com', password: PASSWORD }, client(6), roomy())).shopperId).toBe(shopperId);
    expect((await getMail(db(), mailIds[0]!)).to).toBe('Old.Timer@Example.com');
    // Idempotent: a second run changes nothing.
    const raw = async () => (await q<{ v: string }>(`SELECT email AS v FROM shoppers WHERE id = $1 UNION ALL SELECT to_address FROM mail_outbox WHERE id = $2`, [shopperId, mailIds[0]])).rows;
    const sealed = await raw();
    const again = await encryptBackfill(db());
    expect([again.shoppers.updated, again.cart_recovery_contacts.updated, again.mail_outbox.updated]).toEqual([0, 0, 0]);
    expect(await raw()).toEqual(sealed);

    // Rotation: new keys first, old ones still listed; every value and hash moves to the new keys.
    const k2 = `k2:${randomBytes(32).toString('base64')}`;
    process.env.PII_ENCRYPTION_KEYS = `${k2},${DEV_PII}`;
    process.env.IDENTITY_TOKEN_KEYS = `i2:${randomBytes(24).toString('hex')},${DEV_IDENTITY}`;
    // Before the rotation runs, the account is still found under the old token key.
    expect((await signInShopper(db(), { email: 'old.timer@example.com', password: PASSWORD }, client(7), roomy())).shopperId).toBe(shopperId);
    const rotated = await encryptBackfill(db(), { mode: 'rotate', batchSize: 2 });
    expect(rotated.shoppers.updated).toBeGreaterThanOrEqual(1);
    const stale = await q<{ n: number }>(
      `SELECT ((SELECT count(*) FROM shoppers WHERE email NOT LIKE 'enc:v1:k2:%' OR email_hash <> $1 AND id = $2)
             + (SELECT count(*) FROM cart_recovery_contacts WHERE email NOT LIKE 'enc:v1:k2:%')
             + (SELECT count(*) FROM mail_outbox WHERE to_address NOT LIKE 'enc:v1:k2:%'))::int AS n`,
      [emailHash('old.timer@example.com'), shopperId],
    );
    expect(stale.rows[0]!.n).toBe(0);
    // The old keys can go: sign-in, the mailbox and erasure work under the new ones alone.
    process.env.PII_ENCRYPTION_KEYS = k2;
    process.env.IDENTITY_TOKEN_KEYS = process.env.IDENTITY_TOKEN_KEYS.split(',')[0]!;
    expect((await signInShopper(db(), { email: 'old.timer@example.com', password: PASSWORD }, client(8), roomy())).shopperId).toBe(shopperId);
    expect((await getMail(db(), mailIds[1]!)).to).toBe('legacy1@example.com');
    const subject = await resolveSubject(db(), 'old.timer@example.com');
    for (const step of ERASE_STEPS) await step.run(db(), subject);
    expect((await q(`SELECT 1 FROM shoppers WHERE id = $1`, [shopperId])).rowCount).toBe(0);
    expect((await q(`SELECT 1 FROM cart_recovery_contacts WHERE cart_id = $1`, [legacyCart])).rowCount).toBe(0);
    expect((await q<{ id: string }>(`SELECT id FROM mail_outbox WHERE id = ANY($1::text[]) ORDER BY id`, [mailIds])).rows.map((r) => r.id)).toEqual(mailIds.slice(1).sort());
  });
});
