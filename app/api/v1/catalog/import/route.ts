// POST /api/v1/catalog/import: a catalog file (multipart "file", text/csv or application/json) → 202 + import id.
import { postCatalogImportHandler } from '@/server/api/catalog-import-rest';

export const dynamic = 'force-dynamic';

export const POST = postCatalogImportHandler();
