import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';

/** The customer record for an email, created on first checkout (one row per email). */
export async function upsertCustomer(db: Db, email: string): Promise<string> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO customers (id, email, created_at, updated_at) VALUES (${newId('cus')}, ${email.toLowerCase()}, now(), now())
    ON CONFLICT (email) DO UPDATE SET updated_at = now()
    RETURNING id`;
  return rows[0]!.id;
}
