// The functions this app serves (to Inngest at /api/inngest, or to the embedded runner).
import { decaySearchPopularity } from './functions/decay-search-popularity';
import { deliverLocalPaymentWebhook } from './functions/deliver-local-payment-webhook';
import { evaluateModelGuardrails } from './functions/evaluate-model-guardrails';
import { indexImportedProducts } from './functions/index-imported-products';
import { indexUpdatedProduct } from './functions/index-updated-product';
import { processPaymentWebhook } from './functions/process-payment-webhook';
import { reembedCatalog } from './functions/reembed-catalog';

export const functions = [indexImportedProducts, indexUpdatedProduct, reembedCatalog, decaySearchPopularity, evaluateModelGuardrails, processPaymentWebhook, deliverLocalPaymentWebhook];
