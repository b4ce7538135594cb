// Every event a function reacts to, typed once. Senders use `<event>.create(data, { id })`
// (the id makes repeats dedupe); functions use the same objects as triggers.
import { eventType } from 'inngest';
import { z } from 'zod';

/** A catalog import finished; without productIds the whole catalog is (re)indexed. */
export const catalogProductsImported = eventType('catalog/products.imported', {
  schema: z.object({ productIds: z.array(z.string().min(1)).optional(), source: z.string().optional() }),
});

/** One product changed (merchant edit, price, stock): reindex it, debounced per product. */
export const catalogProductUpdated = eventType('catalog/product.updated', {
  schema: z.object({ productId: z.string().min(1) }),
});

/** The active embedder changed: every product needs a vector from the new one. */
export const searchEmbedderChanged = eventType('search/embedder.changed', {
  schema: z.object({ embedder: z.string().min(1) }),
});

/** Shopper events accepted by POST /api/v1/events (names only; data is validated there). */
export const SHOPPER_EVENT_NAMES = [
  'shopper/page.viewed',
  'shopper/search.performed',
  'shopper/product.impressed',
  'shopper/product.clicked',
  'shopper/cart.item_added',
  'shopper/checkout.started',
  'shopper/checkout.completed',
] as const;
export type ShopperEventName = (typeof SHOPPER_EVENT_NAMES)[number];

/**
 * CONTRACT (payments → checkout). A payment's status changed because the provider told us
 * (webhook) or we acted (capture, void, refund). Payment status only moves forward, so the
 * order module can apply these in any order and more than once.
 */
export const paymentUpdated = eventType('payments/payment.updated', {
  schema: z.object({
    paymentId: z.string().min(1),
    orderId: z.string().min(1),
    status: z.enum(['authorized', 'declined', 'captured', 'voided', 'refunded', 'failed']),
  }),
});

/** CONTRACT (checkout → exception flow). An order was placed and payment authorised. */
export const orderPlaced = eventType('orders/order.placed', {
  schema: z.object({ orderId: z.string().min(1) }),
});

/** A reviewer decided a review item (server/modules/reviews); flows waiting on it resume. */
export const reviewDecided = eventType('reviews/item.decided', {
  schema: z.object({
    reviewId: z.string().min(1),
    kind: z.string().min(1),
    subjectId: z.string().min(1),
    decision: z.enum(['approve', 'reject']),
  }),
});

/** A verified payment webhook was stored in the inbox (payments module): apply it. */
export const paymentWebhookReceived = eventType('payments/webhook.received', {
  schema: z.object({ inboxId: z.string().min(1) }),
});

/** The local payment provider queued a webhook delivery to the app (its stand-in for Stripe's network). */
export const localPaymentWebhookQueued = eventType('payments/local-webhook.queued', {
  schema: z.object({ deliveryId: z.string().min(1), delayMs: z.number().int().nonnegative().optional() }),
});

/**
 * Shopper events recommendations learn from as they arrive (data as stored by
 * POST /api/v1/events and recs.track; read with server/modules/recommendations/shopper-events.ts).
 */
const shopperEventData = z
  .object({ sessionKey: z.string().optional(), productId: z.string().optional(), productIds: z.array(z.string()).optional() })
  .passthrough();
export const shopperCartItemAdded = eventType('shopper/cart.item_added', { schema: shopperEventData });
export const shopperCheckoutCompleted = eventType('shopper/checkout.completed', { schema: shopperEventData });

/** A data subject request was recorded (server/modules/privacy): run its export or erasure. */
export const privacyRequestCreated = eventType('privacy/request.created', {
  schema: z.object({ requestId: z.string().min(1) }),
});

/** A validated catalog file is waiting in catalog_imports: write its rows in chunks (catalog-import). */
export const catalogImportRequested = eventType('catalog/import.requested', {
  schema: z.object({ importId: z.string().min(1) }),
});

/** A message was written to the mail outbox (server/modules/mail): deliver it. */
export const mailQueued = eventType('mail/queued', {
  schema: z.object({ mailId: z.string().min(1) }),
});

/** A cart's lines changed or its shopper left an email at checkout (cart recovery listens). */
export const cartUpdated = eventType('cart/updated', {
  schema: z.object({ cartId: z.string().min(1), sessionKey: z.string().min(1) }),
});

/** A cart became an order (server/modules/recovery/checkout-completed.ts): recovery stops. */
export const checkoutCompleted = eventType('checkout/completed', {
  schema: z.object({ cartId: z.string().min(1), orderId: z.string().min(1), totalCents: z.number().int().nonnegative() }),
});

/** An outbound webhook delivery was queued (server/modules/webhooks-out): send it. */
export const webhookDeliveryQueued = eventType('webhooks/delivery.queued', {
  schema: z.object({ deliveryId: z.string().min(1) }),
});

/** A variant's stock went up (restock): back-ordered units waiting for it can ship (server/modules/inventory/backorders.ts). */
export const inventoryRestocked = eventType('inventory/variant.restocked', {
  schema: z.object({
    variantId: z.string().min(1),
    productId: z.string().min(1),
    stockOnHand: z.number().int(),
    addedUnits: z.number().int().positive(),
    /** Back-ordered units of orders still open for this variant when it was restocked. */
    backorderedUnits: z.number().int().nonnegative(),
  }),
});

/** Someone asked for the search re-ranking evaluation gate now (Console → Models); it also runs nightly. */
export const searchRerankEvalRequested = eventType('search/rerank-eval.requested', {
  schema: z.object({ requestedBy: z.string().min(1) }),
});
