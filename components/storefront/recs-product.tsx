'use client';
import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PRODUCT_RECS_LIMIT } from './recs-limits';
import { RecsSection } from './recs-section';

/** "Similar items" and "Customers also viewed/bought" on a product page; records the view. */
export function RecsProduct({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.recs.forProduct.queryOptions({ productId, limit: PRODUCT_RECS_LIMIT }));
  const { mutate } = useMutation(trpc.recs.track.mutationOptions());
  const viewed = useRef<string | null>(null);
  useEffect(() => {
    if (viewed.current === productId) return;
    viewed.current = productId;
    mutate({
      events: [
        {
          id: `view:${productId}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`,
          type: 'view',
          productId,
        },
      ],
    });
  }, [mutate, productId]);
  if (data.sections.length === 0) return null;
  return (
    <div className="mt-12 flex flex-col gap-10">
      {data.sections.map((s) => (
        <RecsSection key={s.id} section={s} placement="product" telemetry={data.telemetry} />
      ))}
    </div>
  );
}
