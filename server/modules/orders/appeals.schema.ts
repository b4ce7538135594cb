// The shopper's payment link for an order an appeal reinstated (client-safe: zod only).
import { z } from 'zod';
import { orderIdInput, paymentMethodInput } from '@/server/modules/checkout/checkout.schema';

export const payTokenInput = z.string().trim().regex(/^[A-Za-z0-9_-]{32,64}$/, 'the payment link is not valid');

export const appealPayLinkInput = z.object({ orderId: orderIdInput, token: payTokenInput });

export const payReinstatedOrderInput = appealPayLinkInput.extend({ paymentMethod: paymentMethodInput });
export type PayReinstatedOrderInput = z.input<typeof payReinstatedOrderInput>;
