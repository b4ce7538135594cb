-- A discount offer attached to a cart (server/modules/cart/cart-offer.ts): the cart recovery
-- link attaches the offer its email promised, the cart and checkout price it through pricing.
-- One offer per cart. The foreign key (not modelled in Prisma, so the Cart model is unchanged)
-- removes the row with its cart when the cart is ordered or expires.
CREATE TABLE "cart_offers" (
    "cart_id" TEXT NOT NULL,
    "offer_id" TEXT NOT NULL,
    "attempt_id" TEXT,
    "attached_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cart_offers_pkey" PRIMARY KEY ("cart_id"),
    CONSTRAINT "cart_offers_cart_id_fkey" FOREIGN KEY ("cart_id") REFERENCES "carts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
