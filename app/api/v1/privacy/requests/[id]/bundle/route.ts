// GET /api/v1/privacy/requests/:id/bundle: a finished export's JSON bundle, as a download.
import { getPrivacyBundleHandler } from '@/server/api/privacy-rest';

export const dynamic = 'force-dynamic';

const handler = getPrivacyBundleHandler();

export async function GET(req: Request, props: { params: Promise<{ id: string }> }): Promise<Response> {
  return handler(req, (await props.params).id);
}
