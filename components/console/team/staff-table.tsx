'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { STAFF_STATUSES } from '@/server/modules/auth/team.schema';

const field = 'h-9 rounded-md border bg-card px-2 text-sm';
export const STAFF_PAGE_SIZE = 20;

/** Staff, filtered and paginated on the server; role change and (de)activation per row. */
export function StaffTable({ selfId }: { selfId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<{ q: string; roleId: string; status: (typeof STAFF_STATUSES)[number] }>({
    q: '',
    roleId: '',
    status: 'active',
  });
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const { data: roles } = useSuspenseQuery(trpc.team.roles.queryOptions());
  const input = { q: filter.q || undefined, roleId: filter.roleId || undefined, status: filter.status, page, pageSize: STAFF_PAGE_SIZE };
  const { data, isFetching, error } = useQuery({ ...trpc.team.staff.queryOptions(input), placeholderData: keepPreviousData });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.team.staff.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.team.roles.queryKey() }),
    ]);
  const onError = (err: { message: string }) => setMessage({ tone: 'error', text: err.message });
  const setRole = useMutation(trpc.team.setRole.mutationOptions({ onError }));
  const setActive = useMutation(trpc.team.setActive.mutationOptions({ onError }));

  return (
    <section aria-labelledby="staff-heading" className="flex flex-col gap-3">
      <h2 id="staff-heading" className="text-lg font-semibold">
        Staff
      </h2>
      <form
        className="flex flex-wrap items-end gap-2 text-sm"
        aria-label="Filter staff"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setPage(1);
          setFilter({
            q: String(f.get('q') ?? '').trim(),
            roleId: String(f.get('roleId') ?? ''),
            status: String(f.get('status') ?? 'active') as (typeof STAFF_STATUSES)[number],
          });
        }}
      >
        <label className="flex flex-col gap-1">
          Search
          <input name="q" defaultValue={filter.q} placeholder="Email or name" className={field} />
        </label>
        <label className="flex flex-col gap-1">
          Role
          <select name="roleId" defaultValue={filter.roleId} className={field}>
            <option value="">Any role</option>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Status
          <select name="status" defaultValue={filter.status} className={field}>
            <option value="active">Active</option>
            <option value="disabled">Deactivated</option>
            <option value="all">All</option>
          </select>
        </label>
        <Button type="submit" variant="outline" size="sm" className="h-9">
          Filter
        </Button>
      </form>
      {message ? (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'text-sm text-destructive' : 'text-sm text-success'}>
          {message.text}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error.message}
        </p>
      ) : !data ? (
        <p className="text-sm text-muted-foreground">Loading staff…</p>
      ) : data.items.length === 0 ? (
        <EmptyState title="No staff match" description="Change the filter, or invite someone below." />
      ) : (
        <>
          <Table aria-label="Staff" aria-busy={isFetching}>
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th>Since</Th>
                <Th className="text-right">Actions</Th>
              </tr>
            </THead>
            <TBody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <Td>{s.name || '—'}</Td>
                  <Td>{s.email}</Td>
                  <Td>
                    <select
                      aria-label={`Role of ${s.email}`}
                      value={s.roles[0]?.id ?? ''}
                      disabled={setRole.isPending || s.disabled}
                      className={field}
                      onChange={async (e) => {
                        setMessage(null);
                        const role = roles.find((r) => r.id === e.target.value);
                        try {
                          await setRole.mutateAsync({ staffId: s.id, roleId: e.target.value });
                          setMessage({ tone: 'ok', text: `${s.email} is now ${role?.name ?? 'updated'}` });
                        } catch {
                          /* shown by onError */
                        }
                        await refresh();
                      }}
                    >
                      {s.roles.length === 0 ? <option value="">No role</option> : null}
                      {roles.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                    </select>
                  </Td>
                  <Td>{s.disabled ? <Badge variant="destructive">deactivated</Badge> : <Badge variant="success">active</Badge>}</Td>
                  <Td className="whitespace-nowrap text-xs">{new Date(s.createdAt).toISOString().slice(0, 10)}</Td>
                  <Td className="text-right">
                    {s.id === selfId ? (
                      <span className="text-xs text-muted-foreground">you</span>
                    ) : (
                      <Button
                        size="sm"
                        variant={s.disabled ? 'outline' : 'destructive'}
                        disabled={setActive.isPending}
                        onClick={async () => {
                          setMessage(null);
                          if (!s.disabled && !window.confirm(
                              `Deactivate ${s.email}? They are signed out everywhere at once, the API keys they created are revoked and the invites they sent stop working. Reactivating does not bring those back.`,
                            )) return;
                          try {
                            const r = await setActive.mutateAsync({ staffId: s.id, active: s.disabled });
                            setMessage({
                              tone: 'ok',
                              text: s.disabled
                                ? `${s.email} reactivated`
                                : `${s.email} deactivated: ${r.sessionsEnded} session(s) ended, ${r.apiKeysRevoked} API key(s) and ${r.invitesRevoked} invite(s) revoked`,
                            });
                          } catch {
                            /* shown by onError */
                          }
                          await refresh();
                        }}
                      >
                        {s.disabled ? 'Reactivate' : 'Deactivate'}
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <nav aria-label="Staff pages" className="flex items-center gap-3 text-sm">
            <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous
            </Button>
            <span className="text-muted-foreground">
              Page {data.page} of {data.pages} · {data.total} {data.total === 1 ? 'member' : 'members'}
            </span>
            <Button size="sm" variant="outline" disabled={page >= data.pages} onClick={() => setPage(page + 1)}>
              Next
            </Button>
          </nav>
        </>
      )}
    </section>
  );
}
