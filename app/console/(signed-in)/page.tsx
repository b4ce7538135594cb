import Link from 'next/link';
import { CONSOLE_SECTIONS } from '@/components/console/nav-items';
import { PageHeader } from '@/components/console/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/server/db/client';
import { checkHealth } from '@/server/db/health';
import { serverCaller } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Overview' };

export default async function ConsoleHome() {
  const caller = await serverCaller();
  const [{ activeProducts, categories }, health] = await Promise.all([caller.catalog.overview(), checkHealth(getDb())]);
  return (
    <>
      <PageHeader title="Overview" description="The state of the store at a glance." />
      <div className="mb-8 grid gap-4 sm:grid-cols-3">
        <Stat label="Active products" value={activeProducts.toLocaleString('en-US')} />
        <Stat label="Top-level categories" value={String(categories.length)} />
        <Card>
          <CardHeader>
            <p className="text-sm text-muted-foreground">Database</p>
          </CardHeader>
          <CardContent className="flex flex-wrap items-center gap-2">
            <Badge variant={health.database.reachable ? 'success' : 'destructive'}>
              {health.database.reachable ? 'Reachable' : 'Unreachable'}
            </Badge>
            <Badge variant="secondary">{health.database.mode}</Badge>
            <span className="text-xs text-muted-foreground">{health.database.migration ?? 'no migrations'}</span>
          </CardContent>
        </Card>
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

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card>
      <CardHeader>
        <p className="text-sm text-muted-foreground">{label}</p>
      </CardHeader>
      <CardContent className="text-3xl font-semibold">{value}</CardContent>
    </Card>
  );
}
