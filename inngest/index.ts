// The functions this app serves (to Inngest at /api/inngest, or to the embedded runner).
import { applyPaymentUpdateFn } from './functions/apply-payment-update';
import { decaySearchPopularity } from './functions/decay-search-popularity';
import { deliverLocalPaymentWebhook } from './functions/deliver-local-payment-webhook';
import { evaluateModelGuardrails } from './functions/evaluate-model-guardrails';
import { expireReservationsFn } from './functions/expire-reservations';
import { indexImportedProducts } from './functions/index-imported-products';
import { indexUpdatedProduct } from './functions/index-updated-product';
import { processOrder } from './functions/process-order';
import { processPaymentWebhook } from './functions/process-payment-webhook';
import { rebuildRecommendations } from './functions/rebuild-recommendations';
import { recordOrderPurchaseFn } from './functions/record-order-purchase';
import { reembedCatalog } from './functions/reembed-catalog';
import { updateRecommendations } from './functions/update-recommendations';
import { runPrivacyRequest } from './functions/run-privacy-request';
import { applyRetentionFn } from './functions/apply-retention';
import { catalogImport } from './functions/catalog-import';
import { deliverMailFn } from './functions/deliver-mail';
import { cartRecovery } from './functions/cart-recovery';
import { deliverWebhook } from './functions/deliver-webhook';
import { resolveOrderAppealFn } from './functions/resolve-order-appeal';
import { maintainEventPartitions } from './functions/maintain-event-partitions';
import { searchRerankEval } from './functions/search-rerank-eval';
import { allocateRestockedBackorders, sweepBackorders } from './functions/allocate-backorders';
import { resumeUnstartedOrdersFn } from './functions/resume-unstarted-orders';

export const functions = [
  indexImportedProducts,
  indexUpdatedProduct,
  reembedCatalog,
  decaySearchPopularity,
  evaluateModelGuardrails,
  applyPaymentUpdateFn,
  expireReservationsFn,
  processOrder,
  processPaymentWebhook,
  deliverLocalPaymentWebhook,
  rebuildRecommendations,
  updateRecommendations,
  recordOrderPurchaseFn,
  runPrivacyRequest,
  applyRetentionFn,
  catalogImport,
  deliverMailFn,
  cartRecovery,
  deliverWebhook,
  resolveOrderAppealFn,
  maintainEventPartitions,
  searchRerankEval,
  allocateRestockedBackorders,
  sweepBackorders,
  resumeUnstartedOrdersFn,
];
