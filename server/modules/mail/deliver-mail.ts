// Delivers one outbox message: SMTP through nodemailer when configured, else the dev mailbox
// (the row is marked stored and stays readable in the console). Idempotent: a message already
// sent or stored is left alone, so a retried step never mails twice.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { openEmail } from '@/server/modules/privacy/contact-fields';
import { mailConfig, type MailConfig } from './mail-config';

const transporters = new Map<string, Transporter>();
function smtpTransporter(url: string): Transporter {
  let t = transporters.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transporters.set(url, t);
  }
  return t;
}

export type DeliverResult = { id: string; status: 'sent' | 'stored'; transport: 'smtp' | 'dev'; attempts: number; skipped?: boolean };

export async function deliverMail(db: Db, mailId: string, config: MailConfig = mailConfig()): Promise<DeliverResult> {
  const mail = await db.mailOutbox.findUnique({ where: { id: mailId } });
  if (!mail) throw new NotFoundError('mail', mailId);
  if (mail.status === 'sent' || mail.status === 'stored') {
    return { id: mail.id, status: mail.status, transport: mail.transport === 'smtp' ? 'smtp' : 'dev', attempts: mail.attempts, skipped: true };
  }
  const attempts = mail.attempts + 1;
  if (config.transport === 'dev') {
    await db.mailOutbox.update({ where: { id: mailId }, data: { status: 'stored', transport: 'dev', attempts, sentAt: new Date(), lastError: null } });
    return { id: mailId, status: 'stored', transport: 'dev', attempts };
  }
  try {
    const info = await smtpTransporter(config.smtpUrl).sendMail({
      from: config.from,
      to: openEmail(mail.toAddress),
      subject: mail.subject,
      text: mail.textBody,
      ...(mail.htmlBody ? { html: mail.htmlBody } : {}),
      headers: { 'X-Luma-Mail-Id': mail.id },
    });
    await db.mailOutbox.update({
      where: { id: mailId },
      data: { status: 'sent', transport: 'smtp', attempts, sentAt: new Date(), lastError: null, messageId: info.messageId ?? null },
    });
    return { id: mailId, status: 'sent', transport: 'smtp', attempts };
  } catch (err) {
    // Only the error's message: never the body or the recipient.
    const message = (err as Error).message.slice(0, 500);
    await db.mailOutbox.update({ where: { id: mailId }, data: { attempts, transport: 'smtp', lastError: message } });
    throw new Error(`SMTP delivery failed: ${message}`);
  }
}

/** After the last retry: the message is marked failed (still readable, resendable by a person). */
export async function markMailFailed(db: Db, mailId: string, reason: string): Promise<void> {
  await db.mailOutbox.updateMany({ where: { id: mailId, status: 'queued' }, data: { status: 'failed', lastError: reason.slice(0, 500) } });
}
