import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConflictError, DomainError, InvalidError, NotFoundError } from '@/server/errors';
import { logger } from '@/server/observability/logger';
import { describeZodError, httpError, toTRPCError, zodIssues } from './errors';

const schema = z.object({ limit: z.number().max(100), filter: z.object({ slug: z.string().min(1) }) });
const zodError = () => {
  const res = schema.safeParse({ limit: 500, filter: { slug: '' } });
  if (res.success) throw new Error('expected a validation failure');
  return res.error;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('httpError', () => {
  it('maps a ZodError to 400 with issues naming the fields', () => {
    const { status, body } = httpError(zodError(), 'req-1');
    expect(status).toBe(400);
    expect(body.error).toEqual({
      code: 'BAD_REQUEST',
      message:
        'limit: Too big: expected number to be <=100; filter.slug: Too small: expected string to have >=1 characters',
      issues: [
        { path: 'limit', message: 'Too big: expected number to be <=100' },
        { path: 'filter.slug', message: 'Too small: expected string to have >=1 characters' },
      ],
      requestId: 'req-1',
    });
  });

  it.each([
    [new NotFoundError('product', 'lamp-1'), 404, 'NOT_FOUND', 'product lamp-1 was not found'],
    [new ConflictError('sku WF-1 already exists'), 409, 'CONFLICT', 'sku WF-1 already exists'],
    [new InvalidError('price must be positive'), 422, 'INVALID', 'price must be positive'],
    [new DomainError('RATE_LIMITED', 'slow down'), 429, 'RATE_LIMITED', 'slow down'],
  ])('maps %s to its status', (err, status, code, message) => {
    expect(httpError(err, 'req-2')).toEqual({ status, body: { error: { code, message, requestId: 'req-2' } } });
  });

  it('redacts unknown errors to a 500 and logs them with the request id', () => {
    const log = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const err = new Error('password=hunter2 leaked from the driver');
    const { status, body } = httpError(err, 'req-3');
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: 'INTERNAL', message: 'Internal error', requestId: 'req-3' } });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    // The logger redacts the secret from the message (server/observability/logger.test.ts).
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]).toEqual([{ requestId: 'req-3', err }, 'unhandled error']);
  });

  it('treats thrown non-errors as unknown', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(httpError('boom').status).toBe(500);
    expect(httpError(undefined).body.error.requestId).toBeUndefined();
  });
});

describe('zod helpers', () => {
  it('name the root when an issue has no path', () => {
    const res = z.string().safeParse(1);
    expect(res.success).toBe(false);
    expect(zodIssues(res.error!)).toEqual([
      { path: '(root)', message: 'Invalid input: expected string, received number' },
    ]);
    expect(describeZodError(res.error!)).toBe('(root): Invalid input: expected string, received number');
  });
});

describe('toTRPCError', () => {
  it.each([
    [new NotFoundError('product', 'x'), 'NOT_FOUND'],
    [new ConflictError('dup'), 'CONFLICT'],
    [new InvalidError('bad'), 'UNPROCESSABLE_CONTENT'],
    [new DomainError('UNAUTHORIZED', 'who'), 'UNAUTHORIZED'],
    [new DomainError('FORBIDDEN', 'no'), 'FORBIDDEN'],
    [new DomainError('RATE_LIMITED', 'slow'), 'TOO_MANY_REQUESTS'],
  ])('maps %s to %s, keeping message and cause', (err, code) => {
    const trpc = toTRPCError(err);
    expect(trpc).toBeInstanceOf(TRPCError);
    expect(trpc.code).toBe(code);
    expect(trpc.message).toBe(err.message);
    expect(trpc.cause).toBe(err);
  });
});
