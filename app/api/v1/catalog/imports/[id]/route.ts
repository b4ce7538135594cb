// GET /api/v1/catalog/imports/:id: an import's status, progress counts and report.
import { z } from 'zod';
import { restGet } from '@/server/api/rest';
import { getImport } from '@/server/modules/catalog/import/read-imports';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, props: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await props.params;
  // catalog.write like the POST: a system key that may import may follow its imports.
  return restGet(z.object({}), (ctx) => getImport(ctx.db, { importId: id }), { permission: 'catalog.write', route: '/api/v1/catalog/imports/[id]' })(req);
}
