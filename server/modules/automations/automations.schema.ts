import { z } from 'zod';

export const RUN_STATUSES = ['queued', 'running', 'sleeping', 'waiting', 'completed', 'failed', 'cancelled'] as const;

export const listRunsInput = z.object({
  functionId: z.string().min(1).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const runIdInput = z.object({ runId: z.string().min(1) });

export type ListRunsInput = z.input<typeof listRunsInput>;

export const subjectRunsInput = z.object({
  key: z.enum(['orderId', 'productId', 'experimentId']),
  value: z.string().min(1).max(100),
});
