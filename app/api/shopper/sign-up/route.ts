// POST /api/shopper/sign-up: creates a shopper account and signs this device in (form or JSON).
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { httpError } from '@/server/api/errors';
import { getDb } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { resolveRequestId } from '@/server/lib/request-id';
import { readPersonalizationOff } from '@/server/lib/personalization';
import { readSessionKey } from '@/server/lib/session-key';
import { seeOther } from '@/server/lib/see-other';
import { safeShopperNext, setSignedInCookies } from '@/server/api/shopper-door';
import { signUpShopper } from '@/server/modules/shoppers/sign-in';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get('x-request-id'));
  const isForm = !req.headers.get('content-type')?.includes('application/json');
  const form = isForm ? await req.formData() : null;
  const raw = form
    ? { email: form.get('email'), password: form.get('password'), name: form.get('name') ?? undefined }
    : await req.json().catch(() => ({}));
  const client = {
    ip: clientIp(req.headers),
    userAgent: req.headers.get('user-agent') ?? '',
    sessionKey: readSessionKey(req.headers.get('cookie')),
    personalizationOff: readPersonalizationOff(req.headers.get('cookie')),
  };
  try {
    const session = await signUpShopper(getDb(), raw as never, client);
    const res = form ? seeOther(safeShopperNext(form.get('next'))) : NextResponse.json({ ok: true, shopperId: session.shopperId }, { status: 201 });
    setSignedInCookies(res, session);
    return res;
  } catch (err) {
    if (form) {
      const field =
        err instanceof ZodError ? String(err.issues[0]?.path[0] ?? 'email') : err instanceof DomainError && err.code === 'CONFLICT' ? 'taken' : 'unknown';
      return seeOther(`/account?signup=${encodeURIComponent(field)}`);
    }
    const { status, body } = httpError(err, requestId);
    return NextResponse.json(body, { status, headers: { 'x-request-id': requestId } });
  }
}
