import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';

export type VersionRow = {
  version: number;
  title: string;
  note: string;
  status: string;
  createdBy: string;
  createdAt: Date;
};

/** Saved versions, newest first; any non-active one can be activated (which archives the current one). */
export function VersionHistory({
  label,
  versions,
  onActivate,
  activating,
}: {
  label: string;
  versions: VersionRow[];
  onActivate: (version: number) => void;
  activating: number | null;
}) {
  if (versions.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        No saved versions yet: search uses the built-in defaults (version 0).
      </p>
    );
  }
  return (
    <ol aria-label={label} className="divide-y rounded-[var(--radius-card)] border bg-card">
      {versions.map((v) => (
        <li key={v.version} className="flex items-center gap-3 px-4 py-2.5 text-sm">
          <span className="w-10 font-medium tabular-nums">v{v.version}</span>
          <div className="min-w-0 flex-1">
            <p className="truncate">{v.title}</p>
            <p className="truncate text-xs text-muted-foreground">
              {v.note ? `${v.note} · ` : ''}
              {v.createdBy} ·{' '}
              {new Date(v.createdAt).toLocaleString('en-US', {
                dateStyle: 'medium',
                timeStyle: 'short',
                timeZone: 'UTC',
              })}{' '}
              UTC
            </p>
          </div>
          {v.status === 'active' ? (
            <Badge variant="success">Active</Badge>
          ) : (
            <>
              <Badge variant="secondary">{v.status}</Badge>
              <Button
                variant="outline"
                size="sm"
                disabled={activating !== null}
                onClick={() => onActivate(v.version)}
                aria-label={`Activate version ${v.version}`}
              >
                {activating === v.version ? 'Activating…' : 'Activate'}
              </Button>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
