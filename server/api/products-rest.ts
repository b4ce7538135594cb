// REST doors for products (app/api/v1/products): GET list / one (catalog.read), POST create and
// PATCH update (catalog.write), each with the product's allowBackorder. Same auth as the other
// console REST routes (API key or staff cookie), zod 400s naming the field, request ids.
import { z } from 'zod';
import { getDb, type Db } from '@/server/db/client';
import { DomainError, InvalidError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import type { Permission, StaffPrincipal } from '@/server/modules/auth/permissions';
import { createRestProduct, getRestProduct, listRestProducts, updateRestProduct } from '@/server/modules/catalog/rest-products';
import { createRestProductInput, listRestProductsInput, updateRestProductInput } from '@/server/modules/catalog/rest-products.schema';
import { consumeRateLimit, retryAfterHeader } from '@/server/security/rate-limits';
import { httpError, unavailableHeaders } from './errors';
import { authorizeRequest, instrumentRoute, queryObject } from './rest';

const MAX_BODY_BYTES = 100_000;

type Door = (ctx: { db: Db; req: Request; staff: StaffPrincipal; id: string | null }) => Promise<{ status?: number; body: unknown }>;

function door(route: string, permission: Permission, fn: Door, opts: { db?: Db } = {}) {
  return (req: Request, id: string | null = null): Promise<Response> =>
    instrumentRoute(route, async (r, requestId) => {
      const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
      try {
        const db = opts.db ?? getDb();
        await consumeRateLimit('rest', clientIp(r.headers), db);
        const staff = await authorizeRequest(db, r, permission, route);
        const out = await fn({ db, req: r, staff, id });
        return Response.json(out.body, { status: out.status ?? 200, headers });
      } catch (err) {
        const { status, body } = httpError(err, requestId);
        // Domain errors about one field (a SKU already taken) name it like validation errors do.
        const field = err instanceof DomainError && typeof err.details.field === 'string' ? err.details.field : null;
        if (field) body.error.issues = [{ path: field, message: (err as Error).message }];
        return Response.json(body, { status, headers: { ...headers, ...retryAfterHeader(err), ...unavailableHeaders(err) } });
      }
    })(req);
}

async function jsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new InvalidError('request body is too large', { field: '(body)' });
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new InvalidError('request body must be JSON', { field: '(body)' });
  }
  return schema.parse(json);
}

const actorOf = (staff: StaffPrincipal) => ({ id: staff.id, email: staff.email });

export function listProductsHandler(opts: { db?: Db } = {}) {
  return door(
    '/api/v1/products',
    'catalog.read',
    async ({ db, req }) => ({ body: await listRestProducts(db, listRestProductsInput.parse(queryObject(new URL(req.url).searchParams))) }),
    opts,
  );
}

export function createProductHandler(opts: { db?: Db } = {}) {
  return door(
    '/api/v1/products',
    'catalog.write',
    async ({ db, req, staff }) => ({ status: 201, body: await createRestProduct(db, actorOf(staff), await jsonBody(req, createRestProductInput)) }),
    opts,
  );
}

export function getProductHandler(opts: { db?: Db } = {}) {
  return door('/api/v1/products/:id', 'catalog.read', async ({ db, id }) => ({ body: await getRestProduct(db, { productId: id ?? '' }) }), opts);
}

export function updateProductHandler(opts: { db?: Db } = {}) {
  return door(
    '/api/v1/products/:id',
    'catalog.write',
    async ({ db, req, staff, id }) => ({ body: await updateRestProduct(db, actorOf(staff), { productId: id ?? '', ...(await jsonBody(req, updateRestProductInput)) }) }),
    opts,
  );
}
