import { z } from 'zod';

export const WEBHOOK_INBOX_STATUSES = ['received', 'processed', 'failed'] as const;

export const listInboxInput = z.object({
  status: z.enum(WEBHOOK_INBOX_STATUSES).optional(),
  provider: z.enum(['local', 'stripe']).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type ListInboxInput = z.input<typeof listInboxInput>;

export const inboxIdInput = z.object({ inboxId: z.string().min(1).max(100) });
