// A lost database connection inside a tRPC procedure is a 503 the storefront may retry, not a
// 500; other failures stay 500, and domain errors keep their own codes.
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@/server/errors';
import { createCallerFactory, createTRPCRouter, publicProcedure } from './init';

// Shaped as Prisma's driver adapter reports a terminated backend (pg SQLSTATE 57P01 inside).
const terminated = Object.assign(new Error('Invalid `prisma.order.findMany()` invocation'), {
  code: 'P2010',
  meta: { driverAdapterError: { cause: { originalCode: '57P01', kind: 'postgres' } } },
});

const router = createTRPCRouter({
  lost: publicProcedure.query(() => {
    throw terminated;
  }),
  broken: publicProcedure.query(() => {
    throw new Error('a bug');
  }),
  missing: publicProcedure.query(() => {
    throw new NotFoundError('Order', 'ord_x');
  }),
});
const caller = createCallerFactory(router)({
  db: {} as never,
  requestId: 'req-lost',
  sessionKey: null,
  ipAddress: null,
  personalizationOff: false,
  staffToken: null,
  headers: new Headers(),
} as never);

async function failure(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (err) {
    return err as TRPCError;
  }
  throw new Error('expected a failure');
}

describe('tRPC and a lost database connection', () => {
  it('answers 503 SERVICE_UNAVAILABLE with a retry message, keeping the cause', async () => {
    const err = await failure(caller.lost());
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(getHTTPStatusCodeFromError(err)).toBe(503);
    expect(err.message).toMatch(/try again/);
    expect(err.cause).toBe(terminated);
  });

  it('leaves other failures as they were: a bug is a 500, a domain error its own code', async () => {
    expect(getHTTPStatusCodeFromError(await failure(caller.broken()))).toBe(500);
    const missing = await failure(caller.missing());
    expect(missing.code).toBe('NOT_FOUND');
  });
});
