// REST door for partial refunds: POST /api/v1/orders/:id/refunds with an API key (or a staff
// session) holding order.refund and an Idempotency-Key header. 201 for a new refund, 200 with
// Idempotent-Replayed for a repeat; a refund above what is left is a 422 naming the field.
import { getDb, type Db } from '@/server/db/client';
import { DomainError, InvalidError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { idempotencyKeyInput, orderIdInput } from '@/server/modules/checkout/checkout.schema';
import { orderRefunds, refundOrder } from '@/server/modules/orders/refund-order';
import { refundRequestInput } from '@/server/modules/orders/refunds.schema';
import { consumeRateLimit, retryAfterHeader } from '@/server/security/rate-limits';
import { httpError, unavailableHeaders } from './errors';
import { authorizeRequest, instrumentRoute } from './rest';

const MAX_BODY_BYTES = 100_000;
const ROUTE = '/api/v1/orders/:id/refunds';

function errorResponse(err: unknown, requestId: string): Response {
  const { status, body } = httpError(err, requestId);
  const field = err instanceof DomainError && typeof err.details.field === 'string' ? err.details.field : null;
  if (field) body.error.issues = [{ path: field, message: err instanceof Error ? err.message : String(err) }];
  return Response.json(body, {
    status,
    headers: { 'x-request-id': requestId, 'cache-control': 'no-store', ...retryAfterHeader(err), ...unavailableHeaders(err) },
  });
}

export function postRefundHandler(opts: { db?: Db } = {}) {
  return (req: Request, id: string): Promise<Response> =>
    instrumentRoute(ROUTE, async (r, requestId) => {
      try {
        const db = opts.db ?? getDb();
        await consumeRateLimit('rest', clientIp(r.headers), db);
        const staff = await authorizeRequest(db, r, 'order.refund', ROUTE);
        const orderId = orderIdInput.safeParse(id);
        if (!orderId.success) throw new InvalidError(`id: ${orderId.error.issues[0]!.message}`, { field: 'id' });
        const key = idempotencyKeyInput.safeParse(r.headers.get('idempotency-key') ?? undefined);
        if (!key.success) throw new InvalidError(`Idempotency-Key: ${key.error.issues[0]!.message}`, { field: 'Idempotency-Key' });
        const text = await r.text();
        if (text.length > MAX_BODY_BYTES) throw new InvalidError('request body is too large', { field: '(body)' });
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : {};
        } catch {
          throw new InvalidError('request body must be JSON', { field: '(body)' });
        }
        const refund = refundRequestInput.parse(json);
        const result = await refundOrder(db, staff.email, { orderId: orderId.data, idempotencyKey: key.data, refund });
        const summary = await orderRefunds(db, orderId.data);
        return Response.json(
          { refund: result.refund, refundedCents: summary.refundedCents, remainingCents: summary.remainingCents, requestId },
          {
            status: result.replayed ? 200 : 201,
            headers: { 'x-request-id': requestId, 'cache-control': 'no-store', ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) },
          },
        );
      } catch (err) {
        return errorResponse(err, requestId);
      }
    })(req);
}
