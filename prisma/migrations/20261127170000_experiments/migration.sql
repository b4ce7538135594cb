-- Experiments (server/modules/experiments): definitions, arms served through the decision
-- seam, and one exposure row per (experiment, unit).

-- CreateEnum
CREATE TYPE "experiment_status" AS ENUM ('draft', 'running', 'stopped', 'decided');

-- CreateTable
CREATE TABLE "experiments" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hypothesis" TEXT NOT NULL,
    "kind" "model_kind" NOT NULL,
    "unit" TEXT NOT NULL DEFAULT 'session',
    "status" "experiment_status" NOT NULL DEFAULT 'draft',
    "layer" TEXT NOT NULL,
    "traffic_start" INTEGER NOT NULL DEFAULT 0,
    "traffic_end" INTEGER NOT NULL DEFAULT 10000,
    "holdout_share" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "salt" TEXT NOT NULL,
    "primary_metric" TEXT,
    "secondary_metrics" JSONB NOT NULL DEFAULT '[]',
    "guardrail_metrics" JSONB NOT NULL DEFAULT '[]',
    "baseline_rate" DOUBLE PRECISION NOT NULL,
    "mde" DOUBLE PRECISION NOT NULL,
    "planned_sample_size" INTEGER NOT NULL,
    "auto_stop" BOOLEAN NOT NULL DEFAULT false,
    "flags" JSONB NOT NULL DEFAULT '{}',
    "decided_arm" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "stopped_at" TIMESTAMPTZ(3),

    CONSTRAINT "experiments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiment_arms" (
    "id" TEXT NOT NULL,
    "experiment_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "model_version_id" TEXT NOT NULL,
    "allocation" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "experiment_arms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiment_exposures" (
    "experiment_id" TEXT NOT NULL,
    "unit_key" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "exposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "experiment_exposures_pkey" PRIMARY KEY ("experiment_id","unit_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "experiments_key_key" ON "experiments"("key");

-- CreateIndex
CREATE INDEX "experiments_kind_status_idx" ON "experiments"("kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "experiment_arms_experiment_id_key_key" ON "experiment_arms"("experiment_id", "key");

-- CreateIndex
CREATE INDEX "experiment_exposures_experiment_id_arm_idx" ON "experiment_exposures"("experiment_id", "arm");

-- AddForeignKey
ALTER TABLE "experiment_arms" ADD CONSTRAINT "experiment_arms_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "experiment_exposures" ADD CONSTRAINT "experiment_exposures_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
