// A policy's versions with status, author and a diff against the published one.
'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';

const when = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : '—');

type Version = {
  id: string;
  version: number;
  status: string;
  author: string;
  note: string;
  createdAt: Date | string;
  publishedAt: Date | string | null;
  basedOn: number | null;
};

export function History(props: {
  kind: PolicyKind;
  versions: Version[];
  publishedVersion: number | null;
  diffWith: number | null;
  onDiff: (v: number | null) => void;
  onRollback: (v: number, emergency: boolean) => void;
}) {
  const { versions, publishedVersion, diffWith } = props;
  if (versions.length === 0)
    return <EmptyState title="No versions yet" description="Save a draft to start this policy's history." />;
  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Table>
          <THead>
            <tr>
              <Th>Version</Th>
              <Th>Status</Th>
              <Th>Author</Th>
              <Th>Created</Th>
              <Th>Published</Th>
              <Th>Note</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {versions.map((v) => (
              <tr key={v.id}>
                <Td>
                  v{v.version}
                  {v.basedOn ? <span className="text-xs text-muted-foreground"> (from v{v.basedOn})</span> : null}
                </Td>
                <Td>
                  <Badge
                    variant={v.status === 'published' ? 'success' : v.status === 'draft' ? 'warning' : 'secondary'}
                  >
                    {v.status}
                  </Badge>
                </Td>
                <Td className="max-w-40 truncate">{v.author}</Td>
                <Td>{when(v.createdAt)}</Td>
                <Td>{when(v.publishedAt)}</Td>
                <Td className="max-w-56 truncate">{v.note || '—'}</Td>
                <Td className="flex gap-2">
                  {publishedVersion !== null && v.version !== publishedVersion ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => props.onDiff(diffWith === v.version ? null : v.version)}
                    >
                      {diffWith === v.version ? 'Hide diff' : `Diff vs v${publishedVersion}`}
                    </Button>
                  ) : null}
                  {v.status === 'archived' ? (
                    <>
                      <Button size="sm" variant="outline" onClick={() => props.onRollback(v.version, false)}>
                        Roll back to v{v.version}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => props.onRollback(v.version, true)}>
                        Emergency…
                      </Button>
                    </>
                  ) : null}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
        {diffWith !== null && publishedVersion !== null ? (
          <DiffView kind={props.kind} from={publishedVersion} to={diffWith} />
        ) : null}
      </CardContent>
    </Card>
  );
}

function DiffView({ kind, from, to }: { kind: PolicyKind; from: number; to: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.policies.diff.queryOptions({ kind, from, to }));
  if (data.changes.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        v{to} is identical to v{from}.
      </p>
    );
  return (
    <div aria-label={`Changes from v${from} to v${to}`} className="rounded-md border p-3 font-mono text-xs">
      <p className="mb-2 font-sans text-sm font-medium">
        v{from} → v{to}
      </p>
      {data.changes.map((c) => (
        <p key={c.path}>
          <span className="font-semibold">{c.path}</span>:{' '}
          <span className="text-destructive line-through">{JSON.stringify(c.before)}</span> →{' '}
          <span className="text-success">{JSON.stringify(c.after)}</span>
        </p>
      ))}
    </div>
  );
}
