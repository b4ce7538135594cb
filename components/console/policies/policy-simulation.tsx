// What a policy draft would change over recent real traffic, per kind.
'use client';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatMoney } from '@/components/ui/money';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';

type RecoveryOutcome = { eligible: number; holdout: number; messaged: number; messages: number; offers: number };
export type SimResult = {
  kind: 'risk' | 'discount' | 'recovery';
  recovery?: {
    days: number;
    carts: number;
    draft: RecoveryOutcome;
    published: RecoveryOutcome;
    changed: number;
    publishedVersion: string;
  };
  risk?: {
    orders: number;
    days: number;
    published: Record<string, number>;
    draft: Record<string, number>;
    changes: Record<string, number>;
    notReplayed: string[];
  };
  discount?: {
    source: string;
    days: number;
    publishedVersion: string | null;
    draft: {
      orders: number;
      offers: number;
      totalCostCents: number;
      marginImpactPoints: number;
      maxOfferPercent: number;
      budgetExhaustedDays: number;
    };
    published: { offers: number; totalCostCents: number; marginImpactPoints: number } | null;
  };
};

export function SimulationCard({ kind, result }: { kind: PolicyKind; result: SimResult | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Simulation</CardTitle>
      </CardHeader>
      <CardContent className="text-sm">
        {!result ? (
          <p className="text-muted-foreground">
            {kind === 'risk'
              ? 'Replays the last 14 days of scored orders under the draft and shows which would change action.'
              : kind === 'recovery'
                ? 'Runs the last 14 days of abandoned carts (with an email left at checkout) through the draft: who would get a message and an offer.'
                : 'Replays past orders through the discount model under the draft: offers, cost and margin impact.'}
          </p>
        ) : result.risk ? (
          <div className="flex flex-col gap-2">
            <p>
              {result.risk.orders.toLocaleString()} scored orders in {result.risk.days} days
            </p>
            <Table>
              <THead>
                <tr>
                  <Th>Action</Th>
                  <Th>Published</Th>
                  <Th>Draft</Th>
                </tr>
              </THead>
              <TBody>
                {(['accept', 'review', 'reject'] as const).map((a) => (
                  <tr key={a}>
                    <Td>{a}</Td>
                    <Td>{result.risk!.published[a]}</Td>
                    <Td>{result.risk!.draft[a]}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
            <p>
              {Object.keys(result.risk.changes).length === 0
                ? 'No order changes action.'
                : Object.entries(result.risk.changes)
                    .map(([k, n]) => `${n} ${k}`)
                    .join(', ')}
            </p>
            <p className="text-xs text-muted-foreground">Not replayed: {result.risk.notReplayed.join(', ')}.</p>
          </div>
        ) : result.recovery ? (
          <dl className="grid grid-cols-[auto_1fr_1fr] gap-x-3 gap-y-1">
            <dt />
            <dd className="font-medium">Draft</dd>
            <dd className="font-medium">{result.recovery.publishedVersion}</dd>
            {(
              [
                ['Eligible carts', 'eligible'],
                ['Held out', 'holdout'],
                ['Get a message', 'messaged'],
                ['Messages sent', 'messages'],
                ['Get an offer', 'offers'],
              ] as const
            ).map(([label, k]) => (
              <div key={k} className="contents">
                <dt>{label}</dt>
                <dd>{result.recovery!.draft[k]}</dd>
                <dd>{result.recovery!.published[k]}</dd>
              </div>
            ))}
            <p className="col-span-3 mt-2 text-xs text-muted-foreground">
              {result.recovery.carts} carts in {result.recovery.days} days; {result.recovery.changed} would be treated
              differently.
            </p>
          </dl>
        ) : result.discount ? (
          <dl className="grid grid-cols-[auto_1fr_1fr] gap-x-3 gap-y-1">
            <dt />
            <dd className="font-medium">Draft</dd>
            <dd className="font-medium">{result.discount.publishedVersion ?? 'Published'}</dd>
            <dt>Offers</dt>
            <dd>
              {result.discount.draft.offers} / {result.discount.draft.orders}
            </dd>
            <dd>{result.discount.published?.offers ?? '—'}</dd>
            <dt>Total cost</dt>
            <dd>{formatMoney(result.discount.draft.totalCostCents)}</dd>
            <dd>{result.discount.published ? formatMoney(result.discount.published.totalCostCents) : '—'}</dd>
            <dt>Margin impact</dt>
            <dd>{result.discount.draft.marginImpactPoints.toFixed(2)} pts</dd>
            <dd>
              {result.discount.published ? `${result.discount.published.marginImpactPoints.toFixed(2)} pts` : '—'}
            </dd>
            <dt>Largest offer</dt>
            <dd>{result.discount.draft.maxOfferPercent.toFixed(1)}%</dd>
            <dd />
            <dt>Budget ran out</dt>
            <dd>{result.discount.draft.budgetExhaustedDays} days</dd>
            <dd />
            <p className="col-span-3 mt-2 text-xs text-muted-foreground">
              {result.discount.days} days of{' '}
              {result.discount.source === 'generated'
                ? 'generated sample orders (order history is not connected yet)'
                : 'orders'}
              .
            </p>
          </dl>
        ) : null}
      </CardContent>
    </Card>
  );
}
