import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/server/db/client';
import { resolveSession } from '@/server/modules/auth/sessions';
import { STAFF_COOKIE } from '@/server/modules/auth/staff-cookie';

/** The signed-in staff member for server components; once per request. */
export const currentStaff = cache(async () =>
  resolveSession(getDb(), (await cookies()).get(STAFF_COOKIE)?.value ?? null),
);
