-- The event log becomes a declarative partitioned table, one partition per UTC month of the
-- event's time (docs/decisions/030-partitioned-events-and-recovery-offers.md). A 30-day read
-- then scans two partitions, and retention drops a whole month instead of deleting rows.
-- A unique index on a partitioned table must contain the partition key, so the primary key is
-- (id, ts) and event-id dedupe moves to `event_ids` (id primary key, one row per stored event).

ALTER TABLE "events" RENAME TO "events_unpartitioned";
ALTER TABLE "events_unpartitioned" RENAME CONSTRAINT "events_pkey" TO "events_unpartitioned_pkey";
DROP INDEX "events_processed_at_received_at_idx";
DROP INDEX "events_name_received_at_idx";
DROP INDEX "events_session_key_ts_idx";

CREATE TABLE "events" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "source" TEXT NOT NULL DEFAULT 'app',
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "events_pkey" PRIMARY KEY ("id", "ts")
) PARTITION BY RANGE ("ts");

-- Anything outside the monthly partitions (a client clock years off, a month the cron has not
-- created yet) lands here; creating that month's partition moves its rows out.
CREATE TABLE "events_default" PARTITION OF "events" DEFAULT;

-- Indexes on the parent are created on every partition, present and future.
CREATE INDEX "events_processed_at_received_at_idx" ON "events"("processed_at", "received_at");
CREATE INDEX "events_name_received_at_idx" ON "events"("name", "received_at");
CREATE INDEX "events_session_key_ts_idx" ON "events" ((data->>'sessionKey'), "ts" DESC)
  WHERE (data->>'sessionKey') IS NOT NULL;

-- Monthly partitions for the last twelve months (what retention keeps by default, so seeded
-- and back-dated history lands in its month), this one and three ahead; older stored rows stay
-- in the default partition until retention removes them.
DO $$
DECLARE
  this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
  m date := (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '12 months')::date;
BEGIN
  WHILE m <= (this_month + interval '3 months')::date LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "events" FOR VALUES FROM (%L) TO (%L)',
      'events_p' || to_char(m, 'YYYY_MM'),
      m::text || ' 00:00:00+00',
      (m + interval '1 month')::date::text || ' 00:00:00+00');
    m := (m + interval '1 month')::date;
  END LOOP;
END $$;

-- Event-id dedupe: the first insert of an id claims it here (in the same transaction as the event).
CREATE TABLE "event_ids" (
    "id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_ids_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "event_ids_ts_idx" ON "event_ids"("ts");

INSERT INTO "events" ("id", "name", "data", "source", "ts", "received_at", "processed_at")
  SELECT "id", "name", "data", "source", "ts", "received_at", "processed_at" FROM "events_unpartitioned";
INSERT INTO "event_ids" ("id", "ts") SELECT "id", "ts" FROM "events_unpartitioned";
DROP TABLE "events_unpartitioned";
