-- Recent-session reads (recommendations' shopper signals, personalized search affinities):
--   SELECT id, name, data, ts FROM events
--   WHERE name = ANY($1) AND ts >= $2 AND data->>'sessionKey' = $3 ORDER BY ts DESC LIMIT $4
-- filtered the whole events table by a JSON field. An expression index on the visitor key
-- and time answers it with one index range scan, newest first. Partial: events without a
-- key (server events, opted-out shoppers) are most of the table and never read this way.
-- Expression indexes cannot be declared in schema.prisma (non-unique, so no schema drift).
CREATE INDEX "events_session_key_ts_idx" ON "events" ((data->>'sessionKey'), "ts" DESC)
  WHERE (data->>'sessionKey') IS NOT NULL;

-- A visitor's recent searches (recentQueriesOfSession): by session, type and time.
CREATE INDEX "search_events_session_key_type_created_at_idx" ON "search_events" ("session_key", "type", "created_at" DESC)
  WHERE "session_key" IS NOT NULL;
