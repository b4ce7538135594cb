'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Money } from '@/components/ui/money';
import type { ReviewView } from '@/server/modules/reviews/list-reviews';

type Filter = 'pending' | 'approved' | 'rejected';

/** Approval kinds are decided by their owning module (ADR 028): deciding here publishes, approves or switches on. */
const KIND_LABELS: Record<string, string> = {
  order_risk: 'Order',
  policy_approval: 'Policy change',
  model_approval: 'Model sign-off',
  discount_approval: 'Large discount',
  catalog_flag: 'Catalog change',
  appeal: 'Appeal',
};

/** The queue reviewers work from: score, reasons and the order's shape, approve or reject. */
export function ReviewQueue({ status }: { status: Filter }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({ ...trpc.reviews.list.queryOptions({ status }), refetchInterval: 3000 });
  const { data: people } = useSuspenseQuery(trpc.reviews.reviewers.queryOptions());
  if (data.length === 0) {
    return (
      <EmptyState
        title={status === 'pending' ? 'Nothing to review' : `No ${status} items yet`}
        description={status === 'pending' ? 'Orders the risk policy holds for a person appear here.' : 'Decided items are listed here with who decided and why.'}
      />
    );
  }
  return (
    <ul className="flex flex-col gap-3" aria-label="Review items">
      {data.map((item) => (
        <ReviewCard key={item.id} item={item} people={people} />
      ))}
    </ul>
  );
}

type People = { me: string; reviewers: { id: string; email: string; name: string }[] };

function ReviewCard({ item, people }: { item: ReviewView; people: People }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation(
    trpc.reviews.decide.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() }) }),
  );
  const assign = useMutation(
    trpc.reviews.assign.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() }) }),
  );
  const pending = item.status === 'open' || item.status === 'escalated';
  const nameOf = (id: string) =>
    id === people.me ? 'you' : (people.reviewers.find((r) => r.id === id)?.name || people.reviewers.find((r) => r.id === id)?.email || id);
  const s = item.summary as {
    totalCents?: number;
    currency?: string;
    itemCount?: number;
    country?: string;
    modelVersion?: string;
    policyVersion?: string;
    label?: string;
    link?: string;
    requestedByEmail?: string;
    requestedBy?: string;
  };
  const overdue = item.overdue;
  return (
    <li className="rounded-lg border bg-card p-4" aria-label={`Review ${item.subjectId}`}>
      <div className="flex flex-wrap items-center gap-3">
        <ScoreBadge score={item.score} />
        <span className="font-medium">{KIND_LABELS[item.kind] ?? item.kind}</span>
        {item.kind === 'order_risk' ? (
          <Link className="font-mono text-sm hover:underline" href={`/console/orders/${item.subjectId}`}>
            {item.subjectId}
          </Link>
        ) : s.link ? (
          <Link className="font-mono text-sm hover:underline" href={s.link}>
            {s.label ?? item.subjectId}
          </Link>
        ) : (
          <span className="font-mono text-sm">{item.subjectId}</span>
        )}
        {s.totalCents !== undefined ? <Money cents={s.totalCents} currency={s.currency ?? 'USD'} /> : null}
        {s.itemCount !== undefined ? <span className="text-sm text-muted-foreground">{s.itemCount} items</span> : null}
        {s.country ? <span className="text-sm text-muted-foreground">ships to {s.country}</span> : null}
        {s.requestedBy ? (
          <span className="text-sm text-muted-foreground">requested by {s.requestedByEmail ?? nameOf(s.requestedBy)}</span>
        ) : null}
        <span className="ml-auto text-xs text-muted-foreground">
          {item.status === 'escalated' ? <Badge variant="warning">escalated</Badge> : null}{' '}
          {pending ? (overdue ? 'overdue since ' : 'due ') : `${item.status} `}
          {formatUtc(pending ? item.dueAt : (item.decidedAt ?? item.createdAt))}
        </span>
      </div>
      <p className="mt-1 text-xs text-muted-foreground">
        {pending ? `waiting ${formatAge(item.ageMinutes)}` : `decided after ${formatAge(item.ageMinutes)}`}
        {item.assignee ? ` · assigned to ${nameOf(item.assignee)}` : pending ? ' · unassigned' : ''}
        {item.decidedBy ? ` · decided by ${nameOf(item.decidedBy)}` : ''}
      </p>
      {item.reasons.length > 0 ? (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {item.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {s.modelVersion || s.policyVersion ? (
        <p className="mt-1 text-xs text-muted-foreground">
          {s.modelVersion ? `model ${s.modelVersion}` : ''} {s.policyVersion ? `· policy ${s.policyVersion}` : ''}
        </p>
      ) : null}
      {pending ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {item.assignee !== people.me ? (
            <Button size="sm" variant="outline" disabled={assign.isPending} onClick={() => assign.mutate({ reviewId: item.id, assignee: people.me })}>
              Assign to me
            </Button>
          ) : null}
          <label className="sr-only" htmlFor={`assignee-${item.id}`}>
            Assignee
          </label>
          <select
            id={`assignee-${item.id}`}
            className="h-8 rounded-md border bg-background px-2 text-sm"
            value={item.assignee ?? ''}
            disabled={assign.isPending}
            onChange={(e) => assign.mutate({ reviewId: item.id, assignee: e.target.value || null })}
          >
            <option value="">Unassigned</option>
            {item.assignee && !people.reviewers.some((r) => r.id === item.assignee) ? (
              <option value={item.assignee}>{nameOf(item.assignee)}</option>
            ) : null}
            {people.reviewers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name || r.email}
              </option>
            ))}
          </select>
          {assign.error ? <p className="w-full text-sm text-destructive">{assign.error.message}</p> : null}
          <input
            className="h-8 min-w-64 flex-1 rounded-md border bg-background px-2 text-sm"
            placeholder="Note for the audit trail (optional)"
            aria-label="Decision note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button size="sm" disabled={decide.isPending} onClick={() => decide.mutate({ reviewId: item.id, decision: 'approve', note })}>
            Approve
          </Button>
          <Button size="sm" variant="destructive" disabled={decide.isPending} onClick={() => decide.mutate({ reviewId: item.id, decision: 'reject', note })}>
            Reject
          </Button>
          {decide.error ? <p className="w-full text-sm text-destructive">{decide.error.message}</p> : null}
        </div>
      ) : item.decisionNote ? (
        <p className="mt-2 text-sm text-muted-foreground">“{item.decisionNote}”</p>
      ) : null}
    </li>
  );
}

