import { z } from 'zod';

export const listAuditInput = z.object({
  actor: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  entity: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  /** The seq of the last row of the previous page (newest first). */
  cursor: z.string().regex(/^\d+$/, 'cursor must be a row number').optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListAuditInput = z.input<typeof listAuditInput>;
