-- Shopper password reset links (issue #10): single use, expiring, stored as the token's SHA-256.
CREATE TABLE "shopper_password_resets" (
    "id" TEXT NOT NULL,
    "shopper_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shopper_password_resets_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "shopper_password_resets_shopper_id_idx" ON "shopper_password_resets"("shopper_id");
