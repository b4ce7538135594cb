# syntax=docker/dockerfile:1
# Multi-stage image for the app (Next.js standalone output) and its one-off jobs.
#   docker build -t commerce .                 → the app (runs node server.js as user "node")
#   docker build --target tools -t commerce-tools .  → migrations / seed (`npm run db:migrate`)

# Dependencies and the generated Prisma client, cached apart from the sources.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund --ignore-scripts && node scripts/prisma-generate.mjs

FROM deps AS build
COPY . .
# NEXT_OUTPUT=standalone switches next.config.js to `output: 'standalone'` for this build only;
# `npm start` (scripts/start.ts) keeps using `next start`.
RUN NEXT_OUTPUT=standalone npx next build

# One-off jobs need the sources and tsx: migrations on deploy, seeding, benchmarks.
FROM build AS tools
RUN chown -R node:node /app
USER node
CMD ["npm", "run", "db:migrate"]

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    # The app drains requests and runner steps itself on SIGTERM (server/lib/graceful-shutdown.ts).
    NEXT_MANUAL_SIG_HANDLE=1
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
# Readiness compares the applied migrations with the ones this build ships.
COPY --from=build --chown=node:node /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
