import { z } from 'zod';

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'rating', 'newest'] as const;

export const searchFilters = z
  .object({
    category: z.array(z.string().trim().min(1).max(120)).max(20).optional(),
    class: z.array(z.string().trim().min(1).max(120)).max(20).optional(),
    color: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    material: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    priceMin: z.number().int().min(0).optional(),
    priceMax: z.number().int().min(0).optional(),
    ratingMin: z.number().min(0).max(5).optional(),
    inStock: z.boolean().optional(),
  })
  // An unknown filter is a client bug: say so instead of silently ignoring it.
  .strict();
export type SearchFilters = z.infer<typeof searchFilters>;

export const searchInput = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(200, 'q must be at most 200 characters'),
  filters: searchFilters.default({}),
  sort: z.enum(SORTS).default('relevance'),
  page: z.number().int().min(1).max(100).default(1),
  pageSize: z.number().int().min(1).max(60).default(24),
  /** Serve a specific ranking version (experiments, previews); default: the active one. */
  rankingVersion: z.number().int().min(0).optional(),
});
export type SearchInput = z.input<typeof searchInput>;
export type ParsedSearchInput = z.output<typeof searchInput>;

export const autocompleteInput = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(100, 'q must be at most 100 characters'),
  limit: z.number().int().min(1).max(20).default(8),
});
export type AutocompleteInput = z.input<typeof autocompleteInput>;
