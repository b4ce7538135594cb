'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Money } from '@/components/ui/money';
import { checkoutInput } from '@/server/modules/checkout/checkout.schema';
import { rememberContactInput } from '@/server/modules/recovery/recovery.schema';
import { Field } from './field';
import { OrderTotals } from './order-totals';
import { useHydrated } from './use-hydrated';

const FIELDS = ['email', 'name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'card'] as const;
type FieldName = (typeof FIELDS)[number];

const newKey = () => `chk_${crypto.randomUUID()}`;

/** Zod issue path → the form field it belongs to. */
function fieldOf(path: PropertyKey[]): FieldName | 'form' {
  const last = String(path.at(-1) ?? '');
  if (path[0] === 'paymentMethod') return 'card';
  return (FIELDS as readonly string[]).includes(last) ? (last as FieldName) : 'form';
}

/** `defaultEmail`: a signed-in shopper's account email, so their orders carry it. */
export function CheckoutForm({ defaultEmail = '' }: { defaultEmail?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: cart } = useSuspenseQuery(trpc.cart.get.queryOptions());
  const hydrated = useHydrated();
  const [values, setValues] = useState<Record<FieldName, string>>({
    email: defaultEmail,
    name: '',
    line1: '',
    line2: '',
    city: '',
    region: '',
    postalCode: '',
    country: 'US',
    card: '',
  });
  const [errors, setErrors] = useState<Partial<Record<FieldName | 'form', string>>>({});
  // Marketing consent for cart reminders: off unless the shopper ticks it.
  const [marketingConsent, setMarketingConsent] = useState(false);
  const remember = useMutation(trpc.recovery.rememberContact.mutationOptions());
  /** Keeps the email (and consent) with the cart, so an abandoned cart can be recovered. */
  const rememberContact = (email: string, consent: boolean) => {
    const parsed = rememberContactInput.safeParse({ email, marketingConsent: consent });
    if (parsed.success) remember.mutate(parsed.data);
  };
  // One key per attempt: a retry after a network failure reuses it (no double order); any
  // answer from the server ends the attempt.
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const place = useMutation(
    trpc.checkout.placeOrder.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries({ queryKey: trpc.cart.get.queryKey() });
        if (result.outcome === 'placed' || result.outcome === 'in_review') {
          router.push(`/orders/${result.order.id}`);
          return;
        }
        setIdempotencyKey(newKey());
        setErrors({ form: result.message, ...(result.outcome === 'payment_declined' ? { card: result.message } : {}) });
      },
      onError: (err) => {
        if (err.data) setIdempotencyKey(newKey());
        const issues = (err.data as { issues?: { path: string; message: string }[] } | undefined)?.issues;
        if (issues?.length) {
          setErrors(Object.fromEntries(issues.map((i) => [fieldOf(i.path.split('.')), i.message])));
        } else setErrors({ form: err.message });
      },
    }),
  );

  if (cart.lines.length === 0 && !place.isSuccess) {
    return (
      <EmptyState
        title="Your cart is empty"
        description="Add something to your cart before checking out."
        action={
          <Link href="/" className={buttonVariants()}>
            Continue shopping
          </Link>
        }
      />
    );
  }

  const set = (name: FieldName) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setValues((v) => ({ ...v, [name]: e.target.value }));
    // An edited field's old error no longer applies.
    if (errors[name]) setErrors((prev) => ({ ...prev, [name]: undefined }));
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const address = {
      name: values.name,
      line1: values.line1,
      line2: values.line2 || undefined,
      city: values.city,
      region: values.region || undefined,
      postalCode: values.postalCode,
      country: values.country,
    };
    const parsed = checkoutInput.safeParse({ email: values.email, shippingAddress: address, paymentMethod: values.card, idempotencyKey });
    if (!parsed.success) {
      const next: Partial<Record<FieldName | 'form', string>> = {};
      for (const issue of parsed.error.issues) {
        const field = fieldOf(issue.path);
        next[field] ??= field === 'card' ? 'Enter a card number (digits and spaces only)' : issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    place.mutate(parsed.data);
  };
  const field = (name: FieldName, label: string, extra: Partial<React.ComponentProps<typeof Field>> = {}) => (
    <Field id={`checkout-${name}`} label={label} value={values[name]} onChange={set(name)} error={errors[name]} {...extra} />
  );

  return (
    <form onSubmit={submit} method="post" noValidate className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="flex flex-col gap-8">
        {errors.form ? (
          <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {errors.form}
          </p>
        ) : null}
        <fieldset className="flex flex-col gap-4">
          <legend className="mb-2 text-lg font-semibold">Contact</legend>
          {field('email', 'Email', {
            type: 'email',
            autoComplete: 'email',
            placeholder: 'you@example.com',
            onBlur: () => rememberContact(values.email, marketingConsent),
          })}
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="marketingConsent"
              className="mt-0.5 size-4"
              checked={marketingConsent}
              onChange={(e) => {
                setMarketingConsent(e.target.checked);
                rememberContact(values.email, e.target.checked);
              }}
            />
            <span>
              Remind me about my cart and send me offers <span className="text-muted-foreground">(optional; you can opt out any time)</span>
            </span>
          </label>
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">Shipping address</legend>
          {field('name', 'Full name', { autoComplete: 'name', className: 'sm:col-span-2' })}
          {field('line1', 'Street address', { autoComplete: 'address-line1', className: 'sm:col-span-2' })}
          {field('line2', 'Apartment, suite (optional)', { autoComplete: 'address-line2', className: 'sm:col-span-2' })}
          {field('city', 'City', { autoComplete: 'address-level2' })}
          {field('region', 'State / region (optional)', { autoComplete: 'address-level1' })}
          {field('postalCode', 'Postal code', { autoComplete: 'postal-code' })}
          {field('country', 'Country (2-letter code)', { autoComplete: 'country', maxLength: 2, hint: 'e.g. US, CA, GB, DE' })}
        </fieldset>
        <fieldset className="flex flex-col gap-4">
          <legend className="mb-2 text-lg font-semibold">Payment</legend>
          {field('card', 'Card number', {
            inputMode: 'numeric',
            autoComplete: 'cc-number',
            placeholder: '4242 4242 4242 4242',
            hint: (
              <>
                Test mode, no real charge. Test cards: <code>4242 4242 4242 4242</code> approves, <code>4000 0000 0000 0002</code> is declined.
              </>
            ),
          })}
        </fieldset>
      </div>
      <Card className="h-fit">
        <CardHeader>
          <CardTitle>Your order</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <ul className="flex flex-col gap-2 text-sm">
            {cart.lines.map((l) => (
              <li key={l.variantId} className="flex justify-between gap-4">
                <span>
                  {l.title} <span className="text-muted-foreground">× {l.quantity}</span>
                </span>
                <Money cents={l.lineTotalCents} currency={l.currency} className="tabular-nums" />
              </li>
            ))}
          </ul>
          <OrderTotals totals={cart} />
          <Button type="submit" size="lg" disabled={!hydrated || place.isPending || (place.isSuccess && place.data.outcome !== 'payment_declined' && place.data.outcome !== 'rejected')}>
            {place.isPending ? 'Placing order…' : <>Place order · <Money cents={cart.totalCents} currency={cart.currency} /></>}
          </Button>
        </CardContent>
      </Card>
    </form>
  );
}
