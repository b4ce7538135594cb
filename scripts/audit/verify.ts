// `npm run audit:verify`: recomputes the audit trail's hash chain on DATABASE_URL or the
// embedded database; exits 1 and names the first broken link when it was tampered with.
import { createPrismaClient } from '@/server/db/client';
import { verifyAuditChain } from '@/server/modules/audit/verify-chain';
import { withDatabase } from '../with-database';

const report = await withDatabase(async (url) => {
  const db = createPrismaClient(url, 1);
  try {
    return await verifyAuditChain(db);
  } finally {
    await db.$disconnect();
  }
});
console.log(
  report.ok
    ? `audit chain intact: ${report.checked} rows checked`
    : `audit chain BROKEN at row ${report.firstBreak!.seq}: ${report.firstBreak!.problem} (${report.checked} rows before it are intact)`,
);
console.log(JSON.stringify({ ...report, verifiedAt: report.verifiedAt.toISOString() }));
process.exit(report.ok ? 0 : 1);
