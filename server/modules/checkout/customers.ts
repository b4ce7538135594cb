import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { sealEmail } from '@/server/modules/privacy/contact-fields';

/** The customer record for an email, created on first checkout (one row per email). */
export async function upsertCustomer(db: Db, email: string): Promise<string> {
  // Stored encrypted; one row per email through the blind index (ADR 027).
  const sealed = sealEmail(email);
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO customers (id, email, email_hash, created_at, updated_at) VALUES (${newId('cus')}, ${sealed.email}, ${sealed.emailHash}, now(), now())
    ON CONFLICT (email_hash) DO UPDATE SET updated_at = now()
    RETURNING id`;
  return rows[0]!.id;
}
