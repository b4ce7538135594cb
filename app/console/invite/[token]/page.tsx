import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { getDb } from '@/server/db/client';
import { getInvite } from '@/server/modules/auth/invites';
import { inviteTokenInput } from '@/server/modules/auth/team.schema';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Join the console' };

const field = 'h-10 rounded-md border bg-background px-3';

// The invite link's landing page: set a name and password; the form posts to /api/auth/invite,
// which creates the account and signs it in. Works without client JavaScript.
export default async function AcceptInvitePage(props: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { token } = await props.params;
  const { error } = await props.searchParams;
  const valid = inviteTokenInput.safeParse(token);
  const invite = valid.success ? await getInvite(getDb(), valid.data) : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted p-4">
      {invite ? (
        <form action="/api/auth/invite" method="post" className="flex w-full max-w-sm flex-col gap-4 rounded-lg border bg-card p-8 shadow-sm">
          <h1 className="text-xl font-semibold">Join the Luma console</h1>
          <p className="text-sm text-muted-foreground">
            You were invited as <strong>{invite.roleName}</strong> with <strong>{invite.email}</strong>. Choose your name and a password.
          </p>
          {error ? (
            <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <input type="hidden" name="token" value={token} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            Your name
            <input name="name" autoComplete="name" required maxLength={100} className={field} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Password
            <input name="password" type="password" autoComplete="new-password" minLength={10} required className={field} />
            <span className="text-xs font-normal text-muted-foreground">At least 10 characters.</span>
          </label>
          <Button type="submit">Join and sign in</Button>
        </form>
      ) : (
        <div role="alert" className="flex w-full max-w-sm flex-col gap-3 rounded-lg border bg-card p-8 text-sm shadow-sm">
          <h1 className="text-xl font-semibold">This invite cannot be used</h1>
          <p className="text-muted-foreground">It has expired, was revoked, or was already used. Ask whoever invited you for a new link.</p>
          <Link href="/console/sign-in" className="text-primary hover:underline">
            Go to sign in
          </Link>
        </div>
      )}
    </main>
  );
}
