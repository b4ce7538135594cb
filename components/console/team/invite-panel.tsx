'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ShownOnce } from '@/components/console/shown-once';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { inviteStaffInput } from '@/server/modules/auth/team.schema';

const field = 'h-9 rounded-md border bg-card px-3 text-sm';

/** Invite by email; the link is also shown once here ("copy invite link"), and open invites can be revoked. */
export function InvitePanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: roles } = useSuspenseQuery(trpc.team.roles.queryOptions());
  const { data: invites } = useSuspenseQuery(trpc.team.invites.queryOptions());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const invite = useMutation(trpc.team.invite.mutationOptions());
  const revoke = useMutation(trpc.team.revokeInvite.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.team.invites.queryKey() });

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const parsed = inviteStaffInput.safeParse({ email: f.get('email'), roleId: f.get('roleId') });
    setLink(null);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
      return;
    }
    setErrors({});
    try {
      const res = await invite.mutateAsync(parsed.data);
      setLink({ email: res.email, url: new URL(res.path, window.location.origin).toString() });
      form.reset();
      await refresh();
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite a team member</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form onSubmit={submit} noValidate aria-label="Invite" className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm">
            Email
            <input name="email" type="email" required className={field} aria-invalid={!!errors.email} aria-describedby={errors.email ? 'invite-email-error' : undefined} />
            {errors.email ? (
              <span id="invite-email-error" className="text-xs text-destructive">
                {errors.email}
              </span>
            ) : null}
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Role
            <select name="roleId" className={field} defaultValue={roles.find((r) => r.key === 'viewer')?.id}>
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" disabled={invite.isPending}>
            {invite.isPending ? 'Inviting…' : 'Send invite'}
          </Button>
        </form>
        {errors.form ? (
          <p role="alert" className="text-sm text-destructive">
            {errors.form}
          </p>
        ) : null}
        {link ? (
          <ShownOnce key={link.url} value={link.url} label="Invite link" copyLabel="Copy invite link" tone="muted">
            Invite sent to <strong>{link.email}</strong>. The link works once, for 7 days, and is shown only now:
          </ShownOnce>
        ) : null}
        <div>
          <h3 className="mb-2 text-sm font-medium">Open invites</h3>
          {invites.length === 0 ? (
            <p className="text-sm text-muted-foreground">No open invites.</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm">
              {invites.map((i) => (
                <li key={i.inviteId} className="flex flex-wrap items-center gap-3">
                  <span>{i.email}</span>
                  <span className="text-muted-foreground">{i.roleName}</span>
                  <span className="text-xs text-muted-foreground">expires {new Date(i.expiresAt).toISOString().slice(0, 10)}</span>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={revoke.isPending}
                    onClick={async () => {
                      if (!window.confirm(`Revoke the invite for ${i.email}?`)) return;
                      await revoke.mutateAsync({ inviteId: i.inviteId }).catch(() => undefined);
                      await refresh();
                    }}
                  >
                    Revoke
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
