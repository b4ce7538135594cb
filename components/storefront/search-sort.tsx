'use client';
import { useId } from 'react';
import { useSearchNavigation } from './search-navigation';
import { searchHref, type SearchState, type Sort } from './search-params';

const LABELS: Record<Sort, string> = {
  relevance: 'Best match',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  rating: 'Top rated',
  newest: 'Newest',
};

export function SearchSort({ state }: { state: SearchState }) {
  const id = useId();
  const { navigate } = useSearchNavigation();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-muted-foreground">
        Sort by
      </label>
      <select
        id={id}
        value={state.sort}
        onChange={(e) => navigate(searchHref({ ...state, sort: e.target.value as Sort, page: 1 }))}
        className="h-9 rounded-md border bg-card px-2 text-sm focus-visible:outline-2 focus-visible:outline-primary"
      >
        {(Object.keys(LABELS) as Sort[]).map((s) => (
          <option key={s} value={s}>
            {LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  );
}
