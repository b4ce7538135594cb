// The one `orders/order.placed` event of an order: its id is fixed by the order, so sending it
// again (a retry, the sweep below) never starts a second exception flow.
import { orderPlaced } from '@/inngest/events';

export const orderPlacedEventId = (orderId: string) => `order-placed-${orderId}`;

export const orderPlacedEvent = (orderId: string) => orderPlaced.create({ orderId }, { id: orderPlacedEventId(orderId) });
