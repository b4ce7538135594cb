'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';

const when = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : '—');
const labelOf = (kind: string, version: number) =>
  kind === 'search_rules' || kind === 'synonyms' ? `${kind}@v${version}` : `${kind}-policy@v${version}`;
const TONE = { pending: 'warning', approved: 'success', rejected: 'destructive', superseded: 'secondary' } as const;

/** Four-eyes approval requests: a second person approves (publishes) or rejects each draft. */
export function PolicyApprovals({ canDecide }: { canDecide: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: approvals } = useSuspenseQuery(trpc.policies.approvals.queryOptions({}));
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const onError = (err: { message: string }) => setMessage({ tone: 'error', text: err.message });
  const approve = useMutation(trpc.policies.approve.mutationOptions({ onError }));
  const reject = useMutation(trpc.policies.reject.mutationOptions({ onError }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.policies.pathKey() });

  return (
    <section aria-labelledby="approvals-heading" className="flex flex-col gap-3">
      <h2 id="approvals-heading" className="text-lg font-semibold">
        Approval requests
      </h2>
      {message ? (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'text-sm text-destructive' : 'text-sm text-success'}>
          {message.text}
        </p>
      ) : null}
      {approvals.length === 0 ? (
        <p className="text-sm text-muted-foreground">No approval requests. With four-eyes on (Settings), publishes and rollbacks of every policy are approved here or in Console → Reviews.</p>
      ) : (
        <Table aria-label="Approval requests">
          <THead>
            <tr>
              <Th>Policy</Th>
              <Th>Requested by</Th>
              <Th>When (UTC)</Th>
              <Th>Note</Th>
              <Th>Status</Th>
              <Th className="text-right">Decision</Th>
            </tr>
          </THead>
          <TBody>
            {approvals.map((a) => (
              <tr key={a.id}>
                <Td className="font-mono text-xs">
                  {a.action === 'rollback' ? `roll ${a.kind} back to v${a.version}` : labelOf(a.kind, a.version)}
                </Td>
                <Td>{a.requestedByEmail}</Td>
                <Td className="whitespace-nowrap text-xs">{when(a.createdAt)}</Td>
                <Td className="text-xs">{a.note || '—'}</Td>
                <Td>
                  <Badge variant={TONE[a.status as keyof typeof TONE] ?? 'secondary'}>{a.status}</Badge>
                  {a.decidedByEmail ? <span className="ml-2 text-xs text-muted-foreground">by {a.decidedByEmail}</span> : null}
                </Td>
                <Td className="text-right">
                  {a.status === 'pending' && canDecide ? (
                    <div className="flex justify-end gap-2">
                      <Button
                        size="sm"
                        aria-label={`Approve ${a.kind} policy v${a.version}`}
                        disabled={approve.isPending}
                        onClick={async () => {
                          setMessage(null);
                          try {
                            await approve.mutateAsync({ approvalId: a.id });
                            setMessage({ tone: 'ok', text: `Approved: ${labelOf(a.kind, a.version)} is ${a.action === 'rollback' ? 'live again' : 'published'}` });
                          } catch {
                            /* shown by onError */
                          }
                          await refresh();
                        }}
                      >
                        Approve
                      </Button>
                      <Button
                        size="sm"
                        variant="outline"
                        aria-label={`Reject ${a.kind} policy v${a.version}`}
                        disabled={reject.isPending}
                        onClick={async () => {
                          setMessage(null);
                          const note = window.prompt('Why is it rejected? (the author sees this)') ?? '';
                          try {
                            await reject.mutateAsync({ approvalId: a.id, note });
                            setMessage({ tone: 'ok', text: `Rejected: v${a.version} stays a draft` });
                          } catch {
                            /* shown by onError */
                          }
                          await refresh();
                        }}
                      >
                        Reject
                      </Button>
                    </div>
                  ) : a.status === 'pending' ? (
                    <span className="text-xs text-muted-foreground">needs policy.publish</span>
                  ) : (
                    <span className="text-xs text-muted-foreground">{a.decisionNote || when(a.decidedAt)}</span>
                  )}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
