import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { currentStaff } from '@/server/api/current-staff';

export const metadata = { title: 'Sign in · Console' };

const ERRORS: Record<string, string> = {
  invalid: 'Email or password is incorrect.',
  rate: 'Too many attempts. Wait a minute and try again.',
};

// A plain form posting to /api/auth/sign-in: works without client JavaScript.
export default async function SignInPage(props: {
  searchParams: Promise<{ error?: string; next?: string; reset?: string }>;
}) {
  const { error, next, reset } = await props.searchParams;
  if (await currentStaff()) redirect('/console');
  const message = error ? (ERRORS[error] ?? ERRORS.invalid) : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted p-4">
      <form
        action="/api/auth/sign-in"
        method="post"
        className="flex w-full max-w-sm flex-col gap-4 rounded-lg border bg-card p-8 shadow-sm"
        aria-describedby={message ? 'sign-in-error' : undefined}
      >
        <h1 className="text-xl font-semibold">Sign in to the console</h1>
        {message && (
          <p id="sign-in-error" role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
            {message}
          </p>
        )}
        {reset && (
          <p role="status" className="text-sm text-muted-foreground">
            Password changed. Sign in with the new one.
          </p>
        )}
        <input type="hidden" name="next" value={next ?? '/console'} />
        <label className="flex flex-col gap-1 text-sm font-medium">
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            className="h-10 rounded-md border bg-background px-3"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="h-10 rounded-md border bg-background px-3"
          />
        </label>
        <Button type="submit">Sign in</Button>
        <Link href="/console/sign-in/reset" className="text-sm text-muted-foreground hover:underline">
          Forgot your password?
        </Link>
      </form>
    </main>
  );
}
