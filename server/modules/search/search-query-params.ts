// The REST form of search input: flat query-string parameters mapped onto searchInput.
import { z } from 'zod';
import { csvList } from '@/server/api/rest';
import { SORTS } from './search.schema';

const int = (name: string) => z.coerce.number({ message: `${name} must be a number` }).int(`${name} must be an integer`);

export const searchQueryParams = z
  .object({
    q: z.string(),
    page: int('page').optional(),
    pageSize: int('pageSize').optional(),
    sort: z.enum(SORTS).optional(),
    category: csvList.optional(),
    class: csvList.optional(),
    color: csvList.optional(),
    material: csvList.optional(),
    priceMin: int('priceMin').optional(),
    priceMax: int('priceMax').optional(),
    ratingMin: z.coerce.number().optional(),
    inStock: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .strict()
  .transform(({ q, page, pageSize, sort, ...filters }) => ({
    q,
    page,
    pageSize,
    sort,
    filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
  }));

export const autocompleteQueryParams = z.object({ q: z.string(), limit: int('limit').optional() }).strict();
