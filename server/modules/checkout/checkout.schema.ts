// Checkout inputs, shared by tRPC, REST and the checkout form (client-safe: zod only).
import { z } from 'zod';
import { orderLineInput } from '@/server/modules/cart/cart.schema';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** ISO 3166-1 alpha-2: Intl knows every assigned code (an unknown one comes back unchanged). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

const POSTAL: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
};

export const addressInput = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(120),
    line1: z.string().trim().min(1, 'street address is required').max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1, 'city is required').max(100),
    region: z.string().trim().max(100).optional(),
    postalCode: z
      .string()
      .trim()
      .toUpperCase()
      .min(2, 'postal code is too short')
      .max(12, 'postal code is too long')
      .regex(/^[A-Z0-9][A-Z0-9 -]*[A-Z0-9]$/, 'postal code may only contain letters, digits, spaces and -'),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCountryCode, 'country must be an ISO 3166-1 alpha-2 code such as US or DE'),
  })
  .superRefine((a, ctx) => {
    const rule = POSTAL[a.country];
    if (rule && !rule.test(a.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: `postal code is not valid for ${a.country}` });
    }
  });
export type AddressInput = z.infer<typeof addressInput>;

export const emailInput = z.string().trim().toLowerCase().max(254).pipe(z.email('email must be a valid email address'));

/** Local provider: a test card number (spaces allowed); Stripe: a PaymentMethod id. */
export const paymentMethodInput = z
  .string()
  .trim()
  .regex(/^(\d[\d ]{11,22}\d|pm_[A-Za-z0-9_]{1,100})$/, 'paymentMethod must be a card number or a pm_… id')
  .transform((v) => (v.startsWith('pm_') ? v : v.replace(/ /g, '')));

export const idempotencyKeyInput = z
  .string({ error: 'Idempotency-Key is required' })
  .regex(/^[A-Za-z0-9_.:-]{8,255}$/, 'Idempotency-Key must be 8–255 characters of letters, digits, _ . : -');

export const promoCodeInput = z
  .string()
  .trim()
  .max(40)
  .regex(/^[A-Za-z0-9_-]*$/, 'promoCode may only contain letters, digits, - and _');

/** What the checkout form sends (the lines come from the session's cart). */
export const checkoutInput = z.object({
  email: emailInput,
  shippingAddress: addressInput,
  billingAddress: addressInput.optional(),
  paymentMethod: paymentMethodInput,
  idempotencyKey: idempotencyKeyInput,
});
export type CheckoutInput = z.infer<typeof checkoutInput>;

/** POST /api/v1/orders body: explicit lines (the Idempotency-Key comes as a header). */
export const restOrderBody = z.object({
  lines: z.array(orderLineInput).min(1, 'lines must have at least one line').max(50, 'lines must have at most 50 lines'),
  email: emailInput,
  shippingAddress: addressInput,
  billingAddress: addressInput.optional(),
  paymentMethod: paymentMethodInput,
  promoCode: promoCodeInput.optional(),
});
export type RestOrderBody = z.infer<typeof restOrderBody>;

export const orderIdInput = z.string().trim().regex(/^ord_[0-9A-Z]{26}$/, 'order id must look like ord_…');

/** A shopper reads an order of their own session, or by id + the email it was placed with. */
export const getOrderInput = z.object({ orderId: orderIdInput, email: emailInput.optional() });

export const ORDER_STATUSES = [
  'pending_payment',
  'authorized',
  'paid',
  'fulfilled',
  'on_hold',
  'in_review',
  'cancelled',
  'refunded',
] as const;
export type OrderStatusName = (typeof ORDER_STATUSES)[number];

export const listOrdersInput = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  email: z.string().trim().toLowerCase().max(254).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});
export type ListOrdersInput = z.infer<typeof listOrdersInput>;
