import { getProductBySlug } from '@/server/modules/catalog/get-product';
import { getProductInput } from '@/server/modules/catalog/get-product.schema';
import { getCatalogOverview, listProducts } from '@/server/modules/catalog/list-products';
import { listProductsInput } from '@/server/modules/catalog/list-products.schema';
import { createTRPCRouter, publicProcedure } from '../init';

export const catalogRouter = createTRPCRouter({
  list: publicProcedure.input(listProductsInput).query(({ ctx, input }) => listProducts(ctx.db, input)),
  overview: publicProcedure.query(({ ctx }) => getCatalogOverview(ctx.db)),
  product: publicProcedure.input(getProductInput).query(({ ctx, input }) => getProductBySlug(ctx.db, input.slug)),
});
