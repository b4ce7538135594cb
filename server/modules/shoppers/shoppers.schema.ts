// Shopper account forms: one schema for the route handler and the form. Client-safe.
import { z } from 'zod';

export const shopperEmail = z.string().trim().toLowerCase().email('email must be a valid email address').max(254);

export const shopperSignUpInput = z.object({
  email: shopperEmail,
  password: z
    .string()
    .min(10, 'password must be at least 10 characters')
    .max(200, 'password must be at most 200 characters'),
  name: z.string().trim().max(100, 'name must be at most 100 characters').default(''),
});
export type ShopperSignUpInput = z.input<typeof shopperSignUpInput>;

export const shopperSignInInput = z.object({
  email: shopperEmail,
  password: z.string().min(1, 'password is required').max(200),
});
export type ShopperSignInInput = z.input<typeof shopperSignInInput>;

export const shopperResetRequestInput = z.object({ email: shopperEmail });
export type ShopperResetRequestInput = z.input<typeof shopperResetRequestInput>;

export const shopperResetPasswordInput = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'token is not a valid reset link'),
  password: shopperSignUpInput.shape.password,
});
export type ShopperResetPasswordInput = z.input<typeof shopperResetPasswordInput>;
