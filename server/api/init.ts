import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { getDb, type Db } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { resolveRequestId } from '@/server/lib/request-id';
import { readSessionKey } from '@/server/lib/session-key';
import { describeZodError, toTRPCError, zodIssues } from './errors';

export type Context = { db: Db; requestId: string; sessionKey: string | null };

export function createContext(opts: { headers: Headers; db?: Db }): Context {
  return {
    db: opts.db ?? getDb(),
    requestId: resolveRequestId(opts.headers.get('x-request-id')),
    sessionKey: readSessionKey(opts.headers.get('cookie')),
  };
}

/** Procedure metadata: the permission a console procedure needs. */
export type Meta = { permission?: string };

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
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/**
 * A console procedure that declares the one permission it needs. Enforcement arrives with
 * staff sign-in (console issue); the declaration is here now so no procedure is added
 * without one.
 */
export function merchantProcedure(permission: string) {
  return publicProcedure.meta({ permission });
}
