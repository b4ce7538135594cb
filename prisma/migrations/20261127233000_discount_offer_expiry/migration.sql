-- When an offer stops applying, fixed when it is made (the recovery policy's offer expiry).
-- NULL keeps the old rule: recovery offers 48 h after they were made, others never.
ALTER TABLE "discount_offers" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
