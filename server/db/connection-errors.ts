// "The database went away" as opposed to "the query is wrong": a backend terminated
// (pg_terminate_backend, failover, restart), a reset socket, a pool that cannot connect. Such
// a request gets a clean 503 with Retry-After instead of a 500, and reads are retried once on
// a fresh connection (server/api/rest.ts). Walks the error's cause chain, since Prisma's
// driver adapter wraps the pg error.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
const MESSAGES = [
  /connection terminated/i,
  /terminating connection due to administrator command/i,
  /server closed the connection unexpectedly/i,
  /client has encountered a connection error/i,
  /connection (?:is )?closed/i,
  /timeout exceeded when trying to connect/i,
  /can't reach database server/i,
];

export function isConnectionLost(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 6) return false;
  const e = err as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: Record<string, unknown>;
    originalCode?: unknown;
  };
  for (const code of [
    e.code,
    e.originalCode,
    e.meta?.code,
    (e.meta?.driverAdapterError as { cause?: { originalCode?: unknown } })?.cause?.originalCode,
  ]) {
    if (typeof code === 'string' && (SQLSTATES.has(code) || NODE_CODES.has(code) || PRISMA_CODES.has(code)))
      return true;
  }
  if (typeof e.message === 'string' && MESSAGES.some((re) => re.test(e.message as string))) return true;
  return isConnectionLost(e.cause, depth + 1) || isConnectionLost(e.meta?.driverAdapterError, depth + 1);
}

/** Runs a read; if the connection was lost under it, once more (the pool hands out a fresh one). */
export async function retryReadOnce<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isConnectionLost(err)) throw err;
    return fn();
  }
}
