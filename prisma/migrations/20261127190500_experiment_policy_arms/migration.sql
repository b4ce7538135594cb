-- Experiments whose arms are policy versions (risk or discount) rather than model versions
-- (server/modules/experiments, ADR 021). One row per such experiment. Experiments are never
-- deleted, so there is no foreign key (a Prisma relation would need a field on Experiment).

-- CreateTable
CREATE TABLE "experiment_policy_targets" (
    "experiment_id" TEXT NOT NULL,
    "policy_kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "experiment_policy_targets_pkey" PRIMARY KEY ("experiment_id")
);

-- CreateIndex
CREATE INDEX "experiment_policy_targets_policy_kind_idx" ON "experiment_policy_targets"("policy_kind");
