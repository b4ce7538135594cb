// The dev mailbox: the outbox read back (newest first), and one message opened in full.
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { openEmail } from '@/server/modules/privacy/contact-fields';
import { listMailInput, type ListMailInput } from './mail.schema';

export type MailSummary = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: string;
  transport: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
};
export type MailMessage = MailSummary & { text: string; html: string | null; lastError: string | null };

const summary = { id: true, kind: true, toAddress: true, subject: true, status: true, transport: true, attempts: true, createdAt: true, sentAt: true } as const;

export async function listMail(db: Db, raw: ListMailInput = {}): Promise<{ items: MailSummary[]; nextCursor: string | null }> {
  const input = listMailInput.parse(raw);
  const rows = await db.mailOutbox.findMany({
    where: { ...(input.kind ? { kind: input.kind } : {}), ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    select: summary,
  });
  const page = rows.slice(0, input.limit);
  return {
    // Recipients are stored sealed (ADR 034): opened for the mailbox, never filtered in SQL.
    items: page.map(({ toAddress, ...r }) => ({ ...r, to: openEmail(toAddress) })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

export async function getMail(db: Db, id: string): Promise<MailMessage> {
  const row = await db.mailOutbox.findUnique({ where: { id }, select: { ...summary, textBody: true, htmlBody: true, lastError: true } });
  if (!row) throw new NotFoundError('mail', id);
  const { toAddress, textBody, htmlBody, ...rest } = row;
  return { ...rest, to: openEmail(toAddress), text: textBody, html: htmlBody };
}
