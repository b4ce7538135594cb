import { cn } from '@/components/ui/cn';
import type { SuggestionGroup, SuggestionOption } from './suggestion-options';

type Props = {
  id: string;
  groups: SuggestionGroup[];
  activeId: string | undefined;
  open: boolean;
  onPick: (option: SuggestionOption) => void;
  onHover: (option: SuggestionOption) => void;
};

/** The combobox's popup: options grouped by kind; the input keeps focus (aria-activedescendant). */
export function SearchSuggestions({ id, groups, activeId, open, onPick, onHover }: Props) {
  return (
    <div
      id={id}
      role="listbox"
      aria-label="Search suggestions"
      hidden={!open}
      className="absolute inset-x-0 top-full z-20 mt-1 max-h-[70vh] overflow-y-auto rounded-[var(--radius-card)] border bg-card py-1 shadow-lg"
    >
      {groups.map((g) => (
        <div key={g.id} role="group" aria-labelledby={`${id}-${g.id}`} className="py-1">
          <div
            id={`${id}-${g.id}`}
            role="presentation"
            className="px-3 pb-1 pt-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground"
          >
            {g.label}
          </div>
          {g.options.map((o) => (
            <div
              key={o.id}
              id={o.id}
              role="option"
              aria-selected={o.id === activeId}
              // Keep focus in the input so the click lands before the popup closes on blur.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => onHover(o)}
              onClick={() => onPick(o)}
              className={cn(
                'flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm',
                o.id === activeId ? 'bg-accent text-accent-foreground' : 'text-foreground',
              )}
            >
              <span className="truncate">{o.text}</span>
              {o.group === 'corrected' ? (
                <span className="ml-auto shrink-0 text-xs text-muted-foreground">
                  {o.kind === 'category' ? 'category' : 'search'}
                </span>
              ) : null}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
