-- Issue #6 (ADR 028): one approval path for every policy change. A request is for publishing a
-- draft or for rolling back to an earlier version (four-eyes gates both).
ALTER TABLE "policy_approvals" ADD COLUMN "action" TEXT NOT NULL DEFAULT 'publish';
