'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useOptimistic } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import type { FacetValue } from '@/server/modules/search/facets';
import { FacetGroup, type FacetOption } from './facet-group';
import { useSearchNavigation } from './search-navigation';
import {
  hasFilters,
  searchHref,
  searchQueryInput,
  toggleValue,
  withFilters,
  type ListFilter,
  type SearchState,
} from './search-params';

/** Values with counts, plus any ticked value the current results no longer contain. */
function listOptions(values: FacetValue[], selected: string[] = []): FacetOption[] {
  const options: FacetOption[] = values.map((v) => ({
    key: v.value,
    label: v.value,
    count: v.count,
    checked: selected.includes(v.value),
  }));
  for (const s of selected)
    if (!values.some((v) => v.value === s)) options.unshift({ key: s, label: s, count: null, checked: true });
  return options;
}

export function SearchFacets({ state }: { state: SearchState }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.search.query.queryOptions(searchQueryInput(state)));
  const { navigate } = useSearchNavigation();
  const [shown, setShown] = useOptimistic(state);
  const { facets } = data;
  const f = shown.filters;

  const go = (next: SearchState) => navigate(searchHref(next), () => setShown(next));
  const toggle = (key: ListFilter) => (value: string) => go(toggleValue(shown, key, value));

  const bandKey = (min: number, max: number | null) => `${min}-${max ?? ''}`;
  const activeBand =
    f.priceMin !== undefined || f.priceMax !== undefined ? bandKey(f.priceMin ?? 0, f.priceMax ?? null) : null;
  const priceOptions: FacetOption[] = facets.price.map((b) => ({
    key: bandKey(b.min, b.max),
    label: b.label,
    count: b.count,
    checked: activeBand === bandKey(b.min, b.max),
  }));
  if (activeBand && !priceOptions.some((o) => o.checked)) {
    priceOptions.unshift({ key: activeBand, label: 'Selected range', count: null, checked: true });
  }
  const togglePrice = (key: string) => {
    if (key === activeBand) return go(withFilters(shown, { priceMin: undefined, priceMax: undefined }));
    const [min, max] = key.split('-');
    go(withFilters(shown, { priceMin: Number(min), priceMax: max ? Number(max) : undefined }));
  };

  return (
    <aside aria-label="Filters" className="flex flex-col gap-6">
      <div className="flex items-center justify-between">
        <h2 className="text-base font-semibold">Filters</h2>
        {hasFilters(shown) ? (
          <button
            type="button"
            onClick={() => go({ ...shown, filters: {}, page: 1 })}
            className="text-sm font-medium text-primary hover:underline"
          >
            Clear all
          </button>
        ) : null}
      </div>
      <FacetGroup
        title="Availability"
        options={[{ key: 'inStock', label: 'In stock only', count: facets.inStock, checked: f.inStock === true }]}
        onToggle={() => go(withFilters(shown, { inStock: f.inStock ? undefined : true }))}
      />
      <FacetGroup title="Category" options={listOptions(facets.category, f.category)} onToggle={toggle('category')} />
      <FacetGroup title="Type" options={listOptions(facets.class, f.class)} onToggle={toggle('class')} />
      <FacetGroup title="Price" options={priceOptions} onToggle={togglePrice} />
      <FacetGroup title="Colour" options={listOptions(facets.color, f.color)} onToggle={toggle('color')} capitalize />
      <FacetGroup
        title="Material"
        options={listOptions(facets.material, f.material)}
        onToggle={toggle('material')}
        capitalize
      />
    </aside>
  );
}
