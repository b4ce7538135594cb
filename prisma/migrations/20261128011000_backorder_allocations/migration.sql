-- Back-order allocation on restock: which units of each back-ordered line a restock covered,
-- and the restock events already handled (event-id idempotency).
CREATE TABLE "backorder_allocations" (
    "event_id" TEXT NOT NULL,
    "order_line_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "variant_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backorder_allocations_pkey" PRIMARY KEY ("event_id", "order_line_id")
);

CREATE INDEX "backorder_allocations_order_line_id_idx" ON "backorder_allocations"("order_line_id");
CREATE INDEX "backorder_allocations_order_id_idx" ON "backorder_allocations"("order_id");

CREATE TABLE "backorder_restocks" (
    "event_id" TEXT NOT NULL,
    "variant_id" TEXT NOT NULL,
    "allocated_units" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backorder_restocks_pkey" PRIMARY KEY ("event_id")
);

CREATE INDEX "backorder_restocks_variant_id_created_at_idx" ON "backorder_restocks"("variant_id", "created_at");
