// POST /api/shopper/sign-out: ends the session and gives the device a fresh anonymous visitor
// key, so nothing of the shopper's stays on it. POST so another site cannot sign them out.
import { getDb } from '@/server/db/client';
import { seeOther } from '@/server/lib/see-other';
import { readShopperToken } from '@/server/modules/shoppers/shopper-cookie';
import { setSignedOutCookies } from '@/server/api/shopper-door';
import { signOutShopper } from '@/server/modules/shoppers/sign-in';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  await signOutShopper(getDb(), readShopperToken(req.headers.get('cookie')));
  const res = seeOther('/account');
  setSignedOutCookies(res);
  return res;
}
