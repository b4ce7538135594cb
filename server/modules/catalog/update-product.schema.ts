// A merchant's edit of one product in the console. The fields reuse the import's row schema,
// so a value the import refuses is refused here with the same message.
import { z } from 'zod';
import { importRow } from './import/import.schema';

export const productIdInput = z.object({ productId: z.string().trim().min(1).max(64) });

export const updateProductInput = z.object({
  productId: z.string().trim().min(1).max(64),
  title: importRow.shape.title,
  description: importRow.shape.description,
  priceCents: importRow.shape.priceCents,
  stock: importRow.shape.stock,
  hidden: z.boolean(),
});
export type UpdateProductInput = z.input<typeof updateProductInput>;
