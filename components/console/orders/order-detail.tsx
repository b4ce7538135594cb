'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { OrderRefunds } from './order-refunds';
import { OrderStatusBadge } from './order-status-badge';

/** One order: lines and totals, the status timeline, the risk decision, its review and its automation runs. */
export function OrderDetail({ orderId }: { orderId: string }) {
  const trpc = useTRPC();
  const { data: o } = useSuspenseQuery({ ...trpc.orders.get.queryOptions({ orderId }), refetchInterval: 3000 });
  const { data: review } = useSuspenseQuery(trpc.reviews.forSubject.queryOptions({ kind: 'order_risk', subjectId: orderId }));
  const { data: appeal } = useSuspenseQuery(trpc.reviews.forSubject.queryOptions({ kind: 'decision_appeal', subjectId: orderId }));
  const { data: runs } = useSuspenseQuery({ ...trpc.automations.forSubject.queryOptions({ key: 'orderId', value: orderId }), refetchInterval: 3000 });
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-3">
              <span className="font-mono text-base">{o.id}</span> <OrderStatusBadge status={o.status} />
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            <p className="text-muted-foreground">
              {o.email} · ships to {o.shippingAddress.city}, {o.shippingAddress.country} · placed {o.createdAt.slice(0, 16).replace('T', ' ')} UTC
            </p>
            <table className="mt-3 w-full" aria-label="Order lines">
              <tbody>
                {o.lines.map((l) => (
                  <tr key={l.sku} className="border-t">
                    <td className="py-1.5">
                      {l.title}
                      {l.backorderedQuantity > 0 ? (
                        <span className={`block text-xs font-medium ${l.backorderAllocatedQuantity >= l.backorderedQuantity ? 'text-success' : 'text-warning'}`}>
                          Back-ordered: {l.backorderedQuantity} ({l.backorderAllocatedQuantity} allocated)
                          {l.backorderAllocatedQuantity >= l.backorderedQuantity ? ', ready to ship' : ', the rest ships when restocked'}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-1.5 font-mono text-xs text-muted-foreground">{l.sku}</td>
                    <td className="py-1.5 text-right tabular-nums">
                      {l.quantity} × <Money cents={l.unitPriceCents} currency={o.currency} />
                    </td>
                    <td className="py-1.5 text-right tabular-nums">
                      <Money cents={l.lineTotalCents} currency={o.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-right tabular-nums">
              <dt className="text-muted-foreground">Subtotal</dt>
              <dd><Money cents={o.subtotalCents} currency={o.currency} /></dd>
              {o.discounts.map((d) => (
                <TotalRow key={`${d.label}-${d.amountCents}`} label={`${d.label}${d.policyVersion ? ` (policy ${d.policyVersion}${d.boundedByPolicyVersion ? `, bounded by ${d.boundedByPolicyVersion} at checkout` : ''})` : ''}`} cents={-d.amountCents} currency={o.currency} />
              ))}
              <dt className="text-muted-foreground">Tax</dt>
              <dd><Money cents={o.taxCents} currency={o.currency} /></dd>
              <dt className="text-muted-foreground">Shipping</dt>
              <dd><Money cents={o.shippingCents} currency={o.currency} /></dd>
              <dt className="font-medium">Total</dt>
              <dd className="font-medium"><Money cents={o.totalCents} currency={o.currency} /></dd>
            </dl>
            <p className="mt-3 text-muted-foreground">
              Payment {o.payment.status ?? 'none'} {o.payment.brand ? `· ${o.payment.brand} •••• ${o.payment.last4}` : ''} {o.payment.id ? <span className="font-mono text-xs">({o.payment.id})</span> : null}
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Timeline</CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="flex flex-col gap-2 text-sm" aria-label="Order timeline">
              {o.events.map((e, i) => (
                <li key={`${e.at}-${i}`} className="flex gap-3">
                  <span className="w-36 shrink-0 text-xs text-muted-foreground">{e.at.slice(0, 19).replace('T', ' ')}</span>
                  <span>
                    {e.from === e.to ? (
                      // Not a status change (a partial refund): the reason says what happened.
                      <strong>{e.reason.split(':')[0]}</strong>
                    ) : (
                      <>
                        {e.from ? `${e.from.replace('_', ' ')} → ` : ''}
                        <strong>{e.to.replace('_', ' ')}</strong>
                      </>
                    )}{' '}
                    <span className="text-muted-foreground">by {e.actor}{e.reason ? ` · ${e.from === e.to ? e.reason.slice(e.reason.indexOf(':') + 1).trim() : e.reason}` : ''}</span>
                  </span>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
      </div>
      <div className="flex flex-col gap-6">
        <OrderRefunds orderId={orderId} status={o.status} />
        <Card>
          <CardHeader>
            <CardTitle>Risk decision</CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            {o.risk.action ? (
              <>
                <p>
                  <strong className="capitalize">{o.risk.action}</strong> · score {o.risk.score ?? 'none'}
                </p>
                <ul className="mt-2 list-disc pl-5">
                  {o.risk.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
                <p className="mt-2 text-xs text-muted-foreground">
                  model {o.risk.modelVersion ?? 'built-in'} · policy {o.risk.policyVersion ?? 'none'} · {o.risk.latencyMs ?? '–'} ms · decision {o.risk.decisionId ?? '–'}
                </p>
              </>
            ) : (
              <p className="text-muted-foreground">
                {o.payment.status === 'declined' || o.payment.status === 'failed' ? 'Not scored: the payment did not authorise, so risk was never assessed.' : 'Not scored yet.'}
              </p>
            )}
            {review ? (
              <p className="mt-3 border-t pt-3">
                Review <strong>{review.status}</strong>
                {review.decidedBy ? ` by ${review.decidedBy}` : ''}
                {review.decisionNote ? ` — “${review.decisionNote}”` : ''} ·{' '}
                <Link className="underline" href="/console/reviews">
                  queue
                </Link>
              </p>
            ) : null}
            {appeal ? (
              <p className="mt-3 whitespace-pre-line border-t pt-3" data-testid="order-appeal">
                Shopper’s appeal <strong>{appeal.status}</strong>
                {appeal.decidedBy ? ` by ${appeal.decidedBy}` : ''}
                {appeal.decisionNote ? ` — ${appeal.decisionNote}` : ''}
              </p>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Automations</CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            {runs.length === 0 ? (
              <p className="text-muted-foreground">No background runs for this order yet.</p>
            ) : (
              <ul className="flex flex-col gap-1" aria-label="Order runs">
                {runs.map((r) => (
                  <li key={r.id}>
                    <Link className="hover:underline" href={`/console/automations?run=${r.id}`}>
                      {r.functionId.replace(/^commerce-/, '')}
                    </Link>{' '}
                    <span className="text-muted-foreground">{r.status}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function TotalRow({ label, cents, currency }: { label: string; cents: number; currency: string }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd>
        <Money cents={cents} currency={currency} />
      </dd>
    </>
  );
}
