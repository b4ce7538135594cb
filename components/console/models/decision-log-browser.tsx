'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { MODEL_KINDS, type ModelKindName } from '@/server/modules/models/model-kinds';

const field = 'h-9 rounded-md border bg-card px-2 text-sm';

/** The decision log, newest first, filtered by kind, version and degraded; a row opens its decision. */
export function DecisionLogBrowser({ initialVersion }: { initialVersion?: string }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<ModelKindName | ''>('');
  const [version, setVersion] = useState(initialVersion ?? '');
  const [degraded, setDegraded] = useState<'' | 'yes' | 'no'>('');
  const [open, setOpen] = useState<string | null>(null);
  const { data, isLoading, error } = useQuery(
    trpc.models.decisions.queryOptions(
      {
        kind: kind || undefined,
        modelVersion: version.trim() || undefined,
        degraded: degraded === '' ? undefined : degraded === 'yes',
        limit: 25,
      },
      { refetchInterval: 10_000 },
    ),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Decision log</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex flex-wrap gap-3 text-sm">
          <label className="flex items-center gap-2">
            Kind
            <select
              aria-label="Kind"
              className={field}
              value={kind}
              onChange={(e) => setKind(e.target.value as ModelKindName | '')}
            >
              <option value="">all</option>
              {MODEL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2">
            Version
            <input
              aria-label="Version"
              className={field}
              placeholder="e.g. search-ranking@v2"
              value={version}
              onChange={(e) => setVersion(e.target.value)}
            />
          </label>
          <label className="flex items-center gap-2">
            Degraded
            <select
              aria-label="Degraded"
              className={field}
              value={degraded}
              onChange={(e) => setDegraded(e.target.value as '' | 'yes' | 'no')}
            >
              <option value="">any</option>
              <option value="yes">degraded</option>
              <option value="no">healthy</option>
            </select>
          </label>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error.message}
          </p>
        ) : null}
        {isLoading ? <p className="text-sm text-muted-foreground">Loading…</p> : null}
        {data && data.items.length === 0 ? <p className="text-sm text-muted-foreground">No decisions match.</p> : null}
        {data && data.items.length ? (
          <table className="w-full text-sm" aria-label="Decisions">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="py-1 font-medium">When (UTC)</th>
                <th className="font-medium">Kind</th>
                <th className="font-medium">Arm</th>
                <th className="font-medium">Served by</th>
                <th className="font-medium">Subject</th>
                <th className="font-medium">Latency</th>
                <th className="font-medium">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr
                  key={d.id}
                  className="cursor-pointer border-t hover:bg-muted"
                  onClick={() => setOpen(open === d.id ? null : d.id)}
                >
                  <td className="py-1.5 tabular-nums">
                    {new Date(d.createdAt).toISOString().slice(5, 19).replace('T', ' ')}
                  </td>
                  <td>{d.kind}</td>
                  <td>{d.arm}</td>
                  <td>{d.servedVersion}</td>
                  <td className="max-w-32 truncate">{d.subjectKey}</td>
                  <td className="tabular-nums">{d.latencyMs.toFixed(1)} ms</td>
                  <td>
                    {d.degraded ? (
                      <Badge variant="destructive">degraded · {d.errorClass}</Badge>
                    ) : (
                      <Badge variant="success">ok</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {open ? <DecisionDetail id={open} /> : null}
      </CardContent>
    </Card>
  );
}

function DecisionDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.models.decision.queryOptions({ id }));
  if (!data) return <p className="text-sm text-muted-foreground">Loading decision…</p>;
  const block = (title: string, value: unknown) => (
    <div>
      <h4 className="text-xs font-semibold text-muted-foreground">{title}</h4>
      <pre className="max-h-48 overflow-auto rounded-md bg-muted p-2 text-xs">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
  return (
    <section
      aria-label={`Decision ${id}`}
      className="grid gap-3 rounded-[var(--radius-card)] border p-3 md:grid-cols-2"
    >
      {block('Telemetry', {
        ...data.telemetry,
        requestId: data.requestId,
        policyVersion: data.policyVersion,
        inputDigest: data.inputDigest,
      })}
      {block('Features used', data.features)}
      {block('Explanation', data.explanation)}
      {block('Output', data.output)}
      {data.errorMessage ? block('Error', data.errorMessage) : null}
      {data.shadows.length
        ? block(
            'Shadows',
            data.shadows.map((s) => ({
              version: s.modelVersion,
              agreement: s.agreement,
              error: s.errorClass,
              latencyMs: s.latencyMs,
            })),
          )
        : null}
    </section>
  );
}
