import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { getDb, type Db } from '@/server/db/client';
import { isConnectionLost } from '@/server/db/connection-errors';
import { DomainError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { resolveRequestId } from '@/server/lib/request-id';
import { consumeRateLimit, type LimiterName } from '@/server/security/rate-limits';
import { readPersonalizationOff } from '@/server/lib/personalization';
import { recordRequest } from '@/server/observability/metrics';
import { withRequestId } from '@/server/observability/request-context';
import { tagActiveSpan, withSpan } from '@/server/observability/tracing';
import { readSessionKey } from '@/server/lib/session-key';
import { MissingPermissionError, SignedOutError } from '@/server/modules/auth/auth-errors';
import type { Permission, StaffPrincipal } from '@/server/modules/auth/permissions';
import { resolveSession } from '@/server/modules/auth/sessions';
import { readStaffToken } from '@/server/modules/auth/staff-cookie';
import { describeZodError, toTRPCError, zodIssues } from './errors';

/**
 * `staff` is resolved lazily by merchantProcedure (undefined = not looked up yet), so
 * storefront requests never pay for a session query. Tests pass a staff directly.
 */
export type Context = {
  db: Db;
  requestId: string;
  sessionKey: string | null;
  /** The shopper turned personalization off (cookie): no personal signal may be used. */
  personalizationOff: boolean;
  /** The caller's address (first x-forwarded-for hop), for checkout risk velocity; null when unknown. */
  ipAddress: string | null;
  staffToken: string | null;
  staff?: StaffPrincipal | null;
};

export function createContext(opts: { headers: Headers; db?: Db; staff?: StaffPrincipal | null }): Context {
  return {
    db: opts.db ?? getDb(),
    requestId: resolveRequestId(opts.headers.get('x-request-id')),
    sessionKey: readSessionKey(opts.headers.get('cookie')),
    personalizationOff: readPersonalizationOff(opts.headers.get('cookie')),
    ipAddress: ((ip) => (ip === 'unknown' ? null : ip))(clientIp(opts.headers)),
    staffToken: readStaffToken(opts.headers.get('cookie')),
    staff: opts.staff,
  };
}

/** Procedure metadata: the permission a console procedure needs. */
export type Meta = { permission?: Permission };

const t = initTRPC.context<Context>().meta<Meta>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      // Input validation failures name the fields instead of dumping the raw zod JSON.
      message: zod ? describeZodError(zod) : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        issues: zod ? zodIssues(zod) : undefined,
        requestId: ctx?.requestId,
      },
    };
  },
});

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  // The database went away mid-request (failover, restart, terminated backend): a clean 503
  // the client may retry, as the REST doors answer, not a 500.
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && isConnectionLost(result.error.cause))
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The store is briefly unavailable; please try again.', cause: result.error.cause });
  return result;
});

/**
 * One span and one latency sample per procedure call, with the request id on the span and
 * on every log line written inside it. Expected failures (4xx) are not errors here.
 */
const telemetry = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  tagActiveSpan(ctx.requestId);
  return withRequestId(ctx.requestId, () =>
    withSpan(`trpc ${path}`, { 'rpc.system': 'trpc', 'rpc.method': path, 'trpc.type': type, 'request.id': ctx.requestId }, async (span) => {
      const result = await next();
      const failed = !result.ok && !(result.error.cause instanceof DomainError) && result.error.code === 'INTERNAL_SERVER_ERROR';
      if (!result.ok) span.setAttribute('trpc.error_code', result.error.code);
      if (failed) span.setStatus({ code: 2, message: result.error.code });
      recordRequest('trpc', path, performance.now() - started, !failed);
      return result;
    }),
  );
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(telemetry).use(domainErrors);

/**
 * A console procedure: declares the one permission it needs and enforces it here, the only
 * place authorization happens (401 signed out, 403 without the permission). Handlers get a
 * non-null `ctx.staff` to act as.
 */
export function merchantProcedure(permission: Permission) {
  return publicProcedure.meta({ permission }).use(async ({ ctx, next }) => {
    const staff = ctx.staff !== undefined ? ctx.staff : await resolveSession(ctx.db, ctx.staffToken);
    if (!staff) throw toTRPCError(new SignedOutError());
    if (!staff.permissions.includes(permission)) throw toTRPCError(new MissingPermissionError(permission));
    return next({ ctx: { staff } });
  });
}

/**
 * A shared abuse limit per client address (server/security/rate-limits.ts), as middleware:
 * `publicProcedure.use(rateLimit('search'))`. Over it: TOO_MANY_REQUESTS with Retry-After.
 */
export function rateLimit(limiter: LimiterName) {
  return t.middleware(async ({ ctx, next }) => {
    try {
      await consumeRateLimit(limiter, ctx.ipAddress ?? 'unknown', ctx.db);
    } catch (err) {
      if (err instanceof DomainError) throw toTRPCError(err);
      throw err;
    }
    return next();
  });
}
