'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { PERMISSIONS } from '@/server/modules/auth/permissions';
import { saveRoleInput } from '@/server/modules/auth/team.schema';

const field = 'h-9 rounded-md border bg-card px-3 text-sm';

/** Roles and their grants. Built-ins are read-only; custom roles are created and edited with checkboxes. */
export function RolesPanel({ grantable }: { grantable: readonly string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: roles } = useSuspenseQuery(trpc.team.roles.queryOptions());
  const [editing, setEditing] = useState<{ id?: string; name: string; permissions: string[] } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const save = useMutation(trpc.team.saveRole.mutationOptions());

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!editing) return;
    const f = new FormData(e.currentTarget);
    const candidate = { id: editing.id, name: String(f.get('name') ?? ''), permissions: f.getAll('permission').map(String) };
    const parsed = saveRoleInput.safeParse(candidate);
    setStatus(null);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
      return;
    }
    setErrors({});
    try {
      const row = await save.mutateAsync(parsed.data);
      await queryClient.invalidateQueries({ queryKey: trpc.team.roles.queryKey() });
      setEditing(null);
      setStatus(`Saved role ${row.name}`);
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  return (
    <section aria-labelledby="roles-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <h2 id="roles-heading" className="text-lg font-semibold">
          Roles
        </h2>
        <Button size="sm" variant="outline" onClick={() => setEditing({ name: '', permissions: [] })}>
          New custom role
        </Button>
      </div>
      {status ? (
        <p role="status" className="text-sm text-success">
          {status}
        </p>
      ) : null}
      {editing ? (
        <Card>
          <CardHeader>
            <CardTitle>{editing.id ? `Edit ${editing.name}` : 'New custom role'}</CardTitle>
          </CardHeader>
          <CardContent>
            <form onSubmit={submit} noValidate className="flex flex-col gap-3">
              <label className="flex max-w-sm flex-col gap-1 text-sm">
                Name
                <input name="name" defaultValue={editing.name} className={field} aria-invalid={!!errors.name} />
                {errors.name ? <span className="text-xs text-destructive">{errors.name}</span> : null}
              </label>
              <fieldset className="grid gap-1 text-sm sm:grid-cols-3">
                <legend className="mb-1 font-medium">Permissions</legend>
                {PERMISSIONS.map((p) => {
                  const allowed = grantable.includes(p);
                  return (
                    <label key={p} className="flex items-center gap-2" title={allowed ? undefined : 'You do not hold this permission'}>
                      <input type="checkbox" name="permission" value={p} defaultChecked={editing.permissions.includes(p)} disabled={!allowed} />
                      <span className={allowed ? '' : 'text-muted-foreground'}>{p}</span>
                    </label>
                  );
                })}
              </fieldset>
              {errors.permissions ? <span className="text-xs text-destructive">{errors.permissions}</span> : null}
              {errors.form ? (
                <p role="alert" className="text-sm text-destructive">
                  {errors.form}
                </p>
              ) : null}
              <div className="flex gap-2">
                <Button type="submit" disabled={save.isPending}>
                  Save role
                </Button>
                <Button type="button" variant="ghost" onClick={() => setEditing(null)}>
                  Cancel
                </Button>
              </div>
            </form>
          </CardContent>
        </Card>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {roles.map((r) => (
          <Card key={r.id}>
            <CardHeader className="flex flex-row items-center justify-between gap-2">
              <CardTitle className="text-base">{r.name}</CardTitle>
              <div className="flex items-center gap-2">
                <Badge variant={r.builtIn ? 'secondary' : 'default'}>{r.builtIn ? 'built-in' : 'custom'}</Badge>
                {!r.builtIn ? (
                  <Button size="sm" variant="ghost" onClick={() => setEditing({ id: r.id, name: r.name, permissions: r.permissions })}>
                    Edit
                  </Button>
                ) : null}
              </div>
            </CardHeader>
            <CardContent className="flex flex-col gap-2 text-xs">
              <span className="text-muted-foreground">
                {r.staffCount} active {r.staffCount === 1 ? 'member' : 'members'} · {r.permissions.length} permissions
              </span>
              <details>
                <summary className="cursor-pointer text-muted-foreground">Permissions</summary>
                <p className="mt-1 font-mono leading-relaxed">{r.permissions.join(' · ')}</p>
              </details>
            </CardContent>
          </Card>
        ))}
      </div>
    </section>
  );
}
