// POST /api/auth/invite: the invite page's form (token, name, password). Creates the account
// with the invited role, sets the session cookie and lands on the console; on a problem it
// goes back to the invite page with the message.
import { ZodError } from 'zod';
import { describeZodError } from '@/server/api/errors';
import { getDb } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { seeOther } from '@/server/lib/see-other';
import { acceptInvite } from '@/server/modules/auth/invites';
import { STAFF_COOKIE, staffCookieOptions } from '@/server/modules/auth/staff-cookie';
import { inviteTokenInput } from '@/server/modules/auth/team.schema';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const form = await req.formData();
  const raw = { token: form.get('token'), name: form.get('name'), password: form.get('password') };
  const token = inviteTokenInput.safeParse(raw.token);
  try {
    const session = await acceptInvite(getDb(), raw as { token: string; name: string; password: string }, {
      ip: clientIp(req.headers),
      userAgent: req.headers.get('user-agent') ?? '',
    });
    const res = seeOther('/console');
    res.cookies.set(STAFF_COOKIE, session.token, staffCookieOptions(Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)));
    return res;
  } catch (err) {
    const message =
      err instanceof ZodError ? describeZodError(err) : err instanceof DomainError ? err.message : 'Something went wrong; try again';
    if (!(err instanceof ZodError || err instanceof DomainError)) throw err;
    const back = token.success ? `/console/invite/${token.data}` : '/console/sign-in';
    return seeOther(`${back}?error=${encodeURIComponent(message)}`);
  }
}
