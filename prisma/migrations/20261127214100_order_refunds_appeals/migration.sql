-- Partial refunds (issue #7) and appeal outcomes that reinstate orders (issue #9).
CREATE TABLE "order_refunds" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "payment_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "shipping_cents" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL DEFAULT '',
    "lines" JSONB NOT NULL DEFAULT '[]',
    "restock" BOOLEAN NOT NULL DEFAULT false,
    "restocked_units" INTEGER NOT NULL DEFAULT 0,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "provider_refund_id" TEXT,
    "error" TEXT,
    "remaining_cents" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "order_refunds_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "order_refunds_idempotency_key_key" ON "order_refunds"("idempotency_key");
CREATE INDEX "order_refunds_order_id_created_at_idx" ON "order_refunds"("order_id", "created_at");

CREATE TABLE "order_appeals" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "review_id" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "decided_by" TEXT NOT NULL,
    "pay_token_hash" TEXT,
    "pay_expires_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_appeals_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "order_appeals_review_id_key" ON "order_appeals"("review_id");
CREATE UNIQUE INDEX "order_appeals_pay_token_hash_key" ON "order_appeals"("pay_token_hash");
CREATE INDEX "order_appeals_order_id_idx" ON "order_appeals"("order_id");
