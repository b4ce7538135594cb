// The MailTransport shape (server/modules/auth/mail.ts) backed by the outbox, so existing
// senders (password reset, order notices) switch to sendMail without changing signatures.
import { getDb, type Db } from '@/server/db/client';
import type { MailTransport } from '@/server/modules/auth/mail';
import type { MailKind } from './mail.schema';
import { sendMail } from './send-mail';

export function outboxTransport(kind: MailKind, db?: Db): MailTransport {
  return async (mail) => {
    await sendMail(db ?? getDb(), { ...mail, kind });
  };
}
