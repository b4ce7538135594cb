import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { OrdersChart } from '@/components/console/dashboard/orders-chart';
import { CONSOLE_SECTIONS } from '@/components/console/nav-items';
import { PageHeader } from '@/components/console/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatMoney } from '@/components/ui/money';
import { currentStaff } from '@/server/api/current-staff';
import { getDb } from '@/server/db/client';
import { checkHealth } from '@/server/db/health';
import { serverCaller } from '@/server/api/rsc';
import { readDashboard } from '@/server/modules/dashboard/read-dashboard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Overview' };

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const age = (minutes: number | null) =>
  minutes === null ? '—' : minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 1440)} d`;

export default async function ConsoleHome() {
  const staff = await currentStaff();
  if (!staff) redirect('/console/sign-in');
  const caller = await serverCaller();
  const [{ activeProducts, categories }, health, d] = await Promise.all([
    caller.catalog.overview(),
    checkHealth(getDb()),
    readDashboard(getDb(), staff.permissions),
  ]);
  return (
    <>
      <PageHeader title="Overview" description="The state of the store at a glance. Days are UTC." />
      <section aria-label="Key figures" className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {d.orders ? (
          <>
            <Stat label="Orders today" value={d.orders.today.orders.toLocaleString('en-US')} sub={`${formatMoney(d.orders.today.revenueCents)} revenue`} />
            <Stat label="Orders, last 7 days" value={d.orders.week.orders.toLocaleString('en-US')} sub={`${formatMoney(d.orders.week.revenueCents)} revenue`} />
          </>
        ) : null}
        {d.conversion ? (
          <Stat
            label="Conversion, 7 days"
            value={pct(d.conversion.rate)}
            sub={d.conversion.sessions ? `${d.conversion.orders} orders / ${d.conversion.sessions} sessions with events` : 'No shopper sessions recorded yet'}
          />
        ) : null}
        {d.queue ? (
          <Stat
            label="Review queue"
            value={String(d.queue.depth)}
            sub={d.queue.depth ? `oldest waiting ${age(d.queue.oldestAgeMinutes)}${d.queue.overdue ? ` · ${d.queue.overdue} overdue` : ''}` : 'Nothing waiting for a person'}
            href="/console/reviews"
          />
        ) : null}
      </section>
      {d.orders ? (
        <Card className="mb-6">
          <CardHeader>
            <CardTitle>Orders and revenue per day</CardTitle>
          </CardHeader>
          <CardContent>
            {d.orders.week.orders === 0 ? (
              <EmptyState title="No orders in the last 7 days" description="Orders placed in the storefront or through REST appear here per day." />
            ) : (
              <OrdersChart points={d.orders.perDay} />
            )}
          </CardContent>
        </Card>
      ) : null}
      <div className="mb-8 grid gap-4 md:grid-cols-3">
        {d.search ? (
          <Tile title="Search health" href="/console/search">
            {d.search.queries === 0 ? (
              <p className="text-muted-foreground">No searches in the last 7 days.</p>
            ) : (
              <dl className="grid grid-cols-2 gap-2">
                <dt className="text-muted-foreground">Zero-result rate (7 d)</dt>
                <dd className="text-right font-medium tabular-nums">{pct(d.search.zeroResultRate)}</dd>
                <dt className="text-muted-foreground">Queries (7 d)</dt>
                <dd className="text-right tabular-nums">{d.search.queries.toLocaleString('en-US')}</dd>
                <dt className="text-muted-foreground">p95 latency (24 h)</dt>
                <dd className="text-right tabular-nums">{d.search.p95Ms === null ? 'not measured yet' : `${d.search.p95Ms} ms`}</dd>
              </dl>
            )}
          </Tile>
        ) : null}
        {d.models ? (
          <Tile title="Model health" href="/console/models">
            {d.models.production.length === 0 ? (
              <p className="text-muted-foreground">No model version in production.</p>
            ) : (
              <ul className="flex flex-col gap-1">
                {d.models.production.map((m) => (
                  <li key={m.kind} className="flex justify-between gap-2">
                    <span className="text-muted-foreground">{m.kind}</span>
                    <span className="font-mono text-xs">{m.label}</span>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-2">
              {d.models.openAlerts ? (
                <Badge variant="destructive">{d.models.openAlerts} open alerts</Badge>
              ) : (
                <Badge variant="success">No open alerts</Badge>
              )}
            </p>
            {d.models.latestAlerts.map((a) => (
              <p key={a.id} className="mt-1 text-xs text-muted-foreground">
                {a.kind}: {a.message}
              </p>
            ))}
          </Tile>
        ) : null}
        <Tile title="Catalog and database" href="/console/catalog">
          <p>
            <span className="font-medium">{activeProducts.toLocaleString('en-US')}</span> active products in {categories.length} top-level categories
          </p>
          <p className="mt-2 flex flex-wrap items-center gap-2">
            <Badge variant={health.database.reachable ? 'success' : 'destructive'}>{health.database.reachable ? 'Reachable' : 'Unreachable'}</Badge>
            <Badge variant="secondary">{health.database.mode}</Badge>
            <span className="text-xs text-muted-foreground">{health.database.migration ?? 'no migrations'}</span>
          </p>
        </Tile>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        {CONSOLE_SECTIONS.map((s) => (
          <Link key={s.slug} href={`/console/${s.slug}`}>
            <Card className="h-full transition-shadow hover:shadow-md">
              <CardHeader>
                <CardTitle>{s.label}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm text-muted-foreground">{s.summary}</CardContent>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}

function Stat({ label, value, sub, href }: { label: string; value: string; sub?: string; href?: string }) {
  const card = (
    <Card className="h-full">
      <CardHeader>
        <p className="text-sm text-muted-foreground">{label}</p>
      </CardHeader>
      <CardContent>
        <p className="text-3xl font-semibold tabular-nums">{value}</p>
        {sub ? <p className="mt-1 text-xs text-muted-foreground">{sub}</p> : null}
      </CardContent>
    </Card>
  );
  return href ? <Link href={href}>{card}</Link> : card;
}

function Tile({ title, href, children }: { title: string; href: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader className="flex flex-row items-center justify-between">
        <CardTitle className="text-base">{title}</CardTitle>
        <Link href={href} className="text-xs text-primary hover:underline">
          Open
        </Link>
      </CardHeader>
      <CardContent className="text-sm">{children}</CardContent>
    </Card>
  );
}
