// The REST catalog doors' inputs (app/api/v1/products): the fields reuse the import's row
// schema, so a value the import refuses is refused here with the same message.
import { z } from 'zod';
import { importRow } from './import/import.schema';

export const restProductIdInput = z.object({ productId: z.string().trim().min(1).max(64) });

export const listRestProductsInput = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The last product id of the previous page (ids are time-sortable). */
  cursor: z.string().trim().min(1).max(64).optional(),
});
export type ListRestProductsInput = z.input<typeof listRestProductsInput>;

const allowBackorder = z.boolean({ error: 'must be true or false' });

export const createRestProductInput = z.strictObject({
  sku: importRow.shape.sku,
  title: importRow.shape.title,
  description: importRow.shape.description,
  categoryPath: importRow.shape.categoryPath,
  priceCents: importRow.shape.priceCents,
  currency: importRow.shape.currency,
  stock: importRow.shape.stock,
  hidden: z.boolean({ error: 'must be true or false' }).default(false),
  allowBackorder: allowBackorder.default(false),
});
export type CreateRestProductInput = z.input<typeof createRestProductInput>;

/** Every field optional: only what is given changes. */
export const updateRestProductInput = z
  .strictObject({
    title: importRow.shape.title.optional(),
    description: z.string().trim().max(5_000, 'at most 5000 characters').optional(),
    priceCents: importRow.shape.priceCents.optional(),
    // unwrap(): the import defaults stock to 0, a PATCH leaves it out.
    stock: importRow.shape.stock.unwrap().optional(),
    hidden: z.boolean({ error: 'must be true or false' }).optional(),
    allowBackorder: allowBackorder.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one field to change' });
export type UpdateRestProductInput = z.input<typeof updateRestProductInput>;
