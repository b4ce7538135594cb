import type { Suggestion } from '@/server/modules/search/autocomplete-index';

export type SuggestionGroupId = 'corrected' | 'query' | 'category' | 'product';
export type SuggestionOption = Suggestion & { id: string; href: string; group: SuggestionGroupId };
export type SuggestionGroup = { id: SuggestionGroupId; label: string; options: SuggestionOption[] };

const GROUPS: { id: SuggestionGroupId; label: string }[] = [
  { id: 'corrected', label: 'Did you mean' },
  { id: 'query', label: 'Searches' },
  { id: 'category', label: 'Categories' },
  { id: 'product', label: 'Products' },
];

export function suggestionHref(s: Suggestion): string {
  return s.kind === 'product' && s.slug ? `/p/${s.slug}` : `/search?q=${encodeURIComponent(s.text)}`;
}

/**
 * Groups in display order. A typo-corrected query or category goes under "Did you mean";
 * a corrected product is still a product the shopper can open.
 */
export function groupSuggestions(suggestions: Suggestion[], listboxId: string): SuggestionGroup[] {
  const options = suggestions.map((s, i) => ({
    ...s,
    id: `${listboxId}-option-${i}`,
    href: suggestionHref(s),
    group: s.corrected && s.kind !== 'product' ? ('corrected' as const) : s.kind,
  }));
  return GROUPS.map((g) => ({ ...g, options: options.filter((o) => o.group === g.id) })).filter(
    (g) => g.options.length > 0,
  );
}
