-- Recommendations: merchant rules per placement, and stored cost/quality trade-off runs.
CREATE TABLE "rec_placement_rules" (
    "id" TEXT NOT NULL,
    "placement" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "boost" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rec_placement_rules_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "rec_placement_rules_placement_target_id_key" ON "rec_placement_rules"("placement", "target_id");
CREATE INDEX "rec_placement_rules_placement_idx" ON "rec_placement_rules"("placement");

CREATE TABLE "cost_tradeoff_runs" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cost_tradeoff_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "cost_tradeoff_runs_created_at_idx" ON "cost_tradeoff_runs"("created_at");
