import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '@/server/api/init';
import { appRouter } from '@/server/api/root';
import { RateLimitedError, retryAfterHeader } from '@/server/security/rate-limits';

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
        console.error(JSON.stringify({ level: 'error', requestId: ctx?.requestId, path, msg: error.message }));
      }
    },
  });
}

export { handler as GET, handler as POST };
