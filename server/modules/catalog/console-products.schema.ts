// Console → Catalog: the list's filter (a URL query) and the hide/unhide action. Client-safe.
import { z } from 'zod';

export const CATALOG_FILTERS = ['all', 'active', 'hidden', 'out_of_stock'] as const;
export type CatalogFilter = (typeof CATALOG_FILTERS)[number];

export const listConsoleProductsInput = z.object({
  filter: z.enum(CATALOG_FILTERS, { error: 'filter must be all, active, hidden or out_of_stock' }).default('all'),
  /** Title or SKU contains (case-insensitive). */
  q: z.string().trim().max(100, 'q must be at most 100 characters').default(''),
  page: z.number().int().min(1, 'page must be 1 or more').max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100, 'pageSize must be at most 100').default(50),
});
export type ListConsoleProductsInput = z.input<typeof listConsoleProductsInput>;

/** Hide or show up to 100 products at once (bulk select). */
export const setProductsHiddenInput = z.object({
  productIds: z
    .array(z.string().trim().min(1).max(64))
    .min(1, 'productIds must name at least one product')
    .max(100, 'productIds can name at most 100 products'),
  hidden: z.boolean({ error: 'hidden must be true or false' }),
});
export type SetProductsHiddenInput = z.input<typeof setProductsHiddenInput>;
