-- Events log and the embedded Inngest runner's durable state (docs/decisions/006-embedded-inngest-runner.md).

-- CreateEnum
CREATE TYPE "job_run_status" AS ENUM ('queued', 'running', 'sleeping', 'waiting', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "events" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "source" TEXT NOT NULL DEFAULT 'app',
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_rejections" (
    "day" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "event_rejections_pkey" PRIMARY KEY ("day","reason")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" TEXT NOT NULL,
    "function_id" TEXT NOT NULL,
    "event_id" TEXT,
    "event" JSONB NOT NULL,
    "status" "job_run_status" NOT NULL DEFAULT 'queued',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL,
    "output" JSONB,
    "error" JSONB,
    "dedupe_key" TEXT,
    "debounce_key" TEXT,
    "parent_run_id" TEXT,
    "parent_step_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_steps" (
    "run_id" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "data" JSONB,
    "error" JSONB,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_steps_pkey" PRIMARY KEY ("run_id","step_id")
);

-- CreateTable
CREATE TABLE "job_queue" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "function_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step_id" TEXT,
    "key" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "again" BOOLEAN NOT NULL DEFAULT false,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_queue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_waits" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "step_id" TEXT,
    "kind" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "expression" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_waits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_crons" (
    "function_id" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "next_run_at" TIMESTAMPTZ(3) NOT NULL,
    "last_run_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_crons_pkey" PRIMARY KEY ("function_id")
);

-- CreateIndex
CREATE INDEX "events_processed_at_received_at_idx" ON "events"("processed_at", "received_at");

-- CreateIndex
CREATE INDEX "events_name_received_at_idx" ON "events"("name", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_dedupe_key_key" ON "job_runs"("dedupe_key");

-- CreateIndex
CREATE INDEX "job_runs_function_id_status_idx" ON "job_runs"("function_id", "status");

-- CreateIndex
CREATE INDEX "job_runs_debounce_key_idx" ON "job_runs"("debounce_key");

-- CreateIndex
CREATE INDEX "job_runs_created_at_idx" ON "job_runs"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "job_queue_key_key" ON "job_queue"("key");

-- CreateIndex
CREATE INDEX "job_queue_run_at_idx" ON "job_queue"("run_at");

-- CreateIndex
CREATE INDEX "job_queue_run_id_idx" ON "job_queue"("run_id");

-- CreateIndex
CREATE INDEX "job_waits_event_name_idx" ON "job_waits"("event_name");

-- CreateIndex
CREATE INDEX "job_waits_run_id_idx" ON "job_waits"("run_id");

-- AddForeignKey
ALTER TABLE "job_steps" ADD CONSTRAINT "job_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_queue" ADD CONSTRAINT "job_queue_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_waits" ADD CONSTRAINT "job_waits_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
