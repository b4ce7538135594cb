'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';

const when = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : '—');
const TITLES = { search_rules: 'Search ranking & merchandising rules', synonyms: 'Search synonyms' } as const;

type SimResult = {
  search?: {
    queries: number;
    changed: number;
    changedSearches: number;
    examples: { query: string; searches: number }[];
  };
  synonyms?: {
    queries: number;
    changed: number;
    changedSearches: number;
    changedTerms: string[];
    examples: { query: string; searches: number }[];
  };
};

/**
 * Search settings as a policy (ADR 028): versions are edited on the Search pages; here each can be
 * simulated against recent queries, diffed against the live one, and published or rolled back
 * through the same four-eyes gate as every policy.
 */
export function SearchPolicyPanel({ kind }: { kind: 'search_rules' | 'synonyms' }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: versions } = useSuspenseQuery(trpc.policies.searchVersions.queryOptions({ kind }));
  const live = versions.find((v) => v.status === 'published') ?? null;
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [diffWith, setDiffWith] = useState<number | null>(null);
  const [simOf, setSimOf] = useState<number | null>(null);
  const onError = (err: { message: string }) => setMessage({ tone: 'error', text: err.message });
  const publish = useMutation(trpc.policies.searchPublish.mutationOptions({ onError }));
  const rollback = useMutation(trpc.policies.rollback.mutationOptions({ onError }));
  const simulate = useMutation(trpc.policies.searchSimulate.mutationOptions({ onError }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.policies.pathKey() });
  const sim = (simulate.data ?? null) as SimResult | null;
  const result = sim?.search ?? sim?.synonyms ?? null;

  return (
    <section aria-labelledby={`${kind}-policy`} className="flex flex-col gap-4">
      <h2 id={`${kind}-policy`} className="text-lg font-semibold">
        {TITLES[kind]}
        <span className="ml-2 text-sm font-normal text-muted-foreground">
          live: {live ? `v${live.version}` : 'built-in (v0)'} · edit on{' '}
          <Link className="underline" href="/console/search">
            Search
          </Link>
        </span>
      </h2>
      {message ? (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={message.tone === 'error' ? 'text-sm text-destructive' : 'text-sm text-success'}
        >
          {message.text}
        </p>
      ) : null}
      {versions.length === 0 ? (
        <EmptyState
          title="No saved versions"
          description="Save a version on the Search page; it can be simulated and published here."
        />
      ) : (
        <Card>
          <CardContent className="flex flex-col gap-4 pt-6">
            <Table aria-label={`${TITLES[kind]} versions`}>
              <THead>
                <tr>
                  <Th>Version</Th>
                  <Th>Status</Th>
                  <Th>Author</Th>
                  <Th>Created</Th>
                  <Th>Went live</Th>
                  <Th>Note</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </THead>
              <TBody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <Td>v{v.version}</Td>
                    <Td>
                      <Badge
                        variant={v.status === 'published' ? 'success' : v.status === 'draft' ? 'warning' : 'secondary'}
                      >
                        {v.status === 'published' ? 'live' : v.status}
                      </Badge>
                    </Td>
                    <Td className="max-w-40 truncate">{v.author}</Td>
                    <Td>{when(v.createdAt)}</Td>
                    <Td>{when(v.publishedAt)}</Td>
                    <Td className="max-w-56 truncate">{v.note || '—'}</Td>
                    <Td className="flex flex-wrap gap-2">
                      {v.status !== 'published' ? (
                        <>
                          <Button
                            size="sm"
                            variant="ghost"
                            disabled={simulate.isPending}
                            onClick={() => {
                              setMessage(null);
                              setSimOf(v.version);
                              simulate.mutate({ kind, body: v.body, days: 14 });
                            }}
                          >
                            Simulate
                          </Button>
                          {live ? (
                            <Button
                              size="sm"
                              variant="ghost"
                              onClick={() => setDiffWith(diffWith === v.version ? null : v.version)}
                            >
                              {diffWith === v.version ? 'Hide diff' : `Diff vs v${live.version}`}
                            </Button>
                          ) : null}
                          <Button
                            size="sm"
                            variant="outline"
                            disabled={publish.isPending}
                            onClick={async () => {
                              if (!window.confirm(`Make v${v.version} the live ${TITLES[kind].toLowerCase()}?`)) return;
                              setMessage(null);
                              try {
                                await publish.mutateAsync({ kind, version: v.version, note: '' });
                                setMessage({ tone: 'ok', text: `v${v.version} is live` });
                              } catch {
                                /* shown by onError; a four-eyes refusal filed an approval request */
                              }
                              await refresh();
                            }}
                          >
                            {v.publishedAt ? `Roll back to v${v.version}` : 'Publish'}
                          </Button>
                          {v.publishedAt ? (
                            <Button
                              size="sm"
                              variant="ghost"
                              onClick={async () => {
                                const emergencyReason = window.prompt(
                                  `Emergency rollback to v${v.version} without a second approver. Reason (audited, at least 10 characters):`,
                                );
                                if (!emergencyReason) return;
                                try {
                                  await rollback.mutateAsync({ kind, toVersion: v.version, note: '', emergencyReason });
                                  setMessage({ tone: 'ok', text: `Rolled back to v${v.version}` });
                                } catch {
                                  /* shown by onError */
                                }
                                await refresh();
                              }}
                            >
                              Emergency…
                            </Button>
                          ) : null}
                        </>
                      ) : null}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
            {diffWith !== null && live ? <SearchDiff kind={kind} from={live.version} to={diffWith} /> : null}
            {result && simOf !== null ? (
              <div role="status" className="rounded-md border p-3 text-sm">
                <p className="font-medium">
                  v{simOf} against the {result.queries} most searched queries of 14 days: {result.changed} would change
                  ({result.changedSearches} searches)
                  {kind === 'search_rules' ? ' in their top 5 results' : ' through a changed synonym'}.
                </p>
                {result.examples.length ? (
                  <ul className="mt-1 list-disc pl-5 text-xs">
                    {result.examples.map((e) => (
                      <li key={e.query}>
                        “{e.query}” ({e.searches} searches)
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </CardContent>
        </Card>
      )}
    </section>
  );
}

function SearchDiff({ kind, from, to }: { kind: 'search_rules' | 'synonyms'; from: number; to: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.policies.searchDiff.queryOptions({ kind, from, to }));
  if (data.changes.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        v{to} is identical to v{from}.
      </p>
    );
  return (
    <div
      aria-label={`Changes from v${from} to v${to}`}
      className="max-h-80 overflow-auto rounded-md border p-3 font-mono text-xs"
    >
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
