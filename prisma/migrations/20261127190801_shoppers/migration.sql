-- Shopper accounts (issue #7): optional sign-up / sign-in for the storefront.
CREATE TABLE "shoppers" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "password_hash" TEXT NOT NULL,
    "visitor_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shoppers_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "shopper_sessions" (
    "id" TEXT NOT NULL,
    "shopper_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT NOT NULL DEFAULT '',
    "user_agent" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shopper_sessions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "shoppers_email_key" ON "shoppers"("email");
CREATE UNIQUE INDEX "shoppers_visitor_key_key" ON "shoppers"("visitor_key");
CREATE INDEX "shopper_sessions_shopper_id_idx" ON "shopper_sessions"("shopper_id");

ALTER TABLE "shopper_sessions" ADD CONSTRAINT "shopper_sessions_shopper_id_fkey" FOREIGN KEY ("shopper_id") REFERENCES "shoppers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
