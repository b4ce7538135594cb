// REST doors (app/api/v1): query-string parsing with zod, the shared error table, and the
// request id on every response.
import { z } from 'zod';
import { getDb, type Db } from '@/server/db/client';
import { resolveRequestId } from '@/server/lib/request-id';
import { readPersonalizationOff } from '@/server/lib/personalization';
import { recordRequest } from '@/server/observability/metrics';
import { withRequestId } from '@/server/observability/request-context';
import { tagActiveSpan, withSpan } from '@/server/observability/tracing';
import { readSessionKey } from '@/server/lib/session-key';
import { MissingPermissionError, SignedOutError, UnknownApiKeyError } from '@/server/modules/auth/auth-errors';
import type { Permission, StaffPrincipal } from '@/server/modules/auth/permissions';
import { resolveApiKey } from '@/server/modules/auth/api-keys';
import { resolveSession } from '@/server/modules/auth/sessions';
import { InvalidError } from '@/server/errors';
import { readStaffToken } from '@/server/modules/auth/staff-cookie';
import { clientIp } from '@/server/lib/rate-limit';
import { consumeRateLimit, retryAfterHeader } from '@/server/security/rate-limits';
import { retryReadOnce } from '@/server/db/connection-errors';
import { httpError, unavailableHeaders } from './errors';

export type RestContext = {
  db: Db;
  requestId: string;
  sessionKey: string | null;
  /** The shopper turned personalization off (cookie). */
  personalizationOff?: boolean;
  staff: StaffPrincipal | null;
};

/** URLSearchParams → plain object: repeated keys become arrays. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

/**
 * A list parameter: repeated (`?category=A&category=B`) or comma-separated. Catalog names
 * contain ", " ("Pots, Pans & Skillets"), so only a comma not followed by a space separates.
 */
export const csvList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(/,(?! )/)).map((s) => s.trim()).filter(Boolean));

/**
 * Wraps a REST handler: the request id is resolved once, set for logs and spans, and the
 * call gets a `rest <METHOD> <route>` span and a latency sample (5xx counts as an error).
 */
export function instrumentRoute(route: string, handler: (req: Request, requestId: string) => Promise<Response>) {
  return (req: Request): Promise<Response> => {
    const requestId = resolveRequestId(req.headers.get('x-request-id'));
    const name = `${req.method} ${route}`;
    const started = performance.now();
    tagActiveSpan(requestId);
    return withRequestId(requestId, () =>
      withSpan(
        `rest ${name}`,
        { 'http.route': route, 'http.request.method': req.method, 'request.id': requestId },
        async (span) => {
          const res = await handler(req, requestId);
          span.setAttribute('http.response.status_code', res.status);
          if (res.status >= 500) span.setStatus({ code: 2 });
          recordRequest('rest', name, performance.now() - started, res.status < 500);
          return res;
        },
      ),
    );
  };
}

/** Console routes pass `{ permission }`: checked like merchantProcedure (401 signed out, 403 without it). */
export function restGet<S extends z.ZodType>(
  schema: S,
  fn: (ctx: RestContext, input: z.output<S>) => Promise<unknown>,
  opts: { permission?: Permission; db?: Db; route?: string } = {},
) {
  const route = opts.route;
  return (req: Request): Promise<Response> => instrumentRoute(route ?? new URL(req.url).pathname, handle)(req);
  async function handle(req: Request, requestId: string): Promise<Response> {
    const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
    try {
      const db = opts.db ?? getDb();
      await consumeRateLimit('rest', clientIp(req.headers), db);
      const cookie = req.headers.get('cookie');
      const staff = opts.permission ? await authorizeRequest(db, req, opts.permission, route) : null;
      const input = schema.parse(queryObject(new URL(req.url).searchParams));
      // A GET is safe to repeat: if the database connection dies under it, once more.
      const body = await retryReadOnce(() =>
        fn(
          {
            db,
            requestId,
            sessionKey: readSessionKey(cookie),
            personalizationOff: readPersonalizationOff(cookie),
            staff,
          },
          input,
        ),
      );
      return Response.json(body, { headers });
    } catch (err) {
      const { status, body } = httpError(err, requestId);
      return Response.json(body, {
        status,
        headers: { ...headers, ...retryAfterHeader(err), ...unavailableHeaders(err) },
      });
    }
  }
}

/**
 * Who may call a console REST route: a system with `Authorization: Bearer lk_live_…` (an API
 * key holding the permission) or a signed-in staff member (cookie). A bearer header wins over
 * the cookie; an unknown or revoked key is 401, a key without the permission 403.
 */
export async function authorizeRequest(
  db: Db,
  req: Request,
  permission: Permission,
  route?: string,
): Promise<StaffPrincipal> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  const principal = bearer
    ? await resolveApiKey(db, bearer, { route: route ?? new URL(req.url).pathname, permission, ip: clientIp(req.headers) })
    : await resolveSession(db, readStaffToken(req.headers.get('cookie')));
  if (!principal) throw bearer ? new UnknownApiKeyError() : new SignedOutError();
  if (!principal.permissions.includes(permission)) throw new MissingPermissionError(permission);
  return principal;
}

/** MAX JSON body for console REST posts. */
const MAX_POST_BYTES = 5_000_000;

/**
 * A console REST POST: same auth as restGet (`{ permission }` required), a JSON body parsed with
 * zod (400 naming the field), the shared error table and the request id on every response.
 */
export function restPost<S extends z.ZodType>(
  schema: S,
  fn: (ctx: RestContext & { staff: StaffPrincipal }, input: z.output<S>) => Promise<unknown>,
  opts: { permission: Permission; db?: Db; route?: string; status?: number },
) {
  return (req: Request): Promise<Response> => instrumentRoute(opts.route ?? new URL(req.url).pathname, handle)(req);
  async function handle(req: Request, requestId: string): Promise<Response> {
    const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
    try {
      const db = opts.db ?? getDb();
      await consumeRateLimit('rest', clientIp(req.headers), db);
      const staff = await authorizeRequest(db, req, opts.permission, opts.route);
      const text = await req.text();
      if (text.length > MAX_POST_BYTES) throw new InvalidError('request body is too large', { field: '(body)' });
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        throw new InvalidError('request body must be JSON', { field: '(body)' });
      }
      const input = schema.parse(json);
      const cookie = req.headers.get('cookie');
      const body = await fn(
        { db, requestId, sessionKey: readSessionKey(cookie), personalizationOff: readPersonalizationOff(cookie), staff },
        input,
      );
      return Response.json(body, { status: opts.status ?? 200, headers });
    } catch (err) {
      const { status, body } = httpError(err, requestId);
      return Response.json(body, { status, headers: { ...headers, ...retryAfterHeader(err) } });
    }
  }
}
