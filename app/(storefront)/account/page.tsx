import type { Metadata } from 'next';
import { AccountForms } from '@/components/storefront/account-forms';
import { AccountOrders } from '@/components/storefront/account-orders';
import { Button } from '@/components/ui/button';
import { currentShopper } from '@/server/api/current-shopper';
import { getDb } from '@/server/db/client';
import { getAccount } from '@/server/modules/shoppers/account';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

type Props = { searchParams: Promise<{ error?: string; signup?: string; reset?: string }> };

// Accounts are optional: guests still check out. Signed in, history, cart and
// recommendations follow the shopper to every device.
export default async function AccountPage(props: Props) {
  const [{ error, signup, reset }, shopper] = await Promise.all([props.searchParams, currentShopper()]);
  if (!shopper) return <AccountForms signInError={error ?? null} signUpError={signup ?? null} />;
  const account = await getAccount(getDb(), shopper);
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Your account</h1>
          <p className="text-sm text-muted-foreground">
            Signed in as <span className="font-medium text-foreground">{account.email}</span>. Your recently viewed
            items, cart and recommendations follow you to every device you sign in on.
          </p>
        </div>
        <form action="/api/shopper/sign-out" method="post">
          <Button type="submit" variant="outline">
            Sign out
          </Button>
        </form>
      </div>
      {reset && (
        <p role="status" className="rounded-md bg-muted p-3 text-sm">
          Your password was changed and you were signed out on every other device.
        </p>
      )}
      <AccountOrders orders={account.orders} />
    </div>
  );
}
