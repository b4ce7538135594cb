// POST /api/v1/orders: place an order (Idempotency-Key header required).
import { postOrderHandler } from '@/server/api/orders-rest';

export const dynamic = 'force-dynamic';

export const POST = postOrderHandler();
