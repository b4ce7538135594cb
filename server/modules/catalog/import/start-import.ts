// Starts an import: the file is validated again here (the client's preview is not trusted),
// the valid rows are stored with the import in one transaction, and the background job is
// asked to write them (catalog/import.requested → inngest/functions/catalog-import.ts).
import { catalogImportRequested } from '@/inngest/events';
import { send } from '@/inngest/send';
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { DomainError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { buildImportPlan } from './build-import-report';
import type { ImportFileInput, ImportReport } from './import.schema';

/** Rows per job step: one transaction each, well inside a step's lease. */
export const IMPORT_CHUNK_ROWS = 200;

/** Not one row of the file can be imported; `details.report` says why, row by row. */
export class NothingToImportError extends DomainError {
  constructor(readonly report: ImportReport) {
    const first = report.problems[0];
    const where = first ? ` (${first.row === null ? '' : `row ${first.row}, `}${first.column}: ${first.problem})` : '';
    super('INVALID', `no valid rows to import${where}`, { field: first?.column ?? 'file', report });
  }
}

export type StartImportOptions = {
  source: 'console' | 'rest';
  requestedBy?: string | null;
  chunkRows?: number;
  /** Where the request goes; defaults to the app's Inngest client (embedded or real). */
  publish?: (importId: string) => Promise<unknown>;
};

export type StartedImport = { importId: string; status: 'queued'; report: ImportReport };

export async function startImport(db: Db, raw: ImportFileInput, opts: StartImportOptions): Promise<StartedImport> {
  const plan = await buildImportPlan(db, raw);
  if (plan.rows.length === 0) throw new NothingToImportError(plan.report);
  const chunkRows = Math.max(1, opts.chunkRows ?? IMPORT_CHUNK_ROWS);
  const importId = newId('cimp');
  await withTx(db, async (tx) => {
    await tx.catalogImport.create({
      data: {
        id: importId,
        format: plan.report.format,
        fileName: plan.report.fileName,
        source: opts.source,
        requestedBy: opts.requestedBy ?? null,
        total: plan.rows.length,
        failed: plan.report.invalidRows,
        report: plan.report as unknown as Prisma.InputJsonValue,
      },
    });
    const chunks = chunkOf(plan.rows, chunkRows);
    for (let i = 0; i < plan.rows.length; i += 1000) {
      await tx.catalogImportRow.createMany({
        data: plan.rows.slice(i, i + 1000).map((r, j) => ({
          importId,
          rowNumber: r.row,
          chunk: chunks[i + j]!,
          sku: r.data.sku,
          data: r.data as unknown as Prisma.InputJsonValue,
          contentHash: r.contentHash,
          flags: r.flags,
        })),
      });
    }
  });
  const publish = opts.publish ?? ((id: string) => send(catalogImportRequested.create({ importId: id }, { id: `catalog-import-${id}` })));
  await publish(importId);
  return { importId, status: 'queued', report: plan.report };
}

/**
 * Each row's chunk: about chunkRows rows each, in file order, except that the rows of one
 * handle (a product's variants) always share the chunk of its first row, so a product is
 * written in one transaction.
 */
export function chunkOf(rows: { data: { handle: string | null } }[], chunkRows: number): number[] {
  const byHandle = new Map<string, number>();
  const out: number[] = [];
  let chunk = 0;
  let size = 0;
  for (const r of rows) {
    const h = r.data.handle;
    const known = h ? byHandle.get(h) : undefined;
    if (known !== undefined) {
      out.push(known);
      if (known === chunk) size++;
      continue;
    }
    if (size >= chunkRows) {
      chunk++;
      size = 0;
    }
    if (h) byHandle.set(h, chunk);
    out.push(chunk);
    size++;
  }
  return out;
}
