-- Payments (server/modules/payments): payments and their idempotent operations, the
-- verified webhook inbox, and the local provider's outgoing webhook deliveries.

-- CreateEnum
CREATE TYPE "payment_status" AS ENUM ('pending', 'authorized', 'declined', 'captured', 'voided', 'refunded', 'failed');

-- CreateEnum
CREATE TYPE "payment_webhook_status" AS ENUM ('received', 'processed', 'failed');

-- CreateTable
CREATE TABLE "payments" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_payment_id" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "status" "payment_status" NOT NULL DEFAULT 'pending',
    "amount_captured_cents" INTEGER NOT NULL DEFAULT 0,
    "amount_refunded_cents" INTEGER NOT NULL DEFAULT 0,
    "decline_code" TEXT,
    "message" TEXT,
    "fingerprint" TEXT,
    "last4" TEXT,
    "brand" TEXT,
    "authorized_at" TIMESTAMPTZ(3),
    "captured_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "refunded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_operations" (
    "id" TEXT NOT NULL,
    "payment_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "amount_cents" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "provider_ref" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_operations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_webhook_inbox" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider_payment_id" TEXT,
    "payload" JSONB NOT NULL,
    "status" "payment_webhook_status" NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "error" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_webhook_inbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_local_webhooks" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "target_url" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_local_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payments_idempotency_key_key" ON "payments"("idempotency_key");

-- CreateIndex
CREATE INDEX "payments_order_id_idx" ON "payments"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_provider_provider_payment_id_key" ON "payments"("provider", "provider_payment_id");

-- CreateIndex
CREATE UNIQUE INDEX "payment_operations_idempotency_key_key" ON "payment_operations"("idempotency_key");

-- CreateIndex
CREATE INDEX "payment_operations_payment_id_idx" ON "payment_operations"("payment_id");

-- CreateIndex
CREATE INDEX "payment_webhook_inbox_status_received_at_idx" ON "payment_webhook_inbox"("status", "received_at");

-- CreateIndex
CREATE INDEX "payment_webhook_inbox_received_at_idx" ON "payment_webhook_inbox"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "payment_webhook_inbox_provider_event_id_key" ON "payment_webhook_inbox"("provider", "event_id");

-- CreateIndex
CREATE INDEX "payment_local_webhooks_event_id_idx" ON "payment_local_webhooks"("event_id");

-- CreateIndex
CREATE INDEX "payment_local_webhooks_status_created_at_idx" ON "payment_local_webhooks"("status", "created_at");
