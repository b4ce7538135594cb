import Link from 'next/link';
import { z } from 'zod';
import { PageHeader } from '@/components/console/page-header';
import { Badge } from '@/components/ui/badge';
import { buttonVariants } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Money } from '@/components/ui/money';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { serverCaller } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Catalog' };

const paramsSchema = z.object({ cursor: z.string().min(1).max(64).optional().catch(undefined) });

export default async function CatalogPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { cursor } = paramsSchema.parse(await props.searchParams);
  const page = await (await serverCaller()).catalog.list({ cursor, limit: 50 });
  return (
    <>
      <PageHeader
        title="Catalog"
        description={`${page.total.toLocaleString('en-US')} active products`}
        actions={
          <Link href="/console/catalog/import" className={buttonVariants({ size: 'sm' })}>
            Import products
          </Link>
        }
      />
      {page.items.length === 0 ? (
        <EmptyState
          title="No products"
          description="Import a CSV or JSON file, or run `npm run db:seed -- --from <dir>` to load a WANDS catalog."
          action={
            <Link href="/console/catalog/import" className={buttonVariants({ size: 'sm' })}>
              Import products
            </Link>
          }
        />
      ) : (
        <Table>
          <THead>
            <tr>
              <Th>Product</Th>
              <Th>Category</Th>
              <Th className="text-right">Price</Th>
              <Th className="text-right">Stock</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {page.items.map((p) => (
              <tr key={p.id} className="hover:bg-muted/50">
                <Td>
                  <Link href={`/p/${p.slug}`} className="hover:underline">
                    {p.title}
                  </Link>
                </Td>
                <Td className="text-muted-foreground">{p.category ?? '—'}</Td>
                <Td className="text-right tabular-nums">
                  <Money cents={p.priceCents} currency={p.currency} />
                </Td>
                <Td className="text-right">
                  {p.inStock ? <Badge variant="success">In stock</Badge> : <Badge variant="destructive">Out</Badge>}
                </Td>
                <Td className="text-right">
                  <Link href={`/console/catalog/${p.id}`} className="text-sm text-primary hover:underline" aria-label={`Edit ${p.title}`}>
                    Edit
                  </Link>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      <div className="mt-4 flex justify-end gap-2">
        {cursor ? (
          <Link href="/console/catalog" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
            First page
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/console/catalog?cursor=${page.nextCursor}`} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
            Next page
          </Link>
        ) : null}
      </div>
    </>
  );
}
