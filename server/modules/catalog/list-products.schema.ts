import { z } from 'zod';

export const listProductsInput = z.object({
  /** Top-level category name, e.g. "Furniture". */
  category: z.string().trim().min(1).max(120).optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(100).default(24),
});
export type ListProductsInput = z.input<typeof listProductsInput>;
