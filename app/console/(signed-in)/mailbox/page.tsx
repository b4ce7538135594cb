import Link from 'next/link';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { PageHeader } from '@/components/console/page-header';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { serverCaller } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Mailbox' };

const paramsSchema = z.object({
  open: z.string().trim().min(1).max(64).optional().catch(undefined),
  cursor: z.string().trim().min(1).max(64).optional().catch(undefined),
});

const STATUS_VARIANT = { stored: 'secondary', sent: 'success', queued: 'warning', failed: 'destructive' } as const;
const when = (d: Date | string) => new Date(d).toISOString().slice(0, 19).replace('T', ' ');

export default async function MailboxPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = paramsSchema.parse(await props.searchParams);
  const caller = await serverCaller();
  let list: Awaited<ReturnType<typeof caller.mail.list>>;
  try {
    list = await caller.mail.list({ limit: 50, cursor: params.cursor });
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'FORBIDDEN') {
      return <EmptyState title="No access to the mailbox" description="Reading outgoing mail needs the mail.read permission." />;
    }
    throw err;
  }
  const opened = params.open ? await caller.mail.get({ id: params.open }).catch(() => null) : null;
  return (
    <>
      <PageHeader
        title="Mailbox (dev)"
        description={
          list.transport === 'dev'
            ? 'SMTP is not configured (SMTP_URL): outgoing mail stays here, readable in full.'
            : 'Mail is delivered over SMTP; this is the outbox with each message’s delivery status.'
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <section aria-label="Messages">
          {list.items.length === 0 ? (
            <EmptyState title="No mail yet" description="Password resets, order notices and cart recovery emails appear here." />
          ) : (
            <table className="w-full text-sm" aria-label="Messages">
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th className="py-1 pr-3 font-medium">When (UTC)</th>
                  <th className="py-1 pr-3 font-medium">To</th>
                  <th className="py-1 pr-3 font-medium">Subject</th>
                  <th className="py-1 pr-3 font-medium">Status</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((m) => (
                  <tr key={m.id} className={m.id === params.open ? 'border-t bg-muted/50' : 'border-t'}>
                    <td className="py-1.5 pr-3 whitespace-nowrap text-xs">{when(m.createdAt)}</td>
                    <td className="py-1.5 pr-3">{m.to}</td>
                    <td className="py-1.5 pr-3">
                      <Link href={`/console/mailbox?open=${m.id}`} className="underline-offset-2 hover:underline">
                        {m.subject}
                      </Link>
                      <span className="ml-2 text-xs text-muted-foreground">{m.kind.replace('_', ' ')}</span>
                    </td>
                    <td className="py-1.5 pr-3">
                      <Badge variant={STATUS_VARIANT[m.status as keyof typeof STATUS_VARIANT] ?? 'secondary'}>{m.status}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {list.nextCursor ? (
            <Link href={`/console/mailbox?cursor=${list.nextCursor}`} className="mt-3 inline-block text-sm underline">
              Older messages
            </Link>
          ) : null}
        </section>
        <section aria-label="Message">
          {opened ? (
            <article className="rounded-[var(--radius-card)] border bg-card p-5 text-sm">
              <h2 className="text-base font-semibold">{opened.subject}</h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-muted-foreground">
                <dt>To</dt>
                <dd>{opened.to}</dd>
                <dt>Queued</dt>
                <dd>{when(opened.createdAt)}</dd>
                <dt>Delivery</dt>
                <dd>
                  {opened.status}
                  {opened.transport ? ` via ${opened.transport}` : ''} · {opened.attempts} attempt{opened.attempts === 1 ? '' : 's'}
                  {opened.lastError ? ` · last error: ${opened.lastError}` : ''}
                </dd>
              </dl>
              <pre className="mt-4 whitespace-pre-wrap break-words font-sans">{opened.text}</pre>
            </article>
          ) : (
            <EmptyState title={params.open ? 'Message not found' : 'Open a message'} description="Choose a subject to read the whole message." />
          )}
        </section>
      </div>
    </>
  );
}
