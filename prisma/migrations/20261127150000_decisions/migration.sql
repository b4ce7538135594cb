-- Model governance (server/modules/models), the decision log (server/decisions) and a
-- minimal audit trail (server/modules/audit).

-- CreateEnum
CREATE TYPE "model_kind" AS ENUM ('search_ranking', 'risk_score', 'discount_offer', 'recommendation');

-- CreateEnum
CREATE TYPE "model_stage" AS ENUM ('draft', 'shadow', 'canary', 'production', 'retired');

-- CreateTable
CREATE TABLE "models" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "model_kind" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner" TEXT NOT NULL,
    "guardrails" JSONB NOT NULL DEFAULT '{}',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_versions" (
    "id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "kind" "model_kind" NOT NULL,
    "version" INTEGER NOT NULL,
    "implementation_key" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "artifact_ref" TEXT,
    "training_data_ref" TEXT,
    "evaluation" JSONB,
    "evaluated_at" TIMESTAMPTZ(3),
    "stage" "model_stage" NOT NULL DEFAULT 'draft',
    "canary_share" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "salt" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stage_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_stage_changes" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "from_stage" "model_stage" NOT NULL,
    "to_stage" "model_stage" NOT NULL,
    "canary_share" DOUBLE PRECISION,
    "actor" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_stage_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_approvals" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "target_stage" "model_stage" NOT NULL,
    "approver" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "model_alerts" (
    "id" TEXT NOT NULL,
    "kind" "model_kind" NOT NULL,
    "version_id" TEXT,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),

    CONSTRAINT "model_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_logs" (
    "id" TEXT NOT NULL,
    "kind" "model_kind" NOT NULL,
    "subject_key" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "model_version_id" TEXT,
    "model_version" TEXT NOT NULL,
    "served_version" TEXT NOT NULL,
    "policy_version" TEXT,
    "input_digest" TEXT NOT NULL,
    "features" JSONB NOT NULL DEFAULT '{}',
    "output" JSONB,
    "score" DOUBLE PRECISION,
    "confidence" DOUBLE PRECISION,
    "explanation" JSONB NOT NULL DEFAULT '[]',
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "degraded" BOOLEAN NOT NULL DEFAULT false,
    "error_class" TEXT,
    "error_message" TEXT,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_shadow_results" (
    "id" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "kind" "model_kind" NOT NULL,
    "model_version_id" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "output" JSONB,
    "score" DOUBLE PRECISION,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "agreement" DOUBLE PRECISION,
    "error_class" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_shadow_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "models_key_key" ON "models"("key");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_model_id_version_key" ON "model_versions"("model_id", "version");

-- CreateIndex
CREATE INDEX "model_versions_kind_stage_idx" ON "model_versions"("kind", "stage");

-- CreateIndex
CREATE INDEX "model_stage_changes_version_id_created_at_idx" ON "model_stage_changes"("version_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "model_approvals_version_id_target_stage_approver_key" ON "model_approvals"("version_id", "target_stage", "approver");

-- CreateIndex
CREATE INDEX "model_alerts_kind_created_at_idx" ON "model_alerts"("kind", "created_at");

-- CreateIndex
CREATE INDEX "decision_logs_kind_created_at_idx" ON "decision_logs"("kind", "created_at");

-- CreateIndex
CREATE INDEX "decision_logs_model_version_id_created_at_idx" ON "decision_logs"("model_version_id", "created_at");

-- CreateIndex
CREATE INDEX "decision_logs_request_id_idx" ON "decision_logs"("request_id");

-- CreateIndex
CREATE INDEX "decision_shadow_results_decision_id_idx" ON "decision_shadow_results"("decision_id");

-- CreateIndex
CREATE INDEX "decision_shadow_results_model_version_id_created_at_idx" ON "decision_shadow_results"("model_version_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_entity_entity_id_created_at_idx" ON "audit_events"("entity", "entity_id", "created_at");

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "model_stage_changes" ADD CONSTRAINT "model_stage_changes_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "model_approvals" ADD CONSTRAINT "model_approvals_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One serving production and at most one canary per decision kind: the seam must never
-- have to choose between two.
CREATE UNIQUE INDEX "model_versions_one_production" ON "model_versions"("kind") WHERE "stage" = 'production';
CREATE UNIQUE INDEX "model_versions_one_canary" ON "model_versions"("kind") WHERE "stage" = 'canary';

-- Canary share is a percentage of subjects.
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_canary_share_range" CHECK ("canary_share" >= 0 AND "canary_share" <= 100);
