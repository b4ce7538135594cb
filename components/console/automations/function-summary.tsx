'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';

/** Runs per function over the last 7 days, failures first. */
export function FunctionSummary({ selected }: { selected?: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({ ...trpc.automations.overview.queryOptions(), refetchInterval: 5000 });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Functions</CardTitle>
        <p className="text-xs text-muted-foreground">
          {data.dashboardUrl ? (
            <>
              Inngest is configured: runs execute there.{' '}
              <a className="underline" href={data.dashboardUrl} target="_blank" rel="noreferrer">
                Open the Inngest dashboard
              </a>
            </>
          ) : (
            'Embedded runner on this app’s Postgres · last 7 days'
          )}
        </p>
      </CardHeader>
      <CardContent>
        {data.functions.length === 0 ? (
          <p className="text-sm text-muted-foreground">No runs yet.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="py-1 font-medium">Function</th>
                <th className="py-1 text-right font-medium">Runs</th>
                <th className="py-1 text-right font-medium">Active</th>
                <th className="py-1 text-right font-medium">Failed</th>
              </tr>
            </thead>
            <tbody>
              {data.functions.map((f) => (
                <tr key={f.functionId} className={cn('border-t', selected === f.functionId && 'bg-muted')}>
                  <td className="py-1.5">
                    <Link className="hover:underline" href={`/console/automations?fn=${encodeURIComponent(f.functionId)}`}>
                      {f.functionId}
                    </Link>
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{f.total}</td>
                  <td className="py-1.5 text-right tabular-nums">{f.active}</td>
                  <td className={cn('py-1.5 text-right tabular-nums', f.failed > 0 && 'font-semibold text-destructive')}>{f.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
