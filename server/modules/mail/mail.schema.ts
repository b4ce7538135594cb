// Outgoing mail inputs (client-safe: zod only).
import { z } from 'zod';

export const MAIL_KINDS = ['password_reset', 'order_notice', 'cart_recovery', 'staff_invite', 'privacy', 'other'] as const;
export const mailKind = z.enum(MAIL_KINDS);
export type MailKind = z.infer<typeof mailKind>;

export const sendMailInput = z.object({
  to: z.string().trim().toLowerCase().max(254).pipe(z.email('to must be a valid email address')),
  subject: z.string().trim().min(1, 'subject is required').max(300),
  text: z.string().min(1, 'text is required').max(100_000),
  html: z.string().max(300_000).optional(),
  kind: mailKind,
});
export type SendMailInput = z.input<typeof sendMailInput>;

export const listMailInput = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  kind: mailKind.optional(),
});
export type ListMailInput = z.input<typeof listMailInput>;

export const getMailInput = z.object({ id: z.string().min(1).max(64) });
