// REST door for catalog imports (app/api/v1/catalog/import): the file as multipart/form-data
// (field "file"), text/csv or application/json; 202 with the import id and where to poll.
// Same permission as the console (catalog.write), from a staff session or an API key;
// errors name the field, or the row and column.
import { getDb, type Db } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { clientIp } from '@/server/lib/rate-limit';
import { formatFromName, IMPORT_FORMATS, MAX_IMPORT_BYTES, type ImportFileInput } from '@/server/modules/catalog/import/import.schema';
import { NothingToImportError, startImport } from '@/server/modules/catalog/import/start-import';
import { consumeRateLimit, retryAfterHeader } from '@/server/security/rate-limits';
import { httpError } from './errors';
import { authorizeRequest, instrumentRoute } from './rest';

/** A request the door refuses before any module runs: status, the field, why. */
class BadUpload extends Error {
  constructor(
    readonly status: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const tooLarge = () => new BadUpload(413, 'file', `is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);

/** The upload, whatever its content type, as the module's input. */
export async function readImportUpload(req: Request): Promise<ImportFileInput> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  // Multipart adds a little framing around the file.
  if (declared > MAX_IMPORT_BYTES + 64 * 1024) throw tooLarge();
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  const url = new URL(req.url);
  const fileName = (url.searchParams.get('fileName') ?? '').slice(0, 200);
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new BadUpload(400, '(body)', 'is not valid multipart/form-data');
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') throw new BadUpload(400, 'file', 'is required (a file field named "file")');
    if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
    const asked = form.get('format');
    const format = typeof asked === 'string' && asked ? asked : formatFromName(file.name, file.type);
    if (!format || !(IMPORT_FORMATS as readonly string[]).includes(format)) {
      throw new BadUpload(400, 'format', 'must be csv or json (name the file .csv or .json, or send a "format" field)');
    }
    return { format: format as ImportFileInput['format'], content: await file.text(), fileName: file.name.slice(0, 200) };
  }
  const format = formatFromName(null, type);
  if (!format) throw new BadUpload(415, 'Content-Type', 'must be multipart/form-data, text/csv or application/json');
  const body = await req.arrayBuffer();
  if (body.byteLength > MAX_IMPORT_BYTES) throw tooLarge();
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new BadUpload(400, '(body)', 'must be UTF-8 text');
  }
  return { format, content, fileName };
}

export function postCatalogImportHandler(opts: { db?: Db } = {}) {
  return instrumentRoute('/api/v1/catalog/import', async (req, requestId) => {
    const headers = { 'x-request-id': requestId, 'cache-control': 'no-store' };
    try {
      const db = opts.db ?? getDb();
      await consumeRateLimit('rest', clientIp(req.headers), db);
      const staff = await authorizeRequest(db, req, 'catalog.write');
      const upload = await readImportUpload(req);
      const started = await startImport(db, upload, { source: 'rest', requestedBy: staff.id });
      const statusUrl = `/api/v1/catalog/imports/${started.importId}`;
      return Response.json({ ...started, statusUrl, requestId }, { status: 202, headers: { ...headers, location: statusUrl } });
    } catch (err) {
      if (err instanceof BadUpload) {
        return Response.json(
          { error: { code: 'BAD_REQUEST', message: `${err.field}: ${err.message}`, issues: [{ path: err.field, message: err.message }], requestId } },
          { status: err.status, headers },
        );
      }
      const { status, body } = httpError(err, requestId);
      if (err instanceof NothingToImportError) {
        // Every bad row, as `row N.column` paths, and the full report.
        body.error.issues = err.report.problems.map((p) => ({ path: p.row === null ? p.column : `row ${p.row}.${p.column}`, message: p.problem }));
        return Response.json({ ...body, report: err.report }, { status, headers });
      }
      const field = err instanceof DomainError && typeof err.details.field === 'string' ? err.details.field : null;
      if (field) body.error.issues = [{ path: field, message: err instanceof Error ? err.message : String(err) }];
      return Response.json(body, { status, headers: { ...headers, ...retryAfterHeader(err) } });
    }
  });
}
