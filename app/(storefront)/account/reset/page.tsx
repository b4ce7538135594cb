import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { getDb } from '@/server/db/client';
import { shopperResetLinkUsable } from '@/server/modules/shoppers/password-reset';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Reset your password' };

const inputClass = 'h-10 rounded-md border bg-background px-3';
const ERRORS: Record<string, string> = {
  rate: 'Too many reset requests. Try again later.',
  email: 'Enter a valid email address.',
  password: 'Choose a password of at least 10 characters.',
  link: 'This reset link has expired or was already used. Ask for a new one below.',
};

type Props = { searchParams: Promise<{ token?: string; sent?: string; error?: string }> };

// Without a token: ask for the email. With one (from the mailed link): choose a new password.
export default async function ShopperResetPage(props: Props) {
  const { token, sent, error } = await props.searchParams;
  const usable = token ? await shopperResetLinkUsable(getDb(), token) : false;
  const message = error ? (ERRORS[error] ?? ERRORS.link) : token && !usable ? ERRORS.link : null;
  const choosing = Boolean(token && usable);
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-4">
      <form
        action={choosing ? '/api/shopper/password-reset/confirm' : '/api/shopper/password-reset'}
        method="post"
        aria-labelledby="reset-heading"
        className="flex flex-col gap-4 rounded-lg border bg-card p-6"
      >
        <h1 id="reset-heading" className="text-xl font-semibold">
          {choosing ? 'Choose a new password' : 'Forgot your password?'}
        </h1>
        {message && (
          <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
            {message}
          </p>
        )}
        {sent && (
          <p role="status" className="rounded-md bg-muted p-3 text-sm">
            If that email has an account, a reset link is on its way. It works once, for 30 minutes.
          </p>
        )}
        {choosing ? (
          <>
            <input type="hidden" name="token" value={token} />
            <label className="flex flex-col gap-1 text-sm font-medium">
              New password
              <input name="password" type="password" autoComplete="new-password" minLength={10} required className={inputClass} />
            </label>
            <p className="text-xs text-muted-foreground">Setting it signs you out on every other device.</p>
          </>
        ) : (
          <label className="flex flex-col gap-1 text-sm font-medium">
            Email
            <input name="email" type="email" autoComplete="email" required className={inputClass} />
          </label>
        )}
        <Button type="submit">{choosing ? 'Set password and sign in' : 'Send reset link'}</Button>
      </form>
      <Link href="/account" className="text-sm text-muted-foreground hover:underline">
        Back to sign in
      </Link>
    </div>
  );
}
