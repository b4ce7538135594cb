-- Field-level encryption at rest (issue #9, ADR 027). Orders' and customers' email and the
-- personal parts of order addresses are stored as AES-256-GCM ciphertext written by the app
-- (the key never reaches SQL); lookups by email go through a blind index: the email's keyed
-- identity token. Existing rows are encrypted by `npm run privacy:encrypt-backfill` (also run
-- at start); until then their email_hash is NULL.
ALTER TABLE "customers" ADD COLUMN "email_hash" TEXT;
DROP INDEX "customers_email_key";
CREATE UNIQUE INDEX "customers_email_hash_key" ON "customers"("email_hash");

ALTER TABLE "orders" ADD COLUMN "email_hash" TEXT;
CREATE INDEX "orders_email_hash_idx" ON "orders"("email_hash");

-- Webhook signing secrets are encrypted with the same key ring; rotation keeps the previous
-- secret (encrypted) for a grace period so receivers can switch over.
ALTER TABLE "webhook_endpoints" ADD COLUMN "previous_secret" TEXT,
ADD COLUMN "previous_secret_expires_at" TIMESTAMPTZ(3),
ADD COLUMN "secret_rotated_at" TIMESTAMPTZ(3);
