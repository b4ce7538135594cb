'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { createEndpointInput, WEBHOOK_SUBSCRIPTIONS } from '@/server/modules/webhooks-out/webhooks.schema';

const when = (d: Date | string) => new Date(d).toISOString().slice(0, 19).replace('T', ' ');

/** Endpoints (create, test, disable), and the delivery log with every attempt. */
export function WebhooksPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: endpoints } = useSuspenseQuery(trpc.webhooks.endpoints.queryOptions());
  const { data: deliveries } = useSuspenseQuery(trpc.webhooks.deliveries.queryOptions({ limit: 50 }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.webhooks.endpoints.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey() }),
    ]);
  const test = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSuccess: () => setTimeout(() => void refresh(), 1000) }));
  const disable = useMutation(trpc.webhooks.disable.mutationOptions({ onSuccess: () => void refresh() }));
  const enable = useMutation(trpc.webhooks.enable.mutationOptions({ onSuccess: () => void refresh() }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: () => void refresh() }));
  const urlOf = new Map(endpoints.map((e) => [e.id, e.url]));
  return (
    <div className="flex flex-col gap-8">
      <CreateEndpoint onCreated={() => void refresh()} />
      <section aria-label="Endpoints" className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Endpoints</h2>
        {rotate.data ? (
          <div role="status" className="rounded-md border bg-muted p-3 text-sm">
            <p className="font-medium">New signing secret for {rotate.data.endpoint.url}: copy it now, it is not shown again.</p>
            <code className="mt-1 block break-all">{rotate.data.secret}</code>
            <p className="mt-1 text-xs text-muted-foreground">
              Deliveries carry signatures with both the old and the new secret until {when(rotate.data.endpoint.previousSecretExpiresAt ?? new Date())} UTC.
            </p>
          </div>
        ) : null}
        {rotate.error ? (
          <p role="alert" className="text-sm text-destructive">
            {rotate.error.message}
          </p>
        ) : null}
        {endpoints.length === 0 ? (
          <EmptyState title="No endpoints yet" description="Add a URL above to receive signed order and alert events." />
        ) : (
          <table className="w-full text-sm" aria-label="Endpoints">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="py-1 pr-3 font-medium">URL</th>
                <th className="py-1 pr-3 font-medium">Events</th>
                <th className="py-1 pr-3 font-medium">Status</th>
                <th className="py-1 pr-3 font-medium">Actions</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.id} className="border-t align-top">
                  <td className="py-1.5 pr-3 font-mono text-xs break-all">
                    {e.url}
                    {e.description ? <p className="font-sans text-muted-foreground">{e.description}</p> : null}
                  </td>
                  <td className="py-1.5 pr-3 text-xs">{e.eventTypes.join(', ')}</td>
                  <td className="py-1.5 pr-3">
                    <Badge variant={e.active ? 'success' : 'secondary'}>{e.active ? 'active' : 'disabled'}</Badge>
                    {e.previousSecretExpiresAt && new Date(e.previousSecretExpiresAt) > new Date() ? (
                      <p className="mt-1 text-xs text-muted-foreground">old secret also signs until {when(e.previousSecretExpiresAt)} UTC</p>
                    ) : null}
                  </td>
                  <td className="flex gap-2 py-1.5 pr-3">
                    <Button size="sm" variant="outline" disabled={!e.active || test.isPending} onClick={() => test.mutate({ id: e.id })}>
                      Send test event
                    </Button>
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={rotate.isPending}
                      onClick={() => confirm(`Issue a new signing secret for ${e.url}? The current one keeps signing for 24 hours.`) && rotate.mutate({ id: e.id })}
                    >
                      Rotate secret
                    </Button>
                    {e.active ? (
                      <Button size="sm" variant="ghost" onClick={() => confirm(`Stop sending events to ${e.url}?`) && disable.mutate({ id: e.id })}>
                        Disable
                      </Button>
                    ) : (
                      <Button size="sm" variant="ghost" onClick={() => enable.mutate({ id: e.id })}>
                        Enable
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label="Deliveries" className="flex flex-col gap-3">
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Recent deliveries</h2>
          <Button size="sm" variant="outline" onClick={() => void refresh()}>
            Refresh
          </Button>
        </div>
        {deliveries.length === 0 ? (
          <EmptyState title="No deliveries yet" description="Order status changes, alerts and test events appear here with every attempt's status code." />
        ) : (
          <table className="w-full text-sm" aria-label="Deliveries">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="py-1 pr-3 font-medium">When (UTC)</th>
                <th className="py-1 pr-3 font-medium">Event</th>
                <th className="py-1 pr-3 font-medium">Endpoint</th>
                <th className="py-1 pr-3 font-medium">Status</th>
                <th className="py-1 pr-3 font-medium">Attempts</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t align-top">
                  <td className="py-1.5 pr-3 whitespace-nowrap text-xs">{when(d.createdAt)}</td>
                  <td className="py-1.5 pr-3 text-xs">
                    {d.eventType}
                    <p className="font-mono text-muted-foreground">{d.eventId}</p>
                  </td>
                  <td className="py-1.5 pr-3 font-mono text-xs break-all">{urlOf.get(d.endpointId) ?? d.endpointId}</td>
                  <td className="py-1.5 pr-3">
                    <Badge variant={d.status === 'delivered' ? 'success' : d.status === 'failed' ? 'destructive' : 'warning'}>{d.status}</Badge>
                  </td>
                  <td className="py-1.5 pr-3 text-xs">
                    {d.attemptLog.map((a) => (
                      <span key={a.attempt} className="mr-2 inline-block tabular-nums" title={a.error ?? undefined}>
                        #{a.attempt}: {a.statusCode ?? 'no response'} ({a.durationMs} ms)
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function CreateEndpoint({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>(['order.*']);
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: () => {
        setUrl('');
        setDescription('');
        onCreated();
      },
      onError: (err) => setError(err.message),
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = createEndpointInput.safeParse({ url, description, eventTypes: types });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the form');
      return;
    }
    setError(null);
    create.mutate(parsed.data);
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Add an endpoint</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex flex-col gap-3 text-sm" noValidate>
          <label className="flex flex-col gap-1">
            <span className="font-medium">URL</span>
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://erp.example.com/hooks/luma" className="h-9 rounded-md border bg-background px-2" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Description (optional)</span>
            <input value={description} onChange={(e) => setDescription(e.target.value)} className="h-9 rounded-md border bg-background px-2" />
          </label>
          <fieldset className="flex flex-wrap gap-3">
            <legend className="mb-1 font-medium">Events</legend>
            {WEBHOOK_SUBSCRIPTIONS.map((t) => (
              <label key={t} className="flex items-center gap-1.5">
                <input type="checkbox" checked={types.includes(t)} onChange={(e) => setTypes((prev) => (e.target.checked ? [...prev, t] : prev.filter((x) => x !== t)))} />
                {t}
              </label>
            ))}
          </fieldset>
          {error ? (
            <p role="alert" className="text-destructive">
              {error}
            </p>
          ) : null}
          <Button type="submit" size="sm" className="self-start" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add endpoint'}
          </Button>
        </form>
        {create.data ? (
          <div role="status" className="mt-4 rounded-md border bg-muted p-3 text-sm">
            <p className="font-medium">Signing secret for {create.data.endpoint.url}: copy it now, it is not shown again.</p>
            <code className="mt-1 block break-all">{create.data.secret}</code>
            <p className="mt-1 text-xs text-muted-foreground">Verify deliveries with any Standard Webhooks library (headers webhook-id, webhook-timestamp, webhook-signature).</p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
