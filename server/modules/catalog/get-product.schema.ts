import { z } from 'zod';

export const getProductInput = z.object({ slug: z.string().trim().min(1).max(200) });
