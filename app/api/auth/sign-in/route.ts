// POST /api/auth/sign-in: the console's sign-in form (form-encoded, answered with a redirect)
// or a JSON client such as the e2e fixture (answered with JSON). Sets the httpOnly session cookie.
import { NextResponse } from 'next/server';
import { seeOther } from '@/server/lib/see-other';
import { httpError } from '@/server/api/errors';
import { getDb } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { resolveRequestId } from '@/server/lib/request-id';
import { signIn } from '@/server/modules/auth/sign-in';
import { signInInput } from '@/server/modules/auth/sign-in.schema';
import { STAFF_COOKIE, staffCookieOptions } from '@/server/modules/auth/staff-cookie';

export const dynamic = 'force-dynamic';

/** Only same-site console paths, so the form cannot be turned into an open redirect. */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === 'string' && /^\/console(\/|$|\?)/.test(value) ? value : '/console';
}

export async function POST(req: Request): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get('x-request-id'));
  const isForm = !req.headers.get('content-type')?.includes('application/json');
  const form = isForm ? await req.formData() : null;
  const raw = form ? { email: form.get('email'), password: form.get('password') } : await req.json().catch(() => ({}));
  const client = { ip: clientIp(req.headers), userAgent: req.headers.get('user-agent') ?? '' };
  try {
    const session = await signIn(getDb(), signInInput.parse(raw), client);
    const res = form ? seeOther(safeNext(form.get('next'))) : NextResponse.json({ ok: true, staffId: session.staffId });
    res.cookies.set(
      STAFF_COOKIE,
      session.token,
      staffCookieOptions(Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
    );
    return res;
  } catch (err) {
    if (form) {
      const reason = err instanceof DomainError && err.code === 'RATE_LIMITED' ? 'rate' : 'invalid';
      const back = new URL('/console/sign-in', req.url);
      back.searchParams.set('error', reason);
      back.searchParams.set('next', safeNext(form.get('next')));
      return seeOther(`${back.pathname}${back.search}`);
    }
    const { status, body } = httpError(err, requestId);
    return NextResponse.json(body, { status, headers: { 'x-request-id': requestId } });
  }
}
