'use client';
// The merchant's recommendation rules as a list with a Remove button each: per product
// (recs-rules-panel) and per placement (placement-rules-panel).
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';

export type ListedRule = { id: string; action: string; position: number; boost?: number | null; targetId: string; targetTitle?: string | null };

function label(r: ListedRule): string {
  if (r.action === 'pin') return `Pinned #${r.position + 1}`;
  if (r.action === 'boost') return `Boost ×${r.boost}`;
  return 'Excluded';
}

export function RuleList({ rules, label: ariaLabel, onRemove, pending }: { rules: ListedRule[]; label: string; onRemove: (id: string) => void; pending: boolean }) {
  return (
    <ul aria-label={ariaLabel} className="divide-y rounded-md border">
      {rules.map((r) => (
        <li key={r.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
          <div className="flex min-w-0 items-center gap-2">
            <Badge variant={r.action === 'pin' ? 'success' : r.action === 'boost' ? 'warning' : 'destructive'}>{label(r)}</Badge>
            <span className="truncate">{r.targetTitle ?? r.targetId}</span>
          </div>
          <Button size="sm" variant="ghost" aria-label={`Remove rule for ${r.targetTitle ?? r.targetId}`} disabled={pending} onClick={() => onRemove(r.id)}>
            Remove
          </Button>
        </li>
      ))}
    </ul>
  );
}
