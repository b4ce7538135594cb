import Link from 'next/link';
import { z } from 'zod';
import { ProductTable } from '@/components/console/catalog/product-table';
import { PageHeader } from '@/components/console/page-header';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { currentStaff } from '@/server/api/current-staff';
import { serverCaller } from '@/server/api/rsc';
import { CATALOG_FILTERS, type CatalogFilter } from '@/server/modules/catalog/console-products.schema';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Catalog' };

const PAGE_SIZE = 50;
const paramsSchema = z.object({
  filter: z.enum(CATALOG_FILTERS).catch('all'),
  q: z.string().trim().max(100).catch(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const LABELS: Record<CatalogFilter, string> = { all: 'All', active: 'Active', hidden: 'Hidden', out_of_stock: 'Out of stock' };
const EMPTY: Record<CatalogFilter, { title: string; description: string }> = {
  all: { title: 'No products', description: 'Import a CSV or JSON file, or run `npm run db:seed -- --from <dir>` to load a WANDS catalog.' },
  active: { title: 'No active products', description: 'Every product is hidden. Show products from the Hidden filter to put them back in the storefront.' },
  hidden: { title: 'No hidden products', description: 'Hidden products stay in the console but leave the storefront, search and recommendations.' },
  out_of_stock: { title: 'Nothing is out of stock', description: 'Products whose variants all have no stock on hand appear here.' },
};

function href(p: { filter: CatalogFilter; q: string; page?: number }) {
  const s = new URLSearchParams();
  if (p.filter !== 'all') s.set('filter', p.filter);
  if (p.q) s.set('q', p.q);
  if (p.page && p.page > 1) s.set('page', String(p.page));
  const qs = s.toString();
  return qs ? `/console/catalog?${qs}` : '/console/catalog';
}

export default async function CatalogPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = paramsSchema.parse(await props.searchParams);
  const [list, staff] = await Promise.all([
    (await serverCaller()).catalog.consoleList({ ...params, pageSize: PAGE_SIZE }),
    currentStaff(),
  ]);
  const canWrite = Boolean(staff?.permissions.includes('catalog.write'));
  const { counts } = list;
  return (
    <>
      <PageHeader
        title="Catalog"
        description={`${counts.active.toLocaleString('en-US')} active products · ${counts.hidden.toLocaleString('en-US')} hidden`}
        actions={
          <Link href="/console/catalog/import" className={buttonVariants({ size: 'sm' })}>
            Import products
          </Link>
        }
      />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <nav aria-label="Filter products" className="flex flex-wrap gap-1">
          {CATALOG_FILTERS.map((f) => (
            <Link
              key={f}
              href={href({ filter: f, q: params.q })}
              aria-current={list.filter === f ? 'page' : undefined}
              className={cn(buttonVariants({ size: 'sm', variant: list.filter === f ? 'secondary' : 'ghost' }), 'gap-2')}
            >
              {LABELS[f]}
              <span className="tabular-nums text-muted-foreground">{counts[f].toLocaleString('en-US')}</span>
            </Link>
          ))}
        </nav>
        <form action="/console/catalog" method="get" role="search" aria-label="Search products" className="flex gap-2">
          {list.filter !== 'all' && <input type="hidden" name="filter" value={list.filter} />}
          <label className="sr-only" htmlFor="catalog-q">
            Title or SKU
          </label>
          <input
            id="catalog-q"
            name="q"
            defaultValue={params.q}
            placeholder="Title or SKU"
            className="h-8 rounded-md border bg-card px-2 text-sm"
          />
          <button type="submit" className={buttonVariants({ size: 'sm', variant: 'outline' })}>
            Search
          </button>
        </form>
      </div>
      {list.items.length === 0 ? (
        <EmptyState
          title={params.q ? `No products match “${params.q}”` : EMPTY[list.filter].title}
          description={params.q ? 'Try another title or SKU, or clear the search.' : EMPTY[list.filter].description}
          action={
            list.filter === 'all' && !params.q ? (
              <Link href="/console/catalog/import" className={buttonVariants({ size: 'sm' })}>
                Import products
              </Link>
            ) : (
              <Link href="/console/catalog" className={buttonVariants({ size: 'sm', variant: 'outline' })}>
                Show all products
              </Link>
            )
          }
        />
      ) : (
        <ProductTable key={`${list.filter}-${params.q}-${list.page}`} items={list.items} canWrite={canWrite} />
      )}
      {list.pages > 1 && (
        <nav aria-label="Catalog pages" className="mt-4 flex items-center justify-end gap-3 text-sm">
          {list.page > 1 && (
            <Link href={href({ filter: list.filter, q: params.q, page: list.page - 1 })} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
              Previous page
            </Link>
          )}
          <span className="text-muted-foreground">
            Page {list.page} of {list.pages}
          </span>
          {list.page < list.pages && (
            <Link href={href({ filter: list.filter, q: params.q, page: list.page + 1 })} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
              Next page
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
