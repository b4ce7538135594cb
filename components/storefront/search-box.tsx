'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { SearchSuggestions } from './search-suggestions';
import { groupSuggestions, type SuggestionOption } from './suggestion-options';

const DEBOUNCE_MS = 80;

/** Header search. On /search it shows the current query; a new query remounts it fresh. */
export function SearchBox() {
  const pathname = usePathname();
  const params = useSearchParams();
  const current = pathname === '/search' ? (params.get('q') ?? '') : '';
  return <SearchCombobox key={current} initialQuery={current} />;
}

function SearchCombobox({ initialQuery }: { initialQuery: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const listboxId = useId();
  const [value, setValue] = useState(initialQuery);
  const [debounced, setDebounced] = useState(initialQuery.trim());
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Whatever a fast shopper typed before hydration is in the DOM but not in state: adopt it.
    const el = inputRef.current;
    if (el && el.value !== initialQuery) {
      setValue(el.value);
      setOpen(document.activeElement === el);
    }
  }, [initialQuery]);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);

  const suggestions = useQuery(
    trpc.search.autocomplete.queryOptions(
      { q: debounced, limit: 8 },
      { enabled: open && debounced.length > 0, placeholderData: keepPreviousData, staleTime: 60_000 },
    ),
  );
  const typed = value.trim().length > 0;
  const groups = typed ? groupSuggestions(suggestions.data?.suggestions ?? [], listboxId) : [];
  const options = groups.flatMap((g) => g.options);
  const expanded = open && options.length > 0;
  const activeOption = expanded ? options[active] : undefined;

  function go(href: string) {
    setOpen(false);
    setActive(-1);
    router.push(href);
  }

  function pick(option: SuggestionOption) {
    if (option.kind !== 'product') setValue(option.text);
    go(option.href);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 && step < 0 ? options.length - 1 : (i + step + options.length) % options.length));
    } else if (e.key === 'Enter' && activeOption) {
      e.preventDefault();
      pick(activeOption);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (expanded) setOpen(false);
      else setValue('');
      setActive(-1);
    }
  }

  return (
    <form
      role="search"
      action="/search"
      className="relative w-full"
      onSubmit={(e) => {
        e.preventDefault();
        const q = value.trim();
        if (q) go(`/search?q=${encodeURIComponent(q)}`);
      }}
    >
      <SearchIcon />
      <input
        ref={inputRef}
        type="text"
        name="q"
        role="combobox"
        aria-label="Search products"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={activeOption?.id}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        placeholder="Search sofas, lamps, rugs…"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="h-10 w-full rounded-md border bg-background pl-9 pr-3 text-sm outline-none placeholder:text-muted-foreground focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/20"
      />
      <SearchSuggestions
        id={listboxId}
        groups={groups}
        activeId={activeOption?.id}
        open={expanded}
        onPick={pick}
        onHover={(o) => setActive(options.indexOf(o))}
      />
    </form>
  );
}

export function SearchIcon() {
  return (
    <svg
      aria-hidden
      viewBox="0 0 20 20"
      className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 fill-none stroke-muted-foreground stroke-2"
    >
      <circle cx="9" cy="9" r="6" />
      <path d="m14 14 4 4" strokeLinecap="round" />
    </svg>
  );
}

/** Shown while the header renders without the URL (static pages); a plain GET form until it hydrates. */
export function SearchBoxFallback() {
  return (
    <form role="search" action="/search" className="relative w-full">
      <SearchIcon />
      <input
        type="text"
        name="q"
        aria-label="Search products"
        placeholder="Search sofas, lamps, rugs…"
        className="h-10 w-full rounded-md border bg-background pl-9 pr-3 text-sm outline-none placeholder:text-muted-foreground"
      />
    </form>
  );
}
