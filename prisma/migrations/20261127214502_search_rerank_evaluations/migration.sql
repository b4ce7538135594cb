-- One row per run of the search re-ranking evaluation gate (inngest/functions/search-rerank-eval.ts):
-- the figures it measured on recent logged traffic and what the gate did, so Console → Models
-- shows them whether the runs were driven by the embedded runner or by Inngest.
CREATE TABLE "search_rerank_evaluations" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "events" INTEGER NOT NULL,
    "searches" INTEGER NOT NULL,
    "with_history" INTEGER NOT NULL,
    "baseline_ndcg" DOUBLE PRECISION,
    "candidate_ndcg" DOUBLE PRECISION,
    "baseline_hit_rate" DOUBLE PRECISION,
    "candidate_hit_rate" DOUBLE PRECISION,
    "margin" DOUBLE PRECISION NOT NULL,
    "ranking_version" INTEGER,
    "model_version_id" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_rerank_evaluations_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "search_rerank_evaluations_created_at_idx" ON "search_rerank_evaluations"("created_at");
