-- Review queue (server/modules/reviews): one item per subject a policy sent to a human.

-- CreateEnum
CREATE TYPE "review_status" AS ENUM ('open', 'escalated', 'approved', 'rejected', 'expired');

-- CreateTable
CREATE TABLE "review_items" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "status" "review_status" NOT NULL DEFAULT 'open',
    "score" INTEGER,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "summary" JSONB NOT NULL DEFAULT '{}',
    "assignee" TEXT,
    "decided_by" TEXT,
    "decision_note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "escalated_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "review_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "review_items_kind_subject_id_key" ON "review_items"("kind", "subject_id");

-- CreateIndex
CREATE INDEX "review_items_status_due_at_idx" ON "review_items"("status", "due_at");
