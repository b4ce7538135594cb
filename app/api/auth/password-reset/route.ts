// POST /api/auth/password-reset: the "forgot password" form. Always answers "sent" so it
// cannot tell who has an account; the link goes out through the mail transport (dev: logged).
import { seeOther } from '@/server/lib/see-other';
import { requestPasswordReset } from '@/server/modules/auth/password-reset';
import { requestResetInput } from '@/server/modules/auth/password-reset.schema';
import { getDb } from '@/server/db/client';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const form = await req.formData();
  const parsed = requestResetInput.safeParse({ email: form.get('email') });
  const back = new URL('/console/sign-in/reset', req.url);
  if (!parsed.success) {
    back.searchParams.set('error', 'email');
    return seeOther(`${back.pathname}${back.search}`);
  }
  try {
    await requestPasswordReset(getDb(), parsed.data.email, { baseUrl: new URL(req.url).origin });
    back.searchParams.set('sent', '1');
  } catch {
    back.searchParams.set('error', 'rate');
  }
  return seeOther(`${back.pathname}${back.search}`);
}
