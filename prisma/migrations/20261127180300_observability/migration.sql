-- Observability (server/observability) and cross-instance cache invalidation (server/lib/cache-bus.ts):
-- the bounded in-database telemetry summary used when no OTLP collector is configured, and
-- per-topic cache versions for instances that missed a NOTIFY.

-- CreateTable
CREATE TABLE "telemetry_minutes" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "metric" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "count" INTEGER NOT NULL DEFAULT 0,
    "sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "buckets" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[],
    "boundaries" DOUBLE PRECISION[] NOT NULL DEFAULT ARRAY[]::DOUBLE PRECISION[],
    "value" DOUBLE PRECISION,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "telemetry_minutes_pkey" PRIMARY KEY ("minute","metric","series")
);

-- CreateTable
CREATE TABLE "telemetry_slow_traces" (
    "id" TEXT NOT NULL,
    "trace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "duration_ms" DOUBLE PRECISION NOT NULL,
    "request_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "started_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "telemetry_slow_traces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cache_versions" (
    "topic" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cache_versions_pkey" PRIMARY KEY ("topic")
);

-- CreateIndex
CREATE INDEX "telemetry_minutes_metric_minute_idx" ON "telemetry_minutes"("metric", "minute");

-- CreateIndex
CREATE INDEX "telemetry_slow_traces_started_at_idx" ON "telemetry_slow_traces"("started_at");
