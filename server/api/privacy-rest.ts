// REST doors for data subject requests (app/api/v1/privacy/requests): POST records an export
// or erasure and starts its job (202 + Location), GET reads its status and progress, and
// GET …/bundle downloads a finished export. A signed-in staff member or an API key holding
// the permission (authorizeRequest).
import { getDb, type Db } from '@/server/db/client';
import { clientIp } from '@/server/lib/rate-limit';
import type { Permission } from '@/server/modules/auth/permissions';
import { createPrivacyRequestInput, privacyRequestIdInput } from '@/server/modules/privacy/privacy.schema';
import { createPrivacyRequest, getPrivacyRequest, readExportBundle, type CreateDeps } from '@/server/modules/privacy/privacy-requests';
import { consumeRateLimit, retryAfterHeader } from '@/server/security/rate-limits';
import { httpError } from './errors';
import { authorizeRequest, instrumentRoute } from './rest';

/** A request body is an email, a type and a note: 16 kB is generous. */
const MAX_BODY_BYTES = 16_384;

const PERMISSION_FOR = { export: 'privacy.export', erase: 'privacy.erase' } as const satisfies Record<string, Permission>;

function errorResponse(err: unknown, requestId: string, headers: Record<string, string>): Response {
  const { status, body } = httpError(err, requestId);
  return Response.json(body, { status, headers: { ...headers, ...retryAfterHeader(err) } });
}

function badRequest(requestId: string, headers: Record<string, string>, path: string, message: string, status = 400): Response {
  return Response.json({ error: { code: 'BAD_REQUEST', message: `${path}: ${message}`, issues: [{ path, message }], requestId } }, { status, headers });
}

export function postPrivacyRequestHandler(opts: { db?: Db } & CreateDeps = {}) {
  return instrumentRoute('/api/v1/privacy/requests', async (req, requestId) => {
    const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
    try {
      const db = opts.db ?? getDb();
      await consumeRateLimit('rest', clientIp(req.headers), db);
      const text = await req.text();
      if (text.length > MAX_BODY_BYTES) return badRequest(requestId, headers, '(body)', 'request body is too large', 413);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return badRequest(requestId, headers, '(body)', 'request body must be JSON');
      }
      // Validate before authorising the type, so an unknown type is a 400 naming the field.
      const input = createPrivacyRequestInput.parse(json);
      const staff = await authorizeRequest(db, req, PERMISSION_FOR[input.type]);
      const { request, created } = await createPrivacyRequest(db, staff, input, { source: 'api', publish: opts.publish });
      return Response.json(
        { request, created, requestId },
        { status: created ? 202 : 200, headers: { ...headers, location: `/api/v1/privacy/requests/${request.id}` } },
      );
    } catch (err) {
      return errorResponse(err, requestId, headers);
    }
  });
}

export function getPrivacyRequestHandler(opts: { db?: Db } = {}) {
  return (req: Request, id: string) =>
    instrumentRoute('/api/v1/privacy/requests/[id]', async (r, requestId) => {
      const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
      try {
        const db = opts.db ?? getDb();
        await consumeRateLimit('rest', clientIp(r.headers), db);
        await authorizeRequest(db, r, 'privacy.read');
        const { requestId: prq } = privacyRequestIdInput.parse({ requestId: id });
        return Response.json({ request: await getPrivacyRequest(db, prq), requestId }, { headers });
      } catch (err) {
        return errorResponse(err, requestId, headers);
      }
    })(req);
}

export function getPrivacyBundleHandler(opts: { db?: Db } = {}) {
  return (req: Request, id: string) =>
    instrumentRoute('/api/v1/privacy/requests/[id]/bundle', async (r, requestId) => {
      const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
      try {
        const db = opts.db ?? getDb();
        await consumeRateLimit('rest', clientIp(r.headers), db);
        await authorizeRequest(db, r, 'privacy.export');
        const { requestId: prq } = privacyRequestIdInput.parse({ requestId: id });
        const bundle = await readExportBundle(db, prq);
        return new Response(JSON.stringify(bundle, null, 2), {
          headers: { ...headers, 'content-type': 'application/json', 'content-disposition': `attachment; filename="${prq}.json"` },
        });
      } catch (err) {
        return errorResponse(err, requestId, headers);
      }
    })(req);
}

