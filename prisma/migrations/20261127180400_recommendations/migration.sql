-- Recommendations: co-occurrence pairs and item stats, merchant rules, build bookkeeping.
CREATE TABLE "rec_item_pairs" (
    "signal" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "other_id" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rec_item_pairs_pkey" PRIMARY KEY ("signal", "product_id", "other_id")
);
CREATE INDEX "rec_item_pairs_signal_product_id_score_idx" ON "rec_item_pairs"("signal", "product_id", "score");

CREATE TABLE "rec_item_stats" (
    "signal" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rec_item_stats_pkey" PRIMARY KEY ("signal", "product_id")
);
CREATE INDEX "rec_item_stats_signal_weight_idx" ON "rec_item_stats"("signal", "weight");

CREATE TABLE "rec_rules" (
    "id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rec_rules_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "rec_rules_product_id_target_id_key" ON "rec_rules"("product_id", "target_id");
CREATE INDEX "rec_rules_product_id_idx" ON "rec_rules"("product_id");

CREATE TABLE "rec_builds" (
    "id" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "normalisation" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL,
    "pairs" INTEGER NOT NULL,
    "events_until" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rec_builds_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "rec_builds_created_at_idx" ON "rec_builds"("created_at");
