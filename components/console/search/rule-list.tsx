import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import type { MerchRule } from '@/server/modules/search/ranking-config';
import { describeRule } from './describe-rule';

type Props = {
  active: MerchRule[];
  removed: Set<string>;
  added: MerchRule[];
  onToggleActive: (id: string) => void;
  onRemoveAdded: (id: string) => void;
};

/** The active version's rules (removable, undoable) followed by the unsaved new ones. */
export function RuleList({ active, removed, added, onToggleActive, onRemoveAdded }: Props) {
  if (active.length === 0 && added.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        No rules yet: results are ranked by relevance and business signals only.
      </p>
    );
  }
  return (
    <ul aria-label="Rules" className="divide-y rounded-[var(--radius-card)] border">
      {active.map((r) => {
        const gone = removed.has(r.id);
        return (
          <li key={r.id} className="flex items-center gap-3 px-4 py-2 text-sm">
            <span className={cn('flex-1', gone && 'text-muted-foreground line-through')}>{describeRule(r)}</span>
            {gone ? <Badge variant="destructive">removed</Badge> : <Badge variant="secondary">saved</Badge>}
            <Button variant="ghost" size="sm" onClick={() => onToggleActive(r.id)}>
              {gone ? 'Undo' : 'Remove'}
            </Button>
          </li>
        );
      })}
      {added.map((r) => (
        <li key={r.id} className="flex items-center gap-3 px-4 py-2 text-sm">
          <span className="flex-1">{describeRule(r)}</span>
          <Badge variant="warning">new</Badge>
          <Button variant="ghost" size="sm" onClick={() => onRemoveAdded(r.id)}>
            Remove
          </Button>
        </li>
      ))}
    </ul>
  );
}
