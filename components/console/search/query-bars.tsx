import type { QueryReportRow } from '@/server/modules/search/search-events';
import { formatCtr } from './query-report-table';

const ROW = 28;
const LABEL_W = 160;
const BAR_W = 420;

/**
 * Searches per query as horizontal bars, with click-through beside each bar. SVG scales
 * with its container; colours come from theme tokens (fill-primary, fill-muted).
 */
export function QueryBars({ rows }: { rows: QueryReportRow[] }) {
  const top = rows.slice(0, 10);
  const max = Math.max(1, ...top.map((r) => r.searches));
  const height = top.length * ROW;
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm text-muted-foreground">
        Searches for the top {top.length} queries, with click-through rate
      </figcaption>
      <svg
        viewBox={`0 0 ${LABEL_W + BAR_W + 120} ${height}`}
        className="w-full max-w-3xl"
        role="img"
        aria-label={top.map((r) => `${r.query}: ${r.searches} searches, ${formatCtr(r.ctr)} CTR`).join('; ')}
      >
        {top.map((r, i) => {
          const w = Math.max(2, (r.searches / max) * BAR_W);
          const y = i * ROW;
          return (
            <g key={r.query} transform={`translate(0 ${y})`}>
              <text
                x={LABEL_W - 8}
                y={ROW / 2}
                dominantBaseline="middle"
                textAnchor="end"
                className="fill-foreground text-[12px]"
              >
                {r.query.length > 22 ? `${r.query.slice(0, 21)}…` : r.query}
              </text>
              <rect x={LABEL_W} y={4} width={BAR_W} height={ROW - 8} rx={3} className="fill-muted" />
              <rect x={LABEL_W} y={4} width={w} height={ROW - 8} rx={3} className="fill-primary" />
              <text
                x={LABEL_W + BAR_W + 8}
                y={ROW / 2}
                dominantBaseline="middle"
                className="fill-muted-foreground text-[12px] tabular-nums"
              >
                {r.searches} · {formatCtr(r.ctr)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
