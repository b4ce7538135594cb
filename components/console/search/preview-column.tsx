import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';
import type { SearchHit } from '@/server/modules/search/search-products';

type Item = SearchHit & { previousPosition?: number | null };

function Delta({ item }: { item: Item }) {
  if (item.pinned) return <Badge>pinned</Badge>;
  if (item.previousPosition == null) return <Badge variant="warning">new</Badge>;
  const moved = item.previousPosition - item.position;
  if (moved > 0)
    return (
      <Badge variant="success" aria-label={`up ${moved}`}>
        ↑{moved}
      </Badge>
    );
  if (moved < 0)
    return (
      <Badge variant="destructive" aria-label={`down ${-moved}`}>
        ↓{-moved}
      </Badge>
    );
  return (
    <span className="text-xs text-muted-foreground" aria-label="unchanged">
      –
    </span>
  );
}

export function PreviewColumn({
  title,
  items,
  showDelta,
  actions,
}: {
  title: string;
  items: Item[];
  showDelta?: boolean;
  actions?: (productId: string) => ReactNode;
}) {
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No results.</p>
      ) : (
        <ol aria-label={title} className="divide-y rounded-[var(--radius-card)] border bg-card">
          {items.map((i) => (
            <li key={i.productId} className="group flex items-center gap-2 px-3 py-2 text-sm">
              <span className="w-6 shrink-0 text-right tabular-nums text-muted-foreground">{i.position}</span>
              <div className="min-w-0 flex-1">
                <p className="truncate">{i.title}</p>
                <p className="truncate text-xs text-muted-foreground">
                  {i.category ?? '—'} · <Money cents={i.priceCents} /> ·{' '}
                  <span className="font-mono">{i.productId}</span>
                </p>
              </div>
              {actions ? (
                <div className="flex shrink-0 gap-1 opacity-0 group-hover:opacity-100 focus-within:opacity-100">
                  {actions(i.productId)}
                </div>
              ) : null}
              {showDelta ? <Delta item={i} /> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
