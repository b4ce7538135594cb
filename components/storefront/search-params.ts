// The /search URL ⇄ search input. Parsing is forgiving on purpose: a shopper's (or a
// crawler's) bad parameter is dropped, never a crash. Links always repeat a parameter per
// value, because WANDS category and class names contain commas ("Pots, Pans & Skillets").
import { z } from 'zod';
import { SORTS, type SearchFilters } from '@/server/modules/search/search.schema';

export type Sort = (typeof SORTS)[number];
export type SearchState = { q: string; page: number; sort: Sort; filters: SearchFilters };
export type RawParams = Record<string, string | string[] | undefined>;
export type ListFilter = 'category' | 'class' | 'color' | 'material';

export const LIST_FILTERS: ListFilter[] = ['category', 'class', 'color', 'material'];
const MAX_LEN: Record<ListFilter, number> = { category: 120, class: 120, color: 40, material: 40 };

const cents = z.coerce.number().int().min(0).max(100_000_000);
const page = z.coerce.number().int().min(1).max(100);
const sort = z.enum(SORTS);

function values(raw: RawParams, key: string): string[] {
  const v = raw[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * "a,b" is a list; "Pots, Pans & Skillets" is one name. Colour and material values are
 * single words, so any comma separates them.
 */
function splitList(value: string, key: ListFilter): string[] {
  return key === 'color' || key === 'material' ? value.split(',') : value.split(/,(?=\S)/);
}

function list(raw: RawParams, key: ListFilter): string[] | undefined {
  const items = values(raw, key)
    .flatMap((v) => splitList(v, key))
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= MAX_LEN[key]);
  const unique = [...new Set(items)].slice(0, 20);
  return unique.length > 0 ? unique : undefined;
}

function first<T>(raw: RawParams, key: string, schema: z.ZodType<T>): T | undefined {
  const result = schema.safeParse(values(raw, key)[0]);
  return result.success ? result.data : undefined;
}

export function parseSearchParams(raw: RawParams): SearchState {
  const filters: SearchFilters = {};
  for (const key of LIST_FILTERS) {
    const v = list(raw, key);
    if (v) filters[key] = v;
  }
  const priceMin = first(raw, 'priceMin', cents);
  const priceMax = first(raw, 'priceMax', cents);
  if (priceMin !== undefined) filters.priceMin = priceMin;
  if (priceMax !== undefined && (priceMin === undefined || priceMax >= priceMin)) filters.priceMax = priceMax;
  const inStock = values(raw, 'inStock')[0];
  if (inStock === 'true' || inStock === '1') filters.inStock = true;
  return {
    q: (values(raw, 'q')[0] ?? '').trim().slice(0, 200),
    page: first(raw, 'page', page) ?? 1,
    sort: first(raw, 'sort', sort) ?? 'relevance',
    filters,
  };
}

/** The canonical URL for a search state; defaults are left out so links stay short and stable. */
export function searchHref(state: SearchState): string {
  const p = new URLSearchParams();
  p.set('q', state.q);
  const f = state.filters;
  for (const key of LIST_FILTERS) for (const v of f[key] ?? []) p.append(key, v);
  if (f.priceMin !== undefined) p.set('priceMin', String(f.priceMin));
  if (f.priceMax !== undefined) p.set('priceMax', String(f.priceMax));
  if (f.inStock) p.set('inStock', 'true');
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  return `/search?${p.toString()}`;
}

/** A new state from a filter change; any filter change starts again at page 1. */
export function withFilters(state: SearchState, patch: Partial<SearchFilters>): SearchState {
  const filters: SearchFilters = { ...state.filters, ...patch };
  for (const key of Object.keys(filters) as (keyof SearchFilters)[]) {
    const v = filters[key];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete filters[key];
  }
  return { ...state, filters, page: 1 };
}

export function toggleValue(state: SearchState, key: ListFilter, value: string): SearchState {
  const current = state.filters[key] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return withFilters(state, { [key]: next });
}

export function hasFilters(state: SearchState): boolean {
  return Object.keys(state.filters).length > 0;
}

/** What the tRPC query is keyed by; built in one place so the server prefetch and the client read match. */
export function searchQueryInput(state: SearchState) {
  return { q: state.q, page: state.page, sort: state.sort, filters: state.filters, pageSize: 24 };
}
