'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryBars } from './query-bars';
import { QueryReportTable } from './query-report-table';
import { REPORT_INPUT } from './report-input';

export function TopQueries() {
  const trpc = useTRPC();
  const { data: rows } = useSuspenseQuery(trpc.searchAdmin.topQueries.queryOptions(REPORT_INPUT));
  if (rows.length === 0) {
    return (
      <EmptyState
        title="No searches recorded yet"
        description="Queries shoppers type into the storefront search appear here within seconds."
      />
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardContent className="pt-5">
          <QueryBars rows={rows} />
        </CardContent>
      </Card>
      <QueryReportTable rows={rows} label="Top queries, last 30 days" />
    </div>
  );
}

export function ZeroResultQueries() {
  const trpc = useTRPC();
  const { data: rows } = useSuspenseQuery(trpc.searchAdmin.zeroResultQueries.queryOptions(REPORT_INPUT));
  if (rows.length === 0) {
    return (
      <EmptyState
        title="No zero-result searches"
        description="Every search in the last 30 days found at least one product."
      />
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">
        Searches that matched nothing (shoppers saw similar or popular products instead). A synonym or a rule often
        fixes them.
      </p>
      <QueryReportTable rows={rows} label="Zero-result queries, last 30 days" />
    </div>
  );
}
