-- The last emails stored in clear (issue #9, ADR 034). Shoppers', cart-recovery contacts' and
-- outgoing mail's addresses are stored as AES-256-GCM ciphertext written by the app (ADR 027),
-- found through a blind index (the email's identity token). Existing rows are sealed by
-- `npm run privacy:encrypt-backfill` (also run by db:migrate and at start); until then their
-- hash is NULL. payments.email is dropped: nothing read it (the provider gets the email with
-- the authorisation call; the order keeps it, encrypted).
ALTER TABLE "payments" DROP COLUMN "email";

ALTER TABLE "shoppers" ADD COLUMN "email_hash" TEXT;
DROP INDEX "shoppers_email_key";
CREATE UNIQUE INDEX "shoppers_email_hash_key" ON "shoppers"("email_hash");

ALTER TABLE "cart_recovery_contacts" ADD COLUMN "email_hash" TEXT;
CREATE INDEX "cart_recovery_contacts_email_hash_idx" ON "cart_recovery_contacts"("email_hash");

ALTER TABLE "mail_outbox" ADD COLUMN "to_hash" TEXT;
CREATE INDEX "mail_outbox_to_hash_idx" ON "mail_outbox"("to_hash");
