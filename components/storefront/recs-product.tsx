'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PRODUCT_RECS_LIMIT } from './recs-limits';
import { RecsSection } from './recs-section';

/** "Similar items" and "Customers also viewed/bought" on a product page. */
export function RecsProduct({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.recs.forProduct.queryOptions({ productId, limit: PRODUCT_RECS_LIMIT }));
  if (data.sections.length === 0) return null;
  return (
    <div className="mt-12 flex flex-col gap-10">
      {data.sections.map((s) => (
        <RecsSection key={s.id} section={s} placement="product" telemetry={data.telemetry} />
      ))}
    </div>
  );
}
