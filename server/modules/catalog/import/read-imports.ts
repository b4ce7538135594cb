// Imports as the console and REST show them: status, progress counts and (for one) the report.
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { importIdInput, listImportsInput, type ImportReport, type ListImportsInput } from './import.schema';

const summarySelect = {
  id: true,
  status: true,
  format: true,
  fileName: true,
  source: true,
  requestedBy: true,
  total: true,
  processed: true,
  created: true,
  updated: true,
  unchanged: true,
  failed: true,
  flagged: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export type ImportSummary = {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  format: string;
  fileName: string;
  source: string;
  requestedBy: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  flagged: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** processed / total, 0–100 (whole percent). */
  percent: number;
};

type Row = Omit<ImportSummary, 'percent'>;
const withPercent = (r: Row): ImportSummary => ({
  ...r,
  percent: r.total === 0 ? 100 : Math.floor((r.processed / r.total) * 100),
});

export async function getImport(db: Db, raw: { importId: string }): Promise<ImportSummary & { report: ImportReport }> {
  const { importId } = importIdInput.parse(raw);
  const row = await db.catalogImport.findUnique({ where: { id: importId }, select: { ...summarySelect, report: true } });
  if (!row) throw new NotFoundError('catalog import', importId);
  const { report, ...rest } = row;
  return { ...withPercent(rest), report: report as unknown as ImportReport };
}

/** Newest first. */
export async function listImports(db: Db, raw: ListImportsInput = {}): Promise<ImportSummary[]> {
  const { limit } = listImportsInput.parse(raw);
  const rows = await db.catalogImport.findMany({ select: summarySelect, orderBy: { createdAt: 'desc' }, take: limit });
  return rows.map(withPercent);
}
