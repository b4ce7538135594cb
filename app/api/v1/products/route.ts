// GET /api/v1/products: products with their allowBackorder (catalog.read), keyset pages (?cursor, ?limit).
// POST /api/v1/products: create a product with its default variant (catalog.write) → 201.
import { createProductHandler, listProductsHandler } from '@/server/api/products-rest';

export const dynamic = 'force-dynamic';

const list = listProductsHandler();
const create = createProductHandler();

export function GET(req: Request): Promise<Response> {
  return list(req);
}

export function POST(req: Request): Promise<Response> {
  return create(req);
}
