import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '@/server/api/init';
import { appRouter } from '@/server/api/root';
import { RateLimitedError, retryAfterHeader } from '@/server/security/rate-limits';
import { logger } from '@/server/observability/logger';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    // A rate-limited call says when to come back, as REST does.
    responseMeta({ errors }) {
      const limited = errors.find((e) => e.cause instanceof RateLimitedError);
      return limited ? { headers: new Headers(retryAfterHeader(limited.cause)) } : {};
    },
    onError({ error, path, ctx }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error({ requestId: ctx?.requestId, path, err: error.cause ?? error }, 'tRPC procedure failed');
      }
    },
  });
}

export { handler as GET, handler as POST };