function ScoreBadge({ score }: { score: number | null }) {
  if (score === null) return <Badge variant="secondary">no score</Badge>;
  // Everything here was held by a policy: amber, red when the model is nearly sure.
  const variant = score >= 80 ? 'destructive' : 'warning';
  return <Badge variant={variant}>risk {score}</Badge>;
}

function formatUtc(d: Date | string) {
  return `${new Date(d).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function formatAge(minutes: number) {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1440)} days`;
}

/** Queue health: depth, the oldest waiting item, overdue and unassigned, reviewer agreement with the model. */
export function ReviewStats() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({ ...trpc.reviews.stats.queryOptions(), refetchInterval: 5000 });
  const a = data.agreement;
  return (
    <dl aria-label="Queue health" className="mb-4 grid grid-cols-2 gap-3 rounded-lg border bg-card p-4 text-sm sm:grid-cols-5">
      <div>
        <dt className="text-xs text-muted-foreground">Queue depth</dt>
        <dd className="text-lg font-semibold tabular-nums">{data.depth}</dd>
      </div>
      <div>
        <dt className="text-xs text-muted-foreground">Oldest waiting</dt>
        <dd className="text-lg font-semibold tabular-nums">{data.oldestAgeMinutes === null ? '–' : formatAge(data.oldestAgeMinutes)}</dd>
      </div>
      <div>
        <dt className="text-xs text-muted-foreground">Overdue (past SLA)</dt>
        <dd className={`text-lg font-semibold tabular-nums ${data.overdue ? 'text-destructive' : ''}`}>{data.overdue}</dd>
      </div>
      <div>
        <dt className="text-xs text-muted-foreground">Unassigned</dt>
        <dd className="text-lg font-semibold tabular-nums">{data.unassigned}</dd>
      </div>
      <div>
        <dt className="text-xs text-muted-foreground" title="Share of decided items where the reviewer decided as the model leaned (reject at risk 50 or above)">
          Agreement with the model
        </dt>
        <dd className="text-lg font-semibold tabular-nums">
          {a.rate === null ? '–' : `${(a.rate * 100).toFixed(0)}%`}
          <span className="ml-1 text-xs font-normal text-muted-foreground">
            {a.agreed} of {a.withModel}
          </span>
        </dd>
      </div>
    </dl>
  );
}
