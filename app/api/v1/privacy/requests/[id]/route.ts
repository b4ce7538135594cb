// GET /api/v1/privacy/requests/:id: status and per-table progress of a subject request.
import { getPrivacyRequestHandler } from '@/server/api/privacy-rest';

export const dynamic = 'force-dynamic';

const handler = getPrivacyRequestHandler();

export async function GET(req: Request, props: { params: Promise<{ id: string }> }): Promise<Response> {
  return handler(req, (await props.params).id);
}
