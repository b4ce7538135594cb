import { z } from 'zod';
import { emailInput, orderIdInput } from '@/server/modules/checkout/checkout.schema';

/** The shopper's order page: the order id, and the email for a browser other than the one that ordered. */
export const orderDecisionInput = z.object({ orderId: orderIdInput, email: emailInput.optional() });
