// POST /api/shopper/sign-in: the storefront's sign-in form (form-encoded, answered with a
// redirect) or a JSON client (answered with JSON). Sets the session and visitor-key cookies.
import { NextResponse } from 'next/server';
import { httpError } from '@/server/api/errors';
import { getDb } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { resolveRequestId } from '@/server/lib/request-id';
import { readPersonalizationOff } from '@/server/lib/personalization';
import { readSessionKey } from '@/server/lib/session-key';
import { seeOther } from '@/server/lib/see-other';
import { safeShopperNext, setSignedInCookies } from '@/server/api/shopper-door';
import { signInShopper } from '@/server/modules/shoppers/sign-in';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get('x-request-id'));
  const isForm = !req.headers.get('content-type')?.includes('application/json');
  const form = isForm ? await req.formData() : null;
  const raw = form ? { email: form.get('email'), password: form.get('password') } : await req.json().catch(() => ({}));
  const client = {
    ip: clientIp(req.headers),
    userAgent: req.headers.get('user-agent') ?? '',
    sessionKey: readSessionKey(req.headers.get('cookie')),
    personalizationOff: readPersonalizationOff(req.headers.get('cookie')),
  };
  try {
    const session = await signInShopper(getDb(), raw as never, client);
    const res = form ? seeOther(safeShopperNext(form.get('next'))) : NextResponse.json({ ok: true, shopperId: session.shopperId });
    setSignedInCookies(res, session);
    return res;
  } catch (err) {
    if (form) {
      const reason = err instanceof DomainError && err.code === 'RATE_LIMITED' ? 'rate' : 'invalid';
      return seeOther(`/account?error=${reason}`);
    }
    const { status, body } = httpError(err, requestId);
    return NextResponse.json(body, { status, headers: { 'x-request-id': requestId } });
  }
}
