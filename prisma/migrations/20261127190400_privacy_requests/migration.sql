-- Data subject requests (server/modules/privacy): export and erasure, run as durable jobs.
-- The subject is an identity token; the email is kept only encrypted and only while the job runs.

-- CreateTable
CREATE TABLE "privacy_requests" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subject_token" TEXT NOT NULL,
    "token_key_id" TEXT NOT NULL,
    "subject_enc" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" JSONB NOT NULL DEFAULT '[]',
    "steps_done" INTEGER NOT NULL DEFAULT 0,
    "steps_total" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "bundle_enc" TEXT,
    "bundle_expires_at" TIMESTAMPTZ(3),
    "note" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "requested_by" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'console',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "privacy_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "privacy_requests_subject_token_idx" ON "privacy_requests"("subject_token");

-- CreateIndex
CREATE INDEX "privacy_requests_status_created_at_idx" ON "privacy_requests"("status", "created_at");
