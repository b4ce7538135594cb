// Every outgoing message goes through here: one outbox row, then the deliver-mail function
// delivers it (SMTP) or files it in the dev mailbox, retrying with backoff. Bodies are never
// logged (they carry links); the outbox row is the place to read them.
import { mailQueued } from '@/inngest/events';
import { send } from '@/inngest/send';
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { logger } from '@/server/observability/logger';
import { sealRecipient } from '@/server/modules/privacy/contact-fields';
import { sendMailInput, type SendMailInput } from './mail.schema';

export type SendMailDeps = { publish?: (mailId: string) => Promise<unknown> };

const publishMailQueued = (mailId: string) => send(mailQueued.create({ mailId }, { id: `mail-${mailId}` }));

export async function sendMail(db: Db, raw: SendMailInput, deps: SendMailDeps = {}): Promise<{ id: string }> {
  const input = sendMailInput.parse(raw);
  const id = newId('mail');
  await db.mailOutbox.create({
    // The recipient is stored sealed with its blind index (ADR 034); deliver-mail opens it.
    data: { id, kind: input.kind, ...sealRecipient(input.to), subject: input.subject, textBody: input.text, htmlBody: input.html ?? null },
  });
  try {
    await (deps.publish ?? publishMailQueued)(id);
  } catch (err) {
    // The row is queued; a resend (or the outbox sweep) delivers it later.
    logger.warn({ err, mailId: id, kind: input.kind }, 'mail queued but not announced');
  }
  return { id };
}
