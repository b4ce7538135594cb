import { listConsoleProducts, setProductsHidden } from '@/server/modules/catalog/console-products';
import { listConsoleProductsInput, setProductsHiddenInput } from '@/server/modules/catalog/console-products.schema';
import { getProductBySlug } from '@/server/modules/catalog/get-product';
import { getProductInput } from '@/server/modules/catalog/get-product.schema';
import { previewImport } from '@/server/modules/catalog/import/build-import-report';
import { importFileInput, importIdInput, listImportsInput } from '@/server/modules/catalog/import/import.schema';
import { getImport, listImports } from '@/server/modules/catalog/import/read-imports';
import { startImport } from '@/server/modules/catalog/import/start-import';
import { getCatalogOverview, listProducts } from '@/server/modules/catalog/list-products';
import { listProductsInput } from '@/server/modules/catalog/list-products.schema';
import { getEditableProduct, updateProduct } from '@/server/modules/catalog/update-product';
import { productIdInput, updateProductInput } from '@/server/modules/catalog/update-product.schema';
import { createTRPCRouter, merchantProcedure, publicProcedure } from '../init';

// Console: upload → preview (a report, nothing written) → start (the background job) → poll get.
const importRouter = createTRPCRouter({
  // A mutation only because the file rides in the body; it writes nothing.
  preview: merchantProcedure('catalog.write')
    .input(importFileInput)
    .mutation(({ ctx, input }) => previewImport(ctx.db, input)),
  start: merchantProcedure('catalog.write')
    .input(importFileInput)
    .mutation(({ ctx, input }) => startImport(ctx.db, input, { source: 'console', requestedBy: ctx.staff.id })),
  get: merchantProcedure('catalog.read')
    .input(importIdInput)
    .query(({ ctx, input }) => getImport(ctx.db, input)),
  list: merchantProcedure('catalog.read')
    .input(listImportsInput)
    .query(({ ctx, input }) => listImports(ctx.db, input)),
});

export const catalogRouter = createTRPCRouter({
  list: publicProcedure.input(listProductsInput).query(({ ctx, input }) => listProducts(ctx.db, input)),
  overview: publicProcedure.query(({ ctx }) => getCatalogOverview(ctx.db)),
  product: publicProcedure.input(getProductInput).query(({ ctx, input }) => getProductBySlug(ctx.db, input.slug)),
  import: importRouter,
  editable: merchantProcedure('catalog.read')
    .input(productIdInput)
    .query(({ ctx, input }) => getEditableProduct(ctx.db, input)),
  update: merchantProcedure('catalog.write')
    .input(updateProductInput)
    .mutation(({ ctx, input }) => updateProduct(ctx.db, ctx.staff, input)),
  /** Console → Catalog: all products, filtered (All / Active / Hidden / Out of stock), with counts. */
  consoleList: merchantProcedure('catalog.read')
    .input(listConsoleProductsInput)
    .query(({ ctx, input }) => listConsoleProducts(ctx.db, input)),
  /** Hide or show one or many products (bulk select). */
  setHidden: merchantProcedure('catalog.write')
    .input(setProductsHiddenInput)
    .mutation(({ ctx, input }) => setProductsHidden(ctx.db, ctx.staff, input)),
});
