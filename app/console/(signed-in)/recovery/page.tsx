import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { z } from 'zod';
import { PageHeader } from '@/components/console/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatMoney } from '@/components/ui/money';
import { serverCaller } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Cart recovery' };

const paramsSchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30).catch(30) });
const usd = (cents: number) => formatMoney(Math.round(cents));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts`;

export default async function RecoveryPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { days } = paramsSchema.parse(await props.searchParams);
  const caller = await serverCaller();
  let report: Awaited<ReturnType<typeof caller.recovery.report>>;
  try {
    report = await caller.recovery.report({ days });
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'FORBIDDEN') {
      return <EmptyState title="No access" description="Recovery results need the automations.read permission." />;
    }
    throw err;
  }
  const { treatment: t, holdout: h, settings } = report;
  return (
    <>
      <PageHeader
        title="Cart recovery"
        description={`Abandoned carts whose shoppers agreed to email, last ${days} days. ${pct(settings.holdoutShare)} are held out and get nothing, so the difference below is what the emails earned.`}
      />
      <form className="mb-4 flex items-center gap-2 text-sm" aria-label="Period">
        <label htmlFor="days">Days</label>
        <input id="days" name="days" type="number" min={1} max={365} defaultValue={days} className="h-9 w-24 rounded-md border bg-background px-2" />
        <button type="submit" className="h-9 rounded-md bg-muted px-3 hover:bg-muted/70">
          Show
        </button>
      </form>
      {t.carts + h.carts === 0 ? (
        <EmptyState title="No abandoned carts yet" description={`A cart enters the experiment ${settings.delay} after its shopper leaves checkout with an email and consent.`} />
      ) : (
        <div className="flex flex-col gap-6">
          <table className="w-full max-w-3xl text-sm" aria-label="Arms">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="py-1 pr-3 font-medium">Arm</th>
                <th className="py-1 pr-3 font-medium">Carts</th>
                <th className="py-1 pr-3 font-medium">Emails sent</th>
                <th className="py-1 pr-3 font-medium">Converted</th>
                <th className="py-1 pr-3 font-medium">Conversion</th>
                <th className="py-1 pr-3 font-medium">Revenue</th>
                <th className="py-1 pr-3 font-medium">Revenue / cart</th>
              </tr>
            </thead>
            <tbody>
              {[t, h].map((a) => (
                <tr key={a.arm} className="border-t">
                  <td className="py-1.5 pr-3">{a.arm === 'treatment' ? 'Emailed' : 'Holdout'}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{a.carts}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{a.emailsSent}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{a.conversions}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{pct(a.conversionRate)}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{usd(a.revenueCents)}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{usd(a.revenuePerCartCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.enoughData && report.conversionDifference && report.revenuePerCartDifference && report.incrementalRevenueCents ? (
            <div className="grid gap-4 md:grid-cols-3">
              <Card>
                <CardHeader>
                  <CardTitle>Conversion lift</CardTitle>
                </CardHeader>
                <CardContent className="text-sm">
                  <p className="text-2xl font-semibold tabular-nums">{pts(report.conversionDifference.estimate)}</p>
                  <p className="text-muted-foreground">
                    95% CI {pts(report.conversionDifference.ci.low)} to {pts(report.conversionDifference.ci.high)} · p = {report.conversionDifference.pValue.toFixed(3)}
                  </p>
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>Revenue per cart lift</CardTitle>
                </CardHeader>
                <CardContent className="text-sm">
                  <p className="text-2xl font-semibold tabular-nums">{usd(report.revenuePerCartDifference.estimateCents)}</p>
                  <p className="text-muted-foreground">
                    95% CI {usd(report.revenuePerCartDifference.ci.low)} to {usd(report.revenuePerCartDifference.ci.high)}
                  </p>
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>Recovered revenue (incremental)</CardTitle>
                </CardHeader>
                <CardContent className="text-sm">
                  <p className="text-2xl font-semibold tabular-nums">{usd(report.incrementalRevenueCents.estimate)}</p>
                  <p className="text-muted-foreground">
                    95% CI {usd(report.incrementalRevenueCents.ci.low)} to {usd(report.incrementalRevenueCents.ci.high)}: emailed carts × the lift over the holdout
                  </p>
                </CardContent>
              </Card>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground" role="status">
              Not enough data for a confidence interval yet: each arm needs at least two carts.
            </p>
          )}
          <p className="text-xs text-muted-foreground">
            Settings ({settings.version}): first email after {settings.delay}, reminder {settings.reminderDelay} later, discount {settings.discount ? 'on (bounded by the discount policy)' : 'off'},
            consent {settings.consentRequired ? 'required' : 'not required'}. Change them as the cart recovery policy on{' '}
            <Link className="underline" href="/console/policies#recovery-policy">
              Policies
            </Link>
            .
          </p>
        </div>
      )}
    </>
  );
}
