-- Risk signals (server/modules/risk), versioned merchant policies (server/modules/policies),
-- promotions, redemptions and dynamic discount offers (server/modules/pricing).

CREATE TABLE "risk_signals" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "email_token" TEXT NOT NULL,
    "ip_token" TEXT,
    "card_token" TEXT,
    "amount_cents" INTEGER NOT NULL,
    "country" TEXT NOT NULL,
    "score" INTEGER,
    "action" TEXT NOT NULL,
    "policy_version" TEXT,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "risk_signals_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "risk_signals_email_token_placed_at_idx" ON "risk_signals"("email_token", "placed_at");
CREATE INDEX "risk_signals_ip_token_placed_at_idx" ON "risk_signals"("ip_token", "placed_at");
CREATE INDEX "risk_signals_card_token_placed_at_idx" ON "risk_signals"("card_token", "placed_at");
-- One signal per order: a retried assessment replaces its row instead of counting twice.
CREATE UNIQUE INDEX "risk_signals_order_id_key" ON "risk_signals"("order_id");

CREATE TABLE "policy_versions" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "body" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "author" TEXT NOT NULL,
    "based_on" INTEGER,
    "published_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "archived_at" TIMESTAMPTZ(3),
    CONSTRAINT "policy_versions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "policy_versions_status_check" CHECK ("status" IN ('draft', 'published', 'archived'))
);
CREATE UNIQUE INDEX "policy_versions_kind_version_key" ON "policy_versions"("kind", "version");
CREATE INDEX "policy_versions_kind_status_idx" ON "policy_versions"("kind", "status");
-- One published version per kind: publishing archives the previous one in the same transaction.
CREATE UNIQUE INDEX "policy_versions_one_published" ON "policy_versions"("kind") WHERE "status" = 'published';

CREATE TABLE "promotions" (
    "id" TEXT NOT NULL,
    "code" TEXT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "percent_off" INTEGER,
    "amount_off_cents" INTEGER,
    "min_subtotal_cents" INTEGER NOT NULL DEFAULT 0,
    "included_categories" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "excluded_categories" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "usage_limit" INTEGER,
    "per_customer_limit" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "promotions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "promotions_kind_check" CHECK ("kind" IN ('percent_off', 'amount_off', 'free_shipping')),
    -- The last line of defence for limits: a redemption can never push uses past the limit.
    CONSTRAINT "promotions_uses_check" CHECK ("uses" >= 0 AND ("usage_limit" IS NULL OR "uses" <= "usage_limit"))
);
CREATE UNIQUE INDEX "promotions_code_key" ON "promotions"("code");
CREATE INDEX "promotions_active_idx" ON "promotions"("active");

CREATE TABLE "promotion_redemptions" (
    "id" TEXT NOT NULL,
    "promotion_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "customer_token" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "promotion_redemptions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "promotion_redemptions_promotion_id_order_id_key" ON "promotion_redemptions"("promotion_id", "order_id");
CREATE INDEX "promotion_redemptions_order_id_idx" ON "promotion_redemptions"("order_id");
CREATE INDEX "promotion_redemptions_promotion_id_customer_token_idx" ON "promotion_redemptions"("promotion_id", "customer_token");

CREATE TABLE "discount_offers" (
    "id" TEXT NOT NULL,
    "customer_token" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "subtotal_cents" INTEGER NOT NULL,
    "proposed_percent" DOUBLE PRECISION NOT NULL,
    "percent" DOUBLE PRECISION NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "policy_version_id" TEXT NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "model_version" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "clamped_by" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "status" TEXT NOT NULL DEFAULT 'offered',
    "order_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redeemed_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "discount_offers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "discount_offers_status_check" CHECK ("status" IN ('offered', 'redeemed', 'revoked'))
);
CREATE INDEX "discount_offers_customer_token_created_at_idx" ON "discount_offers"("customer_token", "created_at");
CREATE INDEX "discount_offers_created_at_idx" ON "discount_offers"("created_at");
CREATE INDEX "discount_offers_order_id_idx" ON "discount_offers"("order_id");
