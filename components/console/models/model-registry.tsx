'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { StageBadge } from './stage-badge';

/** Every model and its versions, newest first; a version links to its detail page. */
export function ModelRegistry() {
  const trpc = useTRPC();
  const { data: models } = useSuspenseQuery(trpc.models.list.queryOptions({}));
  if (models.length === 0) {
    return (
      <EmptyState
        title="No models registered"
        description="Every decision is served by its built-in version. Register a search ranking version below to canary it."
      />
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {models.map((m) => (
        <Card key={m.id}>
          <CardHeader>
            <CardTitle>
              {m.name} <span className="font-normal text-muted-foreground">· {m.key}</span>
            </CardTitle>
            <p className="text-sm text-muted-foreground">
              {m.kind} · owner {m.owner}
            </p>
          </CardHeader>
          <CardContent>
            {m.versions.length === 0 ? (
              <p className="text-sm text-muted-foreground">No versions yet.</p>
            ) : (
              <ul aria-label={`${m.key} versions`} className="divide-y rounded-[var(--radius-card)] border">
                {m.versions.map((v) => (
                  <li key={v.id} className="flex items-center gap-3 px-4 py-2 text-sm">
                    <Link href={`/console/models/${v.id}`} className="w-40 font-medium text-primary hover:underline">
                      {v.label}
                    </Link>
                    <StageBadge stage={v.stage} share={v.canaryShare} />
                    <span className="flex-1 truncate text-muted-foreground">
                      {v.implementationKey} {JSON.stringify(v.params)}
                    </span>
                    <span className="text-xs text-muted-foreground">by {v.createdBy}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
