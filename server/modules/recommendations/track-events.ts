// Shopper feedback on recommendations (product views, impressions, clicks, add-to-carts,
// each with placement, section and position) goes into the shopper event log through the
// events module's ingestion, like every other shopper event.
import type { Db } from '@/server/db/client';
import type { ShopperEventName } from '@/inngest/events';
import { ingestEvents, type IngestResult } from '@/server/modules/events/ingest-events';
import type { StoredEvent } from '@/server/modules/events/insert-events';
import { trackInput, type TrackInput } from './recs.schema';
import type { z } from 'zod';

const NAMES: Record<TrackInput['events'][number]['type'], ShopperEventName> = {
  view: 'shopper/page.viewed',
  impression: 'shopper/product.impressed',
  click: 'shopper/product.clicked',
  add_to_cart: 'shopper/cart.item_added',
};

export async function trackRecEvents(
  db: Db,
  raw: z.input<typeof trackInput>,
  ctx: { sessionKey: string | null; personalizationOff?: boolean },
  opts: { publish?: (events: StoredEvent[]) => Promise<unknown> } = {},
): Promise<IngestResult> {
  const input = trackInput.parse(raw);
  // Opted out: the event is still counted (popularity), but carries no key to tie it to them.
  const sessionKey = ctx.personalizationOff ? undefined : (ctx.sessionKey ?? undefined);
  return ingestEvents(
    db,
    input.events.map((e) => ({
      id: e.id,
      name: NAMES[e.type],
      data: {
        ...(sessionKey ? { sessionKey } : {}),
        productId: e.productId,
        ...(e.placement
          ? { source: 'recommendations', placement: e.placement, section: e.section, position: e.position }
          : {}),
        ...(e.decisionId ? { decisionId: e.decisionId, modelVersion: e.modelVersion } : {}),
      },
    })),
    opts,
  );
}
