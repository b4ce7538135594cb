import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/server/db/client';
import { SHOPPER_COOKIE } from '@/server/modules/shoppers/shopper-cookie';
import { resolveShopper } from '@/server/modules/shoppers/shopper-sessions';

/** The signed-in shopper for server components; once per request. Null for guests. */
export const currentShopper = cache(async () =>
  resolveShopper(getDb(), (await cookies()).get(SHOPPER_COOKIE)?.value ?? null),
);
