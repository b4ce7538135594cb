// POST /api/v1/orders/:id/refunds: refund part (or the rest) of a paid order (order.refund, Idempotency-Key).
import { postRefundHandler } from '@/server/api/refunds-rest';

export const dynamic = 'force-dynamic';

const handler = postRefundHandler();

export async function POST(req: Request, props: { params: Promise<{ id: string }> }): Promise<Response> {
  return handler(req, (await props.params).id);
}
