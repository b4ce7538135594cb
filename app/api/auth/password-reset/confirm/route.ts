// POST /api/auth/password-reset/confirm: the "choose a new password" form from the mailed link.
import { seeOther } from '@/server/lib/see-other';
import { getDb } from '@/server/db/client';
import { resetPassword } from '@/server/modules/auth/password-reset';
import { resetPasswordInput } from '@/server/modules/auth/password-reset.schema';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const form = await req.formData();
  const token = String(form.get('token') ?? '');
  const parsed = resetPasswordInput.safeParse({ token, password: form.get('password') });
  try {
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Invalid');
    await resetPassword(getDb(), parsed.data.token, parsed.data.password);
    return seeOther('/console/sign-in?reset=1');
  } catch (err) {
    const back = new URL('/console/sign-in/reset', req.url);
    back.searchParams.set('token', token);
    back.searchParams.set('error', (err as Error).message);
    return seeOther(`${back.pathname}${back.search}`);
  }
}
