// The mail outbox on a real database with the embedded runner: the dev mailbox keeps
// messages readable; SMTP delivery runs the real nodemailer client against an in-process SMTP
// server (smtp-server), including a rejected first attempt that is retried with backoff.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { runUntilFinished } from '@/inngest/runner/wait-for-run';
import { useTestDatabase } from '@/server/db/testing';
import { requestPasswordReset } from '@/server/modules/auth/password-reset';
import { createStaff } from '@/server/modules/auth/create-staff';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { notifyOrder } from '@/server/modules/notifications/notify-order';
import { getMail, listMail } from './read-mailbox';
import { sendMail } from './send-mail';
import { emailHash, openEmail } from '@/server/modules/privacy/contact-fields';

const getDb = useTestDatabase();
let runner: Runner;

// In-process SMTP server: `reject` upcoming messages are refused with a 451, then accepted.
const received: { to: string[]; raw: string }[] = [];
let reject = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    stream.on('end', () => {
      if (reject > 0) {
        reject--;
        const err = Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 });
        return callback(err);
      }
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
let smtpUrl: string;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  runner = createRunner({ db: getDb().prisma, client: inngest, functions, pollMs: 20, backoffBaseMs: 40, log: () => undefined });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
});
afterEach(() => {
  delete process.env.SMTP_URL;
  reject = 0;
});

const mailRow = (id: string) => getDb().prisma.mailOutbox.findUniqueOrThrow({ where: { id } });

describe('mail outbox', () => {
  it('keeps messages in the dev mailbox when SMTP is not configured, readable in full', async () => {
    const { id } = await sendMail(getDb().prisma, { to: 'Shopper@Example.com', subject: 'Hello', text: 'Open https://shop.example/cart?r=abc', kind: 'other' });
    const run = await runUntilFinished(runner, getDb(), 'deliver-mail', { where: `event->'data'->>'mailId' = '${id}'` });
    expect(run.status).toBe('completed');
    // The recipient is stored sealed with its blind index (ADR 034); the mailbox opens it.
    const row = await mailRow(id);
    expect(row).toMatchObject({ status: 'stored', transport: 'dev', attempts: 1, toHash: emailHash('shopper@example.com') });
    expect(row.toAddress).toMatch(/^enc:v1:/);
    expect(openEmail(row.toAddress)).toBe('shopper@example.com');
    const list = await listMail(getDb().prisma, { limit: 10 });
    expect(list.items.find((m) => m.id === id)?.to).toBe('shopper@example.com');
    const opened = await getMail(getDb().prisma, id);
    expect(opened.to).toBe('shopper@example.com');
    expect(opened.text).toBe('Open https://shop.example/cart?r=abc');
    expect(received).toHaveLength(0);
  });

  it('rejects a message without a valid recipient and writes nothing', async () => {
    const before = await getDb().prisma.mailOutbox.count();
    await expect(sendMail(getDb().prisma, { to: 'not-an-email', subject: 'x', text: 'y', kind: 'other' })).rejects.toThrow(/to must be a valid email/);
    expect(await getDb().prisma.mailOutbox.count()).toBe(before);
  });

  it('delivers over SMTP with nodemailer, retrying after the server refuses the first attempt', async () => {
    process.env.SMTP_URL = smtpUrl;
    reject = 1;
    const { id } = await sendMail(getDb().prisma, { to: 'buyer@example.com', subject: 'Your cart is waiting', text: 'Come back', kind: 'cart_recovery' });
    const run = await runUntilFinished(runner, getDb(), 'deliver-mail', { where: `event->'data'->>'mailId' = '${id}'` });
    expect(run.status).toBe('completed');
    const row = await mailRow(id);
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 2, lastError: null });
    expect(row.messageId).toBeTruthy();
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['buyer@example.com']);
    expect(received[0]!.raw).toContain('Subject: Your cart is waiting');
    expect(received[0]!.raw.toLowerCase()).toContain(`x-luma-mail-id: ${id.toLowerCase()}`);
  });

  it('marks a message failed after the last retry, recording the server error', async () => {
    process.env.SMTP_URL = smtpUrl;
    reject = 100;
    const before = received.length;
    const { id } = await sendMail(getDb().prisma, { to: 'buyer@example.com', subject: 'Never arrives', text: 'x', kind: 'other' });
    const run = await runUntilFinished(runner, getDb(), 'deliver-mail', { where: `event->'data'->>'mailId' = '${id}'` });
    expect(run.status).toBe('failed');
    // The onFailure handler runs after the run fails.
    for (let i = 0; i < 100 && (await mailRow(id)).status !== 'failed'; i++) await runner.tick();
    const row = await mailRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 6 });
    expect(row.lastError).toMatch(/mailbox busy/);
    expect(received.length).toBe(before);
  });

  it('sends password resets and order notices through the outbox', async () => {
    await createStaff(getDb().prisma, { email: 'ivy@luma.example', name: 'Ivy', password: 'correct horse battery', roles: ['viewer'] });
    await requestPasswordReset(getDb().prisma, 'ivy@luma.example', {
      baseUrl: 'http://localhost:3000',
      limiter: createTokenBucket({ capacity: 10, refillPerSec: 1 }),
    });
    await notifyOrder('buyer@example.com', 'confirmed', { id: 'ord_TEST' });
    const reset = await getDb().prisma.mailOutbox.findFirstOrThrow({ where: { kind: 'password_reset' } });
    expect(openEmail(reset.toAddress)).toBe('ivy@luma.example');
    expect(reset.textBody).toMatch(/\/console\/sign-in\/reset\?token=/);
    const notice = await getDb().prisma.mailOutbox.findFirstOrThrow({ where: { kind: 'order_notice' } });
    expect(notice.subject).toBe('Your order is confirmed (ord_TEST)');
  });
});
