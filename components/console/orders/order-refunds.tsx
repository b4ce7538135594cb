'use client';
// An order's refunds: refunded and remaining totals, the list, and the Refund dialog (an
// amount, or lines + quantities with optional restock and shipping). The dialog's
// idempotency key is made when it opens, so a double click refunds once.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatMoney, Money } from '@/components/ui/money';
import { refundRequestInput } from '@/server/modules/orders/refunds.schema';

const field = 'rounded-md border bg-card px-3 text-sm aria-[invalid=true]:border-destructive';

/** "12.50" → 1250 cents by string arithmetic; NaN when it is not an amount. */
function toCents(v: string): number {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(v);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : Number.NaN;
}

export function OrderRefunds({ orderId, status }: { orderId: string; status: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: s } = useSuspenseQuery({ ...trpc.refunds.forOrder.queryOptions({ orderId }), refetchInterval: 5000 });
  const create = useMutation(trpc.refunds.create.mutationOptions());
  const dialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<'amount' | 'lines'>('amount');
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const refundable = (status === 'paid' || status === 'fulfilled') && s.remainingCents > 0;

  function open() {
    setErrors({});
    setDone(null);
    setKey(`console-${crypto.randomUUID()}`);
    dialog.current?.showModal();
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const lines =
      mode === 'lines'
        ? s.lines
            .map((l) => ({ variantId: l.variantId, quantity: Number(f.get(`qty-${l.variantId}`) ?? 0) }))
            .filter((l) => l.quantity > 0)
        : [];
    const amountText = String(f.get('amount') ?? '').trim();
    const candidate = {
      amountCents: mode === 'amount' ? toCents(amountText) : amountText ? toCents(amountText) : undefined,
      lines,
      restock: mode === 'lines' && f.get('restock') === 'on',
      refundShipping: mode === 'lines' && f.get('shipping') === 'on',
      reason: String(f.get('reason') ?? ''),
    };
    const parsed = refundRequestInput.safeParse(candidate);
    if (!parsed.success || Number.isNaN(candidate.amountCents)) {
      const found: Record<string, string> = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message]));
      if (Number.isNaN(candidate.amountCents)) found.amountCents = 'must be an amount such as 12.50';
      setErrors(found);
      return;
    }
    setErrors({});
    try {
      const r = await create.mutateAsync({ orderId, idempotencyKey: key, refund: parsed.data });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.refunds.forOrder.queryKey({ orderId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.orders.get.queryKey({ orderId }) }),
      ]);
      setDone(`Refunded ${formatMoney(r.refund.amountCents, s.currency)}.`);
      dialog.current?.close();
    } catch (err) {
      // The server names the field first ("amountCents: $30.12 is more than …"): show the rest
      // beside that field, as the form's own checks do.
      const message = (err as Error).message;
      const named = /^(amountCents|lines|restock)(?:\.\d+\.\w+)?: (.+)$/s.exec(message);
      setErrors(named ? { [named[1]!]: named[2]! } : { form: message });
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center justify-between">
          Refunds
          {refundable ? (
            <Button size="sm" variant="outline" onClick={open}>
              Refund…
            </Button>
          ) : null}
        </CardTitle>
      </CardHeader>
      <CardContent className="text-sm">
        <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1 tabular-nums" aria-label="Refund totals">
          <dt className="text-muted-foreground">Captured</dt>
          <dd className="text-right"><Money cents={s.capturedCents} currency={s.currency} /></dd>
          <dt className="text-muted-foreground">Refunded</dt>
          <dd className="text-right" data-testid="refunded-total"><Money cents={s.refundedCents} currency={s.currency} /></dd>
          {s.pendingCents > 0 ? (
            <>
              <dt className="text-muted-foreground">In progress</dt>
              <dd className="text-right"><Money cents={s.pendingCents} currency={s.currency} /></dd>
            </>
          ) : null}
          <dt className="font-medium">Remaining</dt>
          <dd className="text-right font-medium" data-testid="remaining-total"><Money cents={s.remainingCents} currency={s.currency} /></dd>
        </dl>
        {done ? <p className="mt-2 text-success" role="status">{done}</p> : null}
        {s.refunds.length === 0 ? (
          <p className="mt-3 text-muted-foreground">{s.capturedCents > 0 ? 'No refunds yet.' : 'Nothing captured yet, so nothing to refund.'}</p>
        ) : (
          <ul className="mt-3 flex flex-col gap-2 border-t pt-3" aria-label="Refunds">
            {s.refunds.map((r) => (
              <li key={r.id} className="flex flex-col gap-0.5">
                <span className="flex items-center gap-2">
                  <strong className="tabular-nums"><Money cents={r.amountCents} currency={s.currency} /></strong>
                  <Badge variant={r.status === 'succeeded' ? 'success' : r.status === 'failed' ? 'destructive' : 'secondary'}>{r.status}</Badge>
                  <span className="text-xs text-muted-foreground">{r.createdAt.slice(0, 16).replace('T', ' ')} UTC · {r.actor}</span>
                </span>
                <span className="text-xs text-muted-foreground">
                  {r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ') || 'by amount'}
                  {r.shippingCents ? ' · shipping' : ''}
                  {r.restock ? ` · ${r.restockedUnits} restocked` : ''}
                  {r.reason ? ` · “${r.reason}”` : ''}
                  {r.error ? ` · ${r.error}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <dialog ref={dialog} aria-label="Refund order" className="m-auto w-full max-w-lg rounded-lg border bg-card p-6 text-foreground backdrop:bg-foreground/40">
        <form onSubmit={submit} noValidate className="flex flex-col gap-4 text-sm">
          <h2 className="text-lg font-semibold">Refund order</h2>
          <p className="text-muted-foreground">
            Up to <Money cents={s.remainingCents} currency={s.currency} /> left to refund.
          </p>
          <div className="flex gap-4" role="radiogroup" aria-label="Refund by">
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === 'amount'} onChange={() => setMode('amount')} /> Amount
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === 'lines'} onChange={() => setMode('lines')} /> Items
            </label>
          </div>
          {mode === 'lines' ? (
            <fieldset className="flex flex-col gap-2">
              <legend className="sr-only">Items to refund</legend>
              {s.lines.map((l) => {
                const left = l.quantity - l.refundedQuantity;
                return (
                  <label key={l.variantId} className="flex items-center justify-between gap-3">
                    <span>
                      {l.title} <span className="font-mono text-xs text-muted-foreground">{l.sku}</span>{' '}
                      <span className="text-xs text-muted-foreground">({left} of {l.quantity} left)</span>
                    </span>
                    <input name={`qty-${l.variantId}`} type="number" min={0} max={left} step={1} defaultValue={0} disabled={left === 0} aria-label={`Quantity of ${l.sku} to refund`} className={`${field} h-8 w-20`} />
                  </label>
                );
              })}
              {errors.lines ? <span role="alert" className="text-xs text-destructive">{errors.lines}</span> : null}
              <label className="flex items-center gap-2">
                <input name="restock" type="checkbox" /> Restock these items
              </label>
              {errors.restock ? <span className="text-xs text-destructive">{errors.restock}</span> : null}
              <label className="flex items-center gap-2">
                <input name="shipping" type="checkbox" disabled={s.shippingRefunded || s.shippingCents === 0} /> Refund shipping (<Money cents={s.shippingCents} currency={s.currency} />)
              </label>
            </fieldset>
          ) : null}
          <label className="flex flex-col gap-1 font-medium">
            {mode === 'amount' ? `Amount (${s.currency})` : `Amount override (${s.currency}, optional)`}
            <input name="amount" inputMode="decimal" className={`${field} h-9`} aria-invalid={!!errors.amountCents} aria-describedby={errors.amountCents ? 'amount-error' : undefined} />
            {errors.amountCents ? (
              <span id="amount-error" role="alert" className="text-xs font-normal text-destructive">
                {errors.amountCents}
              </span>
            ) : null}
          </label>
          <label className="flex flex-col gap-1 font-medium">
            Reason
            <input name="reason" maxLength={500} className={`${field} h-9`} placeholder="e.g. damaged in transit" />
          </label>
          {errors.form ? <p className="text-destructive" role="alert">{errors.form}</p> : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={create.isPending}>
              {create.isPending ? 'Refunding…' : 'Refund'}
            </Button>
          </div>
        </form>
      </dialog>
    </Card>
  );
}
