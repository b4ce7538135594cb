// The functions this app serves (to Inngest at /api/inngest, or to the embedded runner).
import { decaySearchPopularity } from './functions/decay-search-popularity';
import { evaluateModelGuardrails } from './functions/evaluate-model-guardrails';
import { indexImportedProducts } from './functions/index-imported-products';
import { indexUpdatedProduct } from './functions/index-updated-product';
import { rebuildRecommendations } from './functions/rebuild-recommendations';
import { reembedCatalog } from './functions/reembed-catalog';
import { updateRecommendations } from './functions/update-recommendations';

export const functions = [
  indexImportedProducts,
  indexUpdatedProduct,
  reembedCatalog,
  decaySearchPopularity,
  evaluateModelGuardrails,
  rebuildRecommendations,
  updateRecommendations,
];
