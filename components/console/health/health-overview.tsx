'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { TrafficChart } from './traffic-chart';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number | null) => (x === null ? '–' : `${x} ms`);

/** The in-database telemetry summary: refreshed every 15 s, like the summary itself. */
export function HealthOverview({ minutes }: { minutes: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.observability.health.queryOptions({ minutes }, { refetchInterval: 15_000 }));
  const empty = data.routes.length === 0 && data.decisions.length === 0 && data.search.queries === 0 && !data.queue;
  if (empty) {
    return (
      <EmptyState
        title="No telemetry yet"
        description={`Nothing was recorded in the last ${minutes} minutes. Instances write a summary every 15 seconds while they serve traffic; with OTEL_EXPORTER_OTLP_ENDPOINT set, telemetry goes to your collector instead.`}
      />
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Requests" value={String(data.perMinute.reduce((a, p) => a + p.requests, 0))} hint={`last ${minutes} min, all instances`} />
        <Stat
          label="Automation queue"
          value={data.queue ? `${data.queue.depth} due` : '–'}
          hint={data.queue ? `oldest waiting ${Math.round(data.queue.oldestAgeS)} s` : 'no runner reporting'}
        />
        <Stat
          label="Payment webhooks waiting"
          value={data.webhookInbox ? String(data.webhookInbox.pending) : '–'}
          hint={data.webhookInbox ? `oldest waiting ${Math.round(data.webhookInbox.lagS)} s` : 'no instance reporting'}
        />
        <Stat label="Search zero-result rate" value={pct(data.search.zeroResultRate)} hint={`${data.search.zeroResult} of ${data.search.queries} queries`} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Requests per minute</CardTitle>
        </CardHeader>
        <CardContent>
          {data.perMinute.length ? <TrafficChart points={data.perMinute} /> : <p className="text-sm text-muted-foreground">No HTTP requests in this window.</p>}
        </CardContent>
      </Card>
      <section aria-label="Routes and procedures" className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold">Routes and procedures</h2>
        <Table>
          <THead>
            <tr>
              <Th>Kind</Th>
              <Th>Route / procedure</Th>
              <Th className="text-right">Requests</Th>
              <Th className="text-right">Error rate</Th>
              <Th className="text-right">p50</Th>
              <Th className="text-right">p95</Th>
            </tr>
          </THead>
          <TBody className="tabular-nums">
            {data.routes.map((r) => (
              <tr key={`${r.kind} ${r.route}`}>
                <Td className="text-muted-foreground">{r.kind}</Td>
                <Td className="font-medium">{r.route}</Td>
                <Td className="text-right">{r.requests}</Td>
                <Td className={r.errors ? 'text-right text-destructive' : 'text-right'}>{pct(r.errorRate)}</Td>
                <Td className="text-right">{ms(r.p50Ms)}</Td>
                <Td className="text-right">{ms(r.p95Ms)}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </section>
      {data.decisions.length ? (
        <section aria-label="Decisions" className="flex flex-col gap-2">
          <h2 className="text-sm font-semibold">Decision latency per model version</h2>
          <Table>
            <THead>
              <tr>
                <Th>Kind</Th>
                <Th>Model version</Th>
                <Th className="text-right">Decisions</Th>
                <Th className="text-right">Degraded</Th>
                <Th className="text-right">p95</Th>
              </tr>
            </THead>
            <TBody className="tabular-nums">
              {data.decisions.map((d) => (
                <tr key={`${d.kind} ${d.modelVersion}`}>
                  <Td className="text-muted-foreground">{d.kind}</Td>
                  <Td className="font-medium">{d.modelVersion}</Td>
                  <Td className="text-right">{d.decisions}</Td>
                  <Td className="text-right">{pct(d.degradedShare)}</Td>
                  <Td className="text-right">{ms(d.p95Ms)}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </section>
      ) : null}
      {data.slowTraces.length ? (
        <section aria-label="Slow traces" className="flex flex-col gap-2">
          <h2 className="text-sm font-semibold">Slowest traces</h2>
          <Table>
            <THead>
              <tr>
                <Th>Span</Th>
                <Th className="text-right">Duration</Th>
                <Th>Request id</Th>
                <Th>Trace id</Th>
              </tr>
            </THead>
            <TBody className="tabular-nums">
              {data.slowTraces.map((t) => (
                <tr key={t.traceId + t.name}>
                  <Td className={t.status === 'error' ? 'font-medium text-destructive' : 'font-medium'}>{t.name}</Td>
                  <Td className="text-right">{t.durationMs} ms</Td>
                  <Td className="font-mono text-xs">{t.requestId ?? '–'}</Td>
                  <Td className="font-mono text-xs">{t.traceId}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </section>
      ) : null}
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Card>
      <CardContent className="flex flex-col gap-1 pt-5">
        <span className="text-xs text-muted-foreground">{label}</span>
        <span className="text-2xl font-semibold tabular-nums">{value}</span>
        <span className="text-xs text-muted-foreground">{hint}</span>
      </CardContent>
    </Card>
  );
}
