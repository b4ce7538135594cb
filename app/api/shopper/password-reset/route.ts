// POST /api/shopper/password-reset: the storefront's "forgot password" form (or JSON). Always
// answers "sent" so it cannot tell who has an account; rate limited per email and address.
import { NextResponse } from 'next/server';
import { httpError } from '@/server/api/errors';
import { getDb } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { resolveRequestId } from '@/server/lib/request-id';
import { seeOther } from '@/server/lib/see-other';
import { requestShopperPasswordReset } from '@/server/modules/shoppers/password-reset';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get('x-request-id'));
  const isForm = !req.headers.get('content-type')?.includes('application/json');
  const form = isForm ? await req.formData() : null;
  const raw = form ? { email: form.get('email') } : await req.json().catch(() => ({}));
  try {
    await requestShopperPasswordReset(getDb(), raw as never, { baseUrl: new URL(req.url).origin, ip: clientIp(req.headers) });
    return form ? seeOther('/account/reset?sent=1') : NextResponse.json({ ok: true }, { status: 202, headers: { 'x-request-id': requestId } });
  } catch (err) {
    if (form) return seeOther(`/account/reset?error=${err instanceof DomainError && err.code === 'RATE_LIMITED' ? 'rate' : 'email'}`);
    const { status, body } = httpError(err, requestId);
    return NextResponse.json(body, { status, headers: { 'x-request-id': requestId } });
  }
}
