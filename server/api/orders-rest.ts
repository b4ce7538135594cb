// REST doors for orders (app/api/v1/orders): POST places an order with an Idempotency-Key
// header, GET reads its status. Request ids on every response; errors name the field.
import { z } from 'zod';
import { getDb, type Db } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { resolveRequestId } from '@/server/lib/request-id';
import { readSessionKey } from '@/server/lib/session-key';
import { resolveSession } from '@/server/modules/auth/sessions';
import { readStaffToken } from '@/server/modules/auth/staff-cookie';
import {
  emailInput,
  idempotencyKeyInput,
  orderIdInput,
  restOrderBody,
} from '@/server/modules/checkout/checkout.schema';
import { getOrder, getOrderForShopper, shopperView } from '@/server/modules/checkout/get-order';
import { placeOrder, type PlaceOrderResult } from '@/server/modules/checkout/place-order';
import { consumeRateLimit, retryAfterHeader } from '@/server/security/rate-limits';
import { recordCheckoutCompleted } from '@/server/modules/recovery/checkout-completed';
import { stageMark } from '@/server/observability/stage-marks';
import { httpError, unavailableHeaders } from './errors';
import { authorizeRequest } from './rest';

/** 1 MB is far beyond any honest order (50 lines). */
const MAX_BODY_BYTES = 1_000_000;

function badRequest(requestId: string, path: string, message: string, status = 400): Response {
  return Response.json(
    { error: { code: 'BAD_REQUEST', message: `${path}: ${message}`, issues: [{ path, message }], requestId } },
    { status, headers: { 'x-request-id': requestId, 'cache-control': 'no-store' } },
  );
}

function errorResponse(err: unknown, requestId: string): Response {
  const { status, body } = httpError(err, requestId);
  // Domain errors about one field (unknown SKU, promo code) name it like validation errors do.
  const field = err instanceof DomainError && typeof err.details.field === 'string' ? err.details.field : null;
  if (field) body.error.issues = [{ path: field, message: err instanceof Error ? err.message : String(err) }];
  return Response.json(body, {
    status,
    headers: {
      'x-request-id': requestId,
      'cache-control': 'no-store',
      ...retryAfterHeader(err),
      ...unavailableHeaders(err),
    },
  });
}

/** 201 for an order placed (or held for review); 402 when the card or the risk policy refused it. */
export function statusFor(result: PlaceOrderResult): number {
  return result.outcome === 'placed' || result.outcome === 'in_review' ? 201 : 402;
}

/**
 * Whether the caller may see the risk internals (score, reasons, policy version): a system with
 * an API key holding order.read (a bad or insufficient key is refused before anything is
 * placed), or a signed-in staff member with it. Anyone else is a shopper, and shoppers see the
 * action, the model version, the decision id and the latency, never what a fraudster could
 * tune against (ADR 041; as the status endpoint and the storefront already did).
 */
async function seesRiskInternals(db: Db, req: Request): Promise<boolean> {
  if (/^Bearer\s/i.test(req.headers.get('authorization') ?? '')) return Boolean(await authorizeRequest(db, req, 'order.read', '/api/v1/orders'));
  const token = readStaffToken(req.headers.get('cookie'));
  return Boolean(token && (await resolveSession(db, token))?.permissions.includes('order.read'));
}

function forShopper(result: PlaceOrderResult): PlaceOrderResult {
  return { ...result, order: shopperView(result.order), risk: result.risk && { ...result.risk, score: null, reasons: [], policyVersion: null } };
}

export function postOrderHandler(opts: { db?: Db } = {}) {
  return async (req: Request): Promise<Response> => {
    const requestId = resolveRequestId(req.headers.get('x-request-id'));
    const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
    const key = idempotencyKeyInput.safeParse(req.headers.get('idempotency-key') ?? undefined);
    if (!key.success) return badRequest(requestId, 'Idempotency-Key', key.error.issues[0]!.message);
    const text = await req.text();
    if (text.length > MAX_BODY_BYTES) return badRequest(requestId, '(body)', 'request body is too large', 413);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return badRequest(requestId, '(body)', 'request body must be JSON');
    }
    try {
      const body = restOrderBody.parse(json);
      stageMark('door: body, JSON.parse, zod');
      const db = opts.db ?? getDb();
      const ip = clientIp(req.headers);
      await consumeRateLimit('checkout', ip, db);
      stageMark('door: rate limit');
      const internals = await seesRiskInternals(db, req);
      const sessionKey = readSessionKey(req.headers.get('cookie'));
      const placed = await placeOrder(db, {
        ...body,
        sessionKey,
        idempotencyKey: key.data,
        ipAddress: ip === 'unknown' ? null : ip,
        requestId,
      });
      const result = internals ? placed : forShopper(placed);
      // As on the storefront door: the cart became an order, so cart recovery stops.
      if ((result.outcome === 'placed' || result.outcome === 'in_review') && !result.replayed)
        await recordCheckoutCompleted(db, { sessionKey, orderId: result.order.id, totalCents: result.order.totalCents });
      stageMark('door: checkout completed (recovery)');
      const status = statusFor(result);
      const payload =
        status === 201
          ? { ...result, requestId }
          : {
              ...result,
              requestId,
              error: {
                code: result.outcome === 'payment_declined' ? 'PAYMENT_DECLINED' : 'ORDER_REJECTED',
                message: result.message,
                requestId,
              },
            };
      const response = Response.json(payload, {
        status,
        headers: { ...headers, ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) },
      });
      stageMark('door: response JSON');
      return response;
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

const statusQuery = z.object({ email: emailInput.optional() });

/**
 * GET /api/v1/orders/:id: the session that placed it, a caller who knows its email
 * (?email=), or staff with order.read. Anyone else gets 404, so ids cannot be probed.
 */
export function getOrderHandler(opts: { db?: Db } = {}) {
  return async (req: Request, id: string): Promise<Response> => {
    const requestId = resolveRequestId(req.headers.get('x-request-id'));
    const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
    const orderId = orderIdInput.safeParse(id);
    if (!orderId.success) return badRequest(requestId, 'id', orderId.error.issues[0]!.message);
    const query = statusQuery.safeParse({ email: new URL(req.url).searchParams.get('email') ?? undefined });
    if (!query.success) return badRequest(requestId, 'email', query.error.issues[0]!.message);
    try {
      const db = opts.db ?? getDb();
      const cookie = req.headers.get('cookie');
      const staff = readStaffToken(cookie) ? await resolveSession(db, readStaffToken(cookie)) : null;
      const order = staff?.permissions.includes('order.read')
        ? await getOrder(db, orderId.data)
        : await getOrderForShopper(db, orderId.data, { sessionKey: readSessionKey(cookie), email: query.data.email });
      return Response.json({ order, requestId }, { headers });
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}
