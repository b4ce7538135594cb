import Link from 'next/link';
import { Button } from '@/components/ui/button';

export const metadata = { title: 'Reset password · Console' };

const field = 'h-10 rounded-md border bg-background px-3';

// Without a token: ask for the email. With one (from the mailed link): choose a new password.
export default async function ResetPage(props: {
  searchParams: Promise<{ token?: string; sent?: string; error?: string }>;
}) {
  const { token, sent, error } = await props.searchParams;
  const message =
    error === 'rate' ? 'Too many requests. Try again later.' : error === 'email' ? 'Enter a valid email.' : error;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted p-4">
      <form
        action={token ? '/api/auth/password-reset/confirm' : '/api/auth/password-reset'}
        method="post"
        className="flex w-full max-w-sm flex-col gap-4 rounded-lg border bg-card p-8 shadow-sm"
      >
        <h1 className="text-xl font-semibold">{token ? 'Choose a new password' : 'Reset your password'}</h1>
        {message && (
          <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
            {message}
          </p>
        )}
        {sent && (
          <p role="status" className="text-sm text-muted-foreground">
            If that email has a console account, a reset link is on its way.
          </p>
        )}
        {token ? (
          <>
            <input type="hidden" name="token" value={token} />
            <label className="flex flex-col gap-1 text-sm font-medium">
              New password
              <input
                name="password"
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
                className={field}
              />
            </label>
          </>
        ) : (
          <label className="flex flex-col gap-1 text-sm font-medium">
            Email
            <input name="email" type="email" autoComplete="username" required className={field} />
          </label>
        )}
        <Button type="submit">{token ? 'Set password' : 'Send reset link'}</Button>
        <Link href="/console/sign-in" className="text-sm text-muted-foreground hover:underline">
          Back to sign in
        </Link>
      </form>
    </main>
  );
}
