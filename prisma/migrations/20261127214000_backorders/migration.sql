-- Back-orders: products that may sell beyond stock, and the units of each order line sold beyond it.
CREATE TABLE "product_backorders" (
    "product_id" TEXT NOT NULL,
    "allow_backorder" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_backorders_pkey" PRIMARY KEY ("product_id")
);

CREATE TABLE "order_line_backorders" (
    "order_line_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "variant_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_line_backorders_pkey" PRIMARY KEY ("order_line_id")
);

CREATE INDEX "order_line_backorders_order_id_idx" ON "order_line_backorders"("order_id");
CREATE INDEX "order_line_backorders_variant_id_created_at_idx" ON "order_line_backorders"("variant_id", "created_at");
