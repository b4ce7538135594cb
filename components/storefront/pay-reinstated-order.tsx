'use client';
// The payment form behind the link emailed when a person approved the shopper's appeal.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { payReinstatedOrderInput } from '@/server/modules/orders/appeals.schema';
import { Field } from './field';
import { useHydrated } from './use-hydrated';

type Props = { orderId: string; token: string; totalCents: number; currency: string; payable: boolean; message: string; expiresAt: string | null };

export function PayReinstatedOrder({ orderId, token, totalCents, currency, payable, message, expiresAt }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const pay = useMutation(trpc.appeals.pay.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = payReinstatedOrderInput.safeParse({ orderId, token, paymentMethod: String(new FormData(e.currentTarget).get('card') ?? '') });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the card number');
      return;
    }
    setError(null);
    try {
      const r = await pay.mutateAsync(parsed.data);
      if (r.outcome === 'paid') router.refresh();
      else setError(r.message);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const paid = pay.data?.outcome === 'paid';
  return (
    <Card data-testid="appeal-payment">
      <CardHeader>
        <CardTitle>{payable && !paid ? 'Complete your payment' : 'Payment'}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        <p role="status">{paid ? pay.data!.message : message}</p>
        {payable && !paid ? (
          <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4">
            <p>
              Total <strong><Money cents={totalCents} currency={currency} /></strong>
              {expiresAt ? <span className="text-muted-foreground"> · items reserved until {expiresAt.slice(0, 16).replace('T', ' ')} UTC</span> : null}
            </p>
            <Field id="appeal-card" name="card" label="Card number" inputMode="numeric" autoComplete="cc-number" error={error ?? undefined} hint="Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 declines." />
            <Button type="submit" disabled={!hydrated || pay.isPending}>
              {pay.isPending ? 'Paying…' : 'Pay now'}
            </Button>
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
