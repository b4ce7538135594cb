// GET /api/v1/recommendations?placement=home|product|cart&productId=&productIds=&limit=
// Request id in the header and body; telemetry carries model version, latency and reasons.
import { csvList, restGet } from '@/server/api/rest';
import { recommendForCart, recommendForHome, recommendForProduct } from '@/server/modules/recommendations/recommend';
import { restQuery } from '@/server/modules/recommendations/recs.schema';

export const dynamic = 'force-dynamic';

export const GET = restGet(restQuery, async (ctx, q) => {
  const rc = { requestId: ctx.requestId, sessionKey: ctx.sessionKey, personalizationOff: ctx.personalizationOff };
  const recs =
    q.placement === 'home'
      ? await recommendForHome(ctx.db, { limit: q.limit }, rc)
      : q.placement === 'product'
        ? await recommendForProduct(ctx.db, { productId: q.productId!, limit: q.limit }, rc)
        : await recommendForCart(ctx.db, { productIds: csvList.parse(q.productIds ?? q.productId!), limit: q.limit }, rc);
  return {
    requestId: ctx.requestId,
    placement: recs.placement,
    personalized: recs.personalized,
    sections: recs.sections.map((s) => ({
      id: s.id,
      title: s.title,
      strategy: s.strategy,
      items: s.items.map((i) => ({ position: i.position, reason: i.reason, product: i.product })),
    })),
    telemetry: {
      ...recs.telemetry,
      reasons: [...new Set(recs.sections.flatMap((s) => s.items.map((i) => i.reason)))],
    },
  };
});
