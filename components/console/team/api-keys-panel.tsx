'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ShownOnce } from '@/components/console/shown-once';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { createApiKeyInput } from '@/server/modules/auth/api-keys.schema';

const field = 'h-9 rounded-md border bg-card px-3 text-sm';
const when = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : 'never');

/** Create (secret shown once), list with last use, revoke. A key's permissions are a subset of yours. */
export function ApiKeysPanel({ grantable }: { grantable: readonly string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: keys } = useSuspenseQuery(trpc.apiKeys.list.queryOptions());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const create = useMutation(trpc.apiKeys.create.mutationOptions());
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const parsed = createApiKeyInput.safeParse({ name: f.get('name'), permissions: f.getAll('permission').map(String) });
    setSecret(null);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
      return;
    }
    setErrors({});
    try {
      const key = await create.mutateAsync(parsed.data);
      setSecret({ name: key.name, value: key.secret });
      form.reset();
      await refresh();
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>New API key</CardTitle>
        </CardHeader>
        <CardContent>
          <form onSubmit={submit} noValidate className="flex flex-col gap-3">
            <label className="flex max-w-sm flex-col gap-1 text-sm">
              Name
              <input name="name" placeholder="e.g. ERP order sync" className={field} aria-invalid={!!errors.name} />
              {errors.name ? <span className="text-xs text-destructive">{errors.name}</span> : null}
            </label>
            <fieldset className="grid gap-1 text-sm sm:grid-cols-3">
              <legend className="mb-1 font-medium">Permissions (only ones you hold)</legend>
              {grantable.map((p) => (
                <label key={p} className="flex items-center gap-2">
                  <input type="checkbox" name="permission" value={p} />
                  {p}
                </label>
              ))}
            </fieldset>
            {errors.permissions ? <span className="text-xs text-destructive">{errors.permissions}</span> : null}
            {errors.form ? (
              <p role="alert" className="text-sm text-destructive">
                {errors.form}
              </p>
            ) : null}
            <Button type="submit" className="self-start" disabled={create.isPending}>
              Create key
            </Button>
          </form>
          {secret ? (
            <div className="mt-4">
              <ShownOnce key={secret.value} value={secret.value} label="API key secret">
                Secret for <strong>{secret.name}</strong>. Copy it now: it is never shown again. Send it as{' '}
                <code className="font-mono">Authorization: Bearer …</code>
              </ShownOnce>
            </div>
          ) : null}
        </CardContent>
      </Card>
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet" description="Systems calling REST v1 authenticate with a key scoped to the permissions it needs." />
      ) : (
        <Table aria-label="API keys">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Permissions</Th>
              <Th>Created (UTC)</Th>
              <Th>Last used (UTC)</Th>
              <Th>Status</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </THead>
          <TBody>
            {keys.map((k) => (
              <tr key={k.id}>
                <Td>{k.name}</Td>
                <Td className="font-mono text-xs">{k.prefix}…</Td>
                <Td className="text-xs">{k.permissions.join(', ')}</Td>
                <Td className="whitespace-nowrap text-xs">{when(k.createdAt)}</Td>
                <Td className="whitespace-nowrap text-xs">{when(k.lastUsedAt)}</Td>
                <Td>{k.revokedAt ? <Badge variant="destructive">revoked</Badge> : <Badge variant="success">active</Badge>}</Td>
                <Td className="text-right">
                  {k.revokedAt ? null : (
                    <Button
                      size="sm"
                      variant="destructive"
                      disabled={revoke.isPending}
                      onClick={async () => {
                        if (!window.confirm(`Revoke ${k.name}? Systems using it get 401 at once.`)) return;
                        await revoke.mutateAsync({ id: k.id }).catch(() => undefined);
                        await refresh();
                      }}
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
