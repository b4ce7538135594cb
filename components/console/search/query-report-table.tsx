import Link from 'next/link';
import type { QueryReportRow } from '@/server/modules/search/search-events';

export function formatCtr(ctr: number): string {
  return `${(ctr * 100).toFixed(1)}%`;
}

/** Query analytics rows; each query opens the storefront search it describes. */
export function QueryReportTable({ rows, label }: { rows: QueryReportRow[]; label: string }) {
  const th = 'px-4 py-3 font-medium';
  const td = 'px-4 py-2.5 text-right tabular-nums';
  return (
    <div className="overflow-hidden rounded-[var(--radius-card)] border bg-card">
      <table className="w-full text-sm" aria-label={label}>
        <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
          <tr>
            <th className={th}>Query</th>
            <th className={`${th} text-right`}>Searches</th>
            <th className={`${th} text-right`}>Clicks</th>
            <th className={`${th} text-right`}>CTR</th>
            <th className={`${th} text-right`}>Zero results</th>
            <th className={`${th} text-right`}>Last seen</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((r) => (
            <tr key={r.query} className="hover:bg-muted/50">
              <td className="px-4 py-2.5">
                <Link href={`/search?q=${encodeURIComponent(r.query)}`} className="hover:underline">
                  {r.query}
                </Link>
              </td>
              <td className={td}>{r.searches.toLocaleString('en-US')}</td>
              <td className={td}>{r.clicks.toLocaleString('en-US')}</td>
              <td className={td}>{formatCtr(r.ctr)}</td>
              <td className={td}>{r.zeroResults.toLocaleString('en-US')}</td>
              <td className={`${td} text-muted-foreground`}>
                <time dateTime={new Date(r.lastSeen).toISOString()}>
                  {new Date(r.lastSeen).toLocaleDateString('en-US', {
                    month: 'short',
                    day: 'numeric',
                    timeZone: 'UTC',
                  })}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
