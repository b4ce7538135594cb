-- Tamper-evident audit trail (server/modules/audit): every row carries a hash over its content
-- and the previous row's hash, and the table is append-only for the application.

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN "seq" BIGINT,
ADD COLUMN "request_id" TEXT,
ADD COLUMN "prev_hash" TEXT,
ADD COLUMN "hash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events"("seq");

-- CreateIndex
CREATE INDEX "audit_events_actor_created_at_idx" ON "audit_events"("actor", "created_at");

-- Append-only: the application never updates or deletes audit rows. Anyone who bypasses this
-- (a superuser disabling the trigger) still cannot hide it from `npm run audit:verify`.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
