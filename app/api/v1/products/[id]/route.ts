// GET /api/v1/products/:id (catalog.read) and PATCH /api/v1/products/:id (catalog.write): one
// product with its allowBackorder; PATCH changes only the fields given.
import { getProductHandler, updateProductHandler } from '@/server/api/products-rest';

export const dynamic = 'force-dynamic';

const get = getProductHandler();
const update = updateProductHandler();

export async function GET(req: Request, props: { params: Promise<{ id: string }> }): Promise<Response> {
  return get(req, (await props.params).id);
}

export async function PATCH(req: Request, props: { params: Promise<{ id: string }> }): Promise<Response> {
  return update(req, (await props.params).id);
}
