import { z } from 'zod';
import { restGet } from '@/server/api/rest';
import { getDecision } from '@/server/decisions/read-decisions';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, props: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await props.params;
  return restGet(z.object({}), (ctx) => getDecision(ctx.db, { id }), { permission: 'model.read', route: '/api/v1/decisions/[id]' })(req);
}
