import Link from 'next/link';
import { Button } from '@/components/ui/button';

const SIGN_IN_ERRORS: Record<string, string> = {
  invalid: 'Email or password is incorrect.',
  rate: 'Too many attempts. Wait a minute and try again.',
};
const SIGN_UP_ERRORS: Record<string, string> = {
  taken: 'An account with this email already exists. Sign in instead.',
  email: 'Enter a valid email address.',
  password: 'Choose a password of at least 10 characters.',
  name: 'Your name can be at most 100 characters.',
};

const inputClass = 'h-10 rounded-md border bg-background px-3';

// Plain forms posting to the route handlers: they work without client JavaScript.
export function AccountForms({ signInError, signUpError }: { signInError: string | null; signUpError: string | null }) {
  const inMessage = signInError ? (SIGN_IN_ERRORS[signInError] ?? SIGN_IN_ERRORS.invalid) : null;
  const upMessage = signUpError ? (SIGN_UP_ERRORS[signUpError] ?? 'Could not create the account. Try again.') : null;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="text-sm text-muted-foreground">
          An account is optional: you can always check out as a guest. Signed in, your cart, recently viewed items and
          recommendations follow you across devices.
        </p>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <form
          action="/api/shopper/sign-in"
          method="post"
          aria-labelledby="sign-in-heading"
          className="flex flex-col gap-4 rounded-lg border bg-card p-6"
        >
          <h2 id="sign-in-heading" className="text-lg font-semibold">
            Sign in
          </h2>
          {inMessage && (
            <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
              {inMessage}
            </p>
          )}
          <label className="flex flex-col gap-1 text-sm font-medium">
            Email
            <input name="email" type="email" autoComplete="username" required className={inputClass} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Password
            <input name="password" type="password" autoComplete="current-password" required className={inputClass} />
          </label>
          <Button type="submit">Sign in</Button>
          <Link href="/account/reset" className="text-sm text-muted-foreground hover:underline">
            Forgot password?
          </Link>
        </form>
        <form
          action="/api/shopper/sign-up"
          method="post"
          aria-labelledby="sign-up-heading"
          className="flex flex-col gap-4 rounded-lg border bg-card p-6"
        >
          <h2 id="sign-up-heading" className="text-lg font-semibold">
            Create an account
          </h2>
          {upMessage && (
            <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
              {upMessage}
            </p>
          )}
          <label className="flex flex-col gap-1 text-sm font-medium">
            Name (optional)
            <input name="name" type="text" autoComplete="name" maxLength={100} className={inputClass} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Email
            <input name="email" type="email" autoComplete="email" required className={inputClass} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Password
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={10}
              required
              className={inputClass}
            />
          </label>
          <Button type="submit" variant="outline">
            Create account
          </Button>
        </form>
      </div>
    </div>
  );
}
