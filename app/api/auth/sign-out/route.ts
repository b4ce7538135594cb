// POST /api/auth/sign-out: ends the session row and clears the cookie. POST (not GET) so a
// link or image on another site cannot sign staff out.
import { seeOther } from '@/server/lib/see-other';
import { getDb } from '@/server/db/client';
import { resolveSession } from '@/server/modules/auth/sessions';
import { signOut } from '@/server/modules/auth/sign-in';
import { readStaffToken, STAFF_COOKIE, staffCookieOptions } from '@/server/modules/auth/staff-cookie';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const db = getDb();
  const token = readStaffToken(req.headers.get('cookie'));
  const staff = await resolveSession(db, token);
  await signOut(db, token, staff?.id ?? null);
  const res = seeOther('/console/sign-in');
  res.cookies.set(STAFF_COOKIE, '', staffCookieOptions(0));
  return res;
}
