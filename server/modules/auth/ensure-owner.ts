// First start: with no staff at all, create the owner so someone can sign in. The password
// comes from CONSOLE_OWNER_PASSWORD or is generated and returned once for the launcher to print;
// it is never stored in clear or logged again.
import type { Db } from '@/server/db/client';
import { createStaff } from './create-staff';
import { randomPassword } from './password';

export const OWNER_EMAIL = 'owner@luma.example';

export type OwnerOutcome = { created: false } | { created: true; email: string; password: string; generated: boolean };

export async function ensureOwner(
  db: Db,
  env: Record<string, string | undefined> = process.env,
): Promise<OwnerOutcome> {
  if ((await db.staff.count()) > 0) return { created: false };
  const fromEnv = env.CONSOLE_OWNER_PASSWORD?.trim();
  const password = fromEnv || randomPassword();
  await createStaff(db, { email: OWNER_EMAIL, password, name: 'Owner', roles: ['owner'] });
  return { created: true, email: OWNER_EMAIL, password, generated: !fromEnv };
}
