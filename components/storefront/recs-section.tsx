'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import type { Placement } from '@/server/modules/recommendations/recs.schema';
import type { RecommendedSection } from '@/server/modules/recommendations/recommend';
import { ProductCard } from './product-card';

type Telemetry = { decisionId: string; modelVersion: string };

const eventId = (kind: string, decisionId: string, productId: string) =>
  `rec:${kind}:${decisionId || 'fallback'}:${productId}:${Date.now().toString(36)}`.slice(0, 128);

/**
 * One recommendation section: product cards, each with why it is shown. Impressions are
 * logged once per render of the decision, clicks from the capture phase before navigating.
 */
export function RecsSection({
  section,
  placement,
  telemetry,
}: {
  section: RecommendedSection;
  placement: Placement;
  telemetry: Telemetry;
}) {
  const trpc = useTRPC();
  const track = useMutation(trpc.recs.track.mutationOptions());
  const logged = useRef<string | null>(null);
  const { mutate } = track;
  useEffect(() => {
    const key = `${telemetry.decisionId}:${section.id}`;
    if (logged.current === key || section.items.length === 0) return;
    logged.current = key;
    mutate({
      events: section.items.map((i) => ({
        id: eventId('imp', telemetry.decisionId, i.product.id),
        type: 'impression' as const,
        productId: i.product.id,
        placement,
        section: section.id,
        position: i.position,
        decisionId: telemetry.decisionId || undefined,
        modelVersion: telemetry.modelVersion,
      })),
    });
  }, [mutate, placement, section, telemetry.decisionId, telemetry.modelVersion]);

  const headingId = `recs-${placement}-${section.id}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4" data-strategy={section.strategy}>
      <h2 id={headingId} className="text-xl font-semibold">
        {section.title}
      </h2>
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
        {section.items.map((i) => (
          <li
            key={i.product.id}
            className="flex flex-col gap-1"
            onClickCapture={() =>
              mutate({
                events: [
                  {
                    id: eventId('click', telemetry.decisionId, i.product.id),
                    type: 'click',
                    productId: i.product.id,
                    placement,
                    section: section.id,
                    position: i.position,
                    decisionId: telemetry.decisionId || undefined,
                    modelVersion: telemetry.modelVersion,
                  },
                ],
              })
            }
          >
            <ProductCard product={i.product} />
            <p className="px-1 text-xs text-muted-foreground">{i.reason}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
