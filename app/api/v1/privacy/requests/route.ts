// POST /api/v1/privacy/requests: { type: "export" | "erase", email, note? } → 202 and the request.
import { postPrivacyRequestHandler } from '@/server/api/privacy-rest';

export const dynamic = 'force-dynamic';

export const POST = postPrivacyRequestHandler();
