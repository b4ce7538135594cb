// The one place domain errors become transport errors (tRPC here, REST via httpError).
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { DomainError, HTTP_STATUS, TRPC_CODE } from '@/server/errors';
import { isConnectionLost } from '@/server/db/connection-errors';
import { logger } from '@/server/observability/logger';

export function toTRPCError(err: DomainError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[err.code], message: err.message, cause: err });
}

export type ErrorBody = {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; requestId?: string };
};

/**
 * REST: domain error → its status; zod error → 400 naming the fields; a lost database
 * connection → 503 (send Retry-After: unavailableHeaders); anything else → redacted 500.
 */
export function httpError(err: unknown, requestId?: string): { status: number; body: ErrorBody } {
  if (err instanceof ZodError) {
    return {
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: describeZodError(err), issues: zodIssues(err), requestId } },
    };
  }
  if (err instanceof DomainError) {
    return { status: HTTP_STATUS[err.code], body: { error: { code: err.code, message: err.message, requestId } } };
  }
  if (isConnectionLost(err)) {
    logger.warn({ requestId, err }, 'database connection lost during the request');
    return {
      status: 503,
      body: {
        error: { code: 'UNAVAILABLE', message: 'The database connection was interrupted; retry shortly', requestId },
      },
    };
  }
  logger.error({ requestId, err }, 'unhandled error');
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error', requestId } } };
}

export function zodIssues(err: ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}

export function describeZodError(err: ZodError): string {
  return zodIssues(err)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
}

/** Retry-After for a 503 caused by a lost database connection. */
export function unavailableHeaders(err: unknown): Record<string, string> {
  return isConnectionLost(err) ? { 'retry-after': '1' } : {};
}
