import { Suspense } from 'react';
import { ImportHistory } from '@/components/console/catalog/import-history';
import { ImportWizard } from '@/components/console/catalog/import-wizard';
import { PageHeader } from '@/components/console/page-header';
import { PanelErrorBoundary } from '@/components/console/search/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@/server/modules/catalog/import/import.schema';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Import products' };

export default async function CatalogImportPage() {
  prefetch(trpc.catalog.import.list.queryOptions({ limit: 20 }));
  return (
    <>
      <PageHeader
        title="Import products"
        description={`Add or update products from a CSV or JSON file (up to ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows, ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Products are matched by SKU; importing the same file twice changes nothing.`}
      />
      <HydrateClient>
        <div className="flex flex-col gap-8">
          <ImportWizard />
          <section className="flex flex-col gap-3">
            <h2 className="text-lg font-semibold">Import history</h2>
            <PanelErrorBoundary what="the import history">
              <Suspense fallback={<Skeleton className="h-24 w-full" />}>
                <ImportHistory />
              </Suspense>
            </PanelErrorBoundary>
          </section>
          <details className="rounded-[var(--radius-card)] border bg-card p-4">
            <summary className="cursor-pointer text-sm font-semibold">File format: columns</summary>
            <div className="mt-3">
              <Table>
                <THead>
                  <tr>
                    <Th>Column</Th>
                    <Th>Also accepted</Th>
                    <Th>Meaning</Th>
                  </tr>
                </THead>
                <TBody>
                  {IMPORT_COLUMNS.map((c) => (
                    <tr key={c.name}>
                      <Td className="font-mono text-xs">
                        {c.name}
                        {c.required ? ' *' : ''}
                      </Td>
                      <Td className="font-mono text-xs text-muted-foreground">{c.aliases.join(', ') || '—'}</Td>
                      <Td>{c.help}</Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </div>
          </details>
        </div>
      </HydrateClient>
    </>
  );
}
