// POST /api/shopper/password-reset/confirm: "choose a new password" from the mailed link (form
// or JSON). Uses up the link, signs every other device out and signs this one in.
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { httpError } from '@/server/api/errors';
import { setSignedInCookies } from '@/server/api/shopper-door';
import { getDb } from '@/server/db/client';
import { readPersonalizationOff } from '@/server/lib/personalization';
import { clientIp } from '@/server/lib/rate-limit';
import { resolveRequestId } from '@/server/lib/request-id';
import { seeOther } from '@/server/lib/see-other';
import { readSessionKey } from '@/server/lib/session-key';
import { resetShopperPassword } from '@/server/modules/shoppers/password-reset';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get('x-request-id'));
  const isForm = !req.headers.get('content-type')?.includes('application/json');
  const form = isForm ? await req.formData() : null;
  const raw = form ? { token: form.get('token'), password: form.get('password') } : await req.json().catch(() => ({}));
  const cookie = req.headers.get('cookie');
  const client = {
    ip: clientIp(req.headers),
    userAgent: req.headers.get('user-agent') ?? '',
    sessionKey: readSessionKey(cookie),
    personalizationOff: readPersonalizationOff(cookie),
  };
  try {
    const session = await resetShopperPassword(getDb(), raw as never, client);
    const res = form ? seeOther('/account?reset=1') : NextResponse.json({ ok: true, shopperId: session.shopperId });
    setSignedInCookies(res, session);
    return res;
  } catch (err) {
    if (form) {
      const token = typeof raw.token === 'string' ? raw.token : '';
      const error = err instanceof ZodError && err.issues[0]?.path[0] === 'password' ? 'password' : 'link';
      return seeOther(`/account/reset?token=${encodeURIComponent(token)}&error=${error}`);
    }
    const { status, body } = httpError(err, requestId);
    return NextResponse.json(body, { status, headers: { 'x-request-id': requestId } });
  }
}
