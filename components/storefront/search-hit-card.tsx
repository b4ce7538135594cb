'use client';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import type { SearchHit } from '@/server/modules/search/search-products';
import { ProductCard } from './product-card';

/**
 * The product card, plus click tracking for search analytics and learning-to-rank. The
 * click is recorded from the capture phase, before the card's link navigates; a client-side
 * navigation does not cancel the request.
 */
export function SearchHitCard({ hit, query, requestId }: { hit: SearchHit; query: string; requestId: string | null }) {
  const trpc = useTRPC();
  const track = useMutation(trpc.search.track.mutationOptions());
  return (
    <div
      className="h-full"
      onClickCapture={() =>
        track.mutate({
          type: 'click',
          productId: hit.productId,
          position: hit.position,
          query,
          requestId: requestId ?? undefined,
        })
      }
    >
      <ProductCard
        product={{
          id: hit.productId,
          slug: hit.slug,
          title: hit.title,
          category: hit.category,
          priceCents: hit.priceCents,
          currency: hit.currency,
          inStock: hit.inStock,
          ratingAvg: hit.ratingAvg,
          reviewCount: hit.reviewCount,
        }}
      />
    </div>
  );
}
