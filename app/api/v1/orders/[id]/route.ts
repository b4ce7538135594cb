// GET /api/v1/orders/:id: an order's status.
import { getOrderHandler } from '@/server/api/orders-rest';

export const dynamic = 'force-dynamic';

const handler = getOrderHandler();

export async function GET(req: Request, props: { params: Promise<{ id: string }> }): Promise<Response> {
  return handler(req, (await props.params).id);
}
