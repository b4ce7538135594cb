'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { promotionForm, type PromotionForm } from '@/server/modules/pricing/promotions.schema';

const field = 'h-9 rounded-md border bg-card px-3 text-sm';
const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? null : Number(v));
const list = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Same zod schema as the door: field errors show before anything is sent. */
export function CreatePromotionForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PromotionForm['kind']>('percent_off');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const create = useMutation(trpc.promotions.create.mutationOptions());

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const dollars = num(f.get('amountOff'));
    const min = num(f.get('minSubtotal'));
    const candidate: PromotionForm = {
      name: String(f.get('name') ?? ''),
      code: String(f.get('code') ?? '').trim() || null,
      kind,
      percentOff: kind === 'percent_off' ? num(f.get('percentOff')) : null,
      amountOffCents: kind === 'amount_off' && dollars !== null ? Math.round(dollars * 100) : null,
      minSubtotalCents: min === null ? 0 : Math.round(min * 100),
      includedCategories: list(f.get('included')),
      excludedCategories: list(f.get('excluded')),
      startsAt: f.get('startsAt') ? new Date(String(f.get('startsAt'))) : null,
      endsAt: f.get('endsAt') ? new Date(String(f.get('endsAt'))) : null,
      usageLimit: num(f.get('usageLimit')),
      perCustomerLimit: num(f.get('perCustomerLimit')),
    };
    const parsed = promotionForm.safeParse(candidate);
    setStatus(null);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
      return;
    }
    setErrors({});
    try {
      const row = await create.mutateAsync(candidate);
      await queryClient.invalidateQueries({ queryKey: trpc.promotions.list.queryKey() });
      form.reset();
      setStatus(
        `Created ${row.name}${row.code ? ` (${row.code})` : ''}${
          row.pendingApproval ? `, switched off until a reviewer approves it in Reviews: ${row.pendingApproval}` : ''
        }`,
      );
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  const err = (name: string) =>
    errors[name] ? (
      <span id={`${name}-error`} className="text-xs text-destructive">
        {errors[name]}
      </span>
    ) : null;
  const labelled = (name: string, label: string, input: React.ReactNode) => (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      {input}
      {err(name)}
    </label>
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>New promotion</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-3">
          {labelled('name', 'Name', <input name="name" required className={field} aria-invalid={!!errors.name} />)}
          {labelled(
            'code',
            'Code (empty: automatic)',
            <input name="code" className={field} placeholder="WELCOME10" aria-invalid={!!errors.code} />,
          )}
          {labelled(
            'kind',
            'Type',
            <select
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as PromotionForm['kind'])}
              className={field}
            >
              <option value="percent_off">Percent off</option>
              <option value="amount_off">Amount off</option>
              <option value="free_shipping">Free shipping</option>
            </select>,
          )}
          {kind === 'percent_off'
            ? labelled(
                'percentOff',
                'Percent off',
                <input
                  name="percentOff"
                  type="number"
                  min={1}
                  max={90}
                  className={field}
                  aria-invalid={!!errors.percentOff}
                />,
              )
            : null}
          {kind === 'amount_off'
            ? labelled(
                'amountOffCents',
                'Amount off ($)',
                <input
                  name="amountOff"
                  type="number"
                  min={0.01}
                  step={0.01}
                  className={field}
                  aria-invalid={!!errors.amountOffCents}
                />,
              )
            : null}
          {labelled(
            'minSubtotalCents',
            'Minimum subtotal ($)',
            <input name="minSubtotal" type="number" min={0} step={0.01} className={field} />,
          )}
          {labelled(
            'includedCategories',
            'Only categories (comma-separated)',
            <input name="included" className={field} placeholder="Furniture, Rugs" />,
          )}
          {labelled(
            'excludedCategories',
            'Excluded categories',
            <input name="excluded" className={field} placeholder="Appliances" />,
          )}
          {labelled('startsAt', 'Starts', <input name="startsAt" type="datetime-local" className={field} />)}
          {labelled(
            'endsAt',
            'Ends',
            <input name="endsAt" type="datetime-local" className={field} aria-invalid={!!errors.endsAt} />,
          )}
          {labelled(
            'usageLimit',
            'Total uses (empty: unlimited)',
            <input name="usageLimit" type="number" min={1} className={field} />,
          )}
          {labelled(
            'perCustomerLimit',
            'Uses per customer',
            <input name="perCustomerLimit" type="number" min={1} className={field} />,
          )}
          <div className="flex items-center gap-3 sm:col-span-3">
            <Button type="submit" disabled={create.isPending}>
              Create promotion
            </Button>
            {errors.form ? (
              <p role="alert" className="text-sm text-destructive">
                {errors.form}
              </p>
            ) : null}
            {status ? (
              <p role="status" className="text-sm text-success">
                {status}
              </p>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
