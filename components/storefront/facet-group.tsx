'use client';
import { useState } from 'react';
import { cn } from '@/components/ui/cn';

export type FacetOption = { key: string; label: string; count: number | null; checked: boolean };

const COLLAPSED = 6;

/** One facet: a fieldset of checkboxes whose changes the parent turns into a URL. */
export function FacetGroup({
  title,
  options,
  onToggle,
  capitalize,
}: {
  title: string;
  options: FacetOption[];
  onToggle: (key: string) => void;
  capitalize?: boolean;
}) {
  const [expanded, setExpanded] = useState(false);
  if (options.length === 0) return null;
  // Ticked values always show, even when they sit past the fold.
  const visible = expanded ? options : options.filter((o, i) => i < COLLAPSED || o.checked);
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1.5 text-sm font-semibold">{title}</legend>
      {visible.map((o) => (
        <label key={o.key} className="flex cursor-pointer items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={o.checked}
            onChange={() => onToggle(o.key)}
            className="size-4 shrink-0 accent-primary"
          />
          <span className={cn('min-w-0 flex-1 truncate', capitalize && 'capitalize', o.checked && 'font-medium')}>
            {o.label}
          </span>
          {o.count !== null ? (
            <span className="text-xs tabular-nums text-muted-foreground">{o.count.toLocaleString('en-US')}</span>
          ) : null}
        </label>
      ))}
      {options.length > visible.length || expanded ? (
        <button
          type="button"
          onClick={() => setExpanded((v) => !v)}
          className="self-start text-xs font-medium text-primary hover:underline"
        >
          {expanded ? 'Show fewer' : `Show all ${options.length}`}
        </button>
      ) : null}
    </fieldset>
  );
}
