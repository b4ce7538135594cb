-- Governance (issue 5): approvals are consumed by the promotion that uses them, and review
-- decisions are stored as training labels.

-- An approval applies to one promotion: once used it is marked, and the same approver may
-- approve again for a later promotion (so uniqueness holds only among live approvals).
ALTER TABLE "model_approvals" ADD COLUMN "consumed_at" TIMESTAMPTZ(3);
ALTER TABLE "model_approvals" ADD COLUMN "consumed_by" TEXT;
DROP INDEX "model_approvals_version_id_target_stage_approver_key";
CREATE UNIQUE INDEX "model_approvals_live_approver_key" ON "model_approvals"("version_id", "target_stage", "approver") WHERE "consumed_at" IS NULL;
CREATE INDEX "model_approvals_version_id_target_stage_idx" ON "model_approvals"("version_id", "target_stage");

-- CreateTable
CREATE TABLE "review_labels" (
    "id" TEXT NOT NULL,
    "review_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "decision_id" TEXT,
    "model_version" TEXT,
    "model_recommendation" TEXT,
    "score" INTEGER,
    "label" TEXT NOT NULL,
    "reviewer" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_labels_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "review_labels_review_id_key" ON "review_labels"("review_id");

-- CreateIndex
CREATE INDEX "review_labels_kind_created_at_idx" ON "review_labels"("kind", "created_at");
