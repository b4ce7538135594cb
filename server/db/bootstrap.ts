// Brings a database to a usable state: migrated, and seeded when the catalog is empty.
// Used by `npm start`/`npm run dev` (scripts/start.ts) and `npm run db:migrate`.
import pg from 'pg';
import { createPrismaClient } from './client';
import { migrate, type MigrationResult } from './migrate';
import { seedCatalog, type SeedOutcome } from './seed';
import { ensureOwner, type OwnerOutcome } from '@/server/modules/auth/ensure-owner';
import { indexCatalog } from '@/server/modules/search/index-catalog';
import { ensureDefaultPolicies } from '@/server/modules/policies/policy-versions';
import { ensureDiscountModel } from '@/server/modules/pricing/ensure-discount-model';
import { ensureRiskModel } from '@/server/modules/risk/ensure-risk-model';
import { ensureRecommendationModels } from '@/server/modules/recommendations/ensure-models';
import { encryptBackfill, type BackfillProgress, type BackfillResult } from '@/server/modules/privacy/encrypt-backfill';

export async function migrateDatabase(url: string): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrate(client);
  } finally {
    await client.end();
  }
}

/** Seeds the committed catalog unless SEED_ON_START=0 or the store already has products. */
export async function seedIfEmpty(
  url: string,
  env: Record<string, string | undefined> = process.env,
): Promise<SeedOutcome> {
  if (env.SEED_ON_START === '0') return { skipped: true, reason: 'SEED_ON_START=0' };
  const db = createPrismaClient(url, 1);
  try {
    const products = await db.product.count();
    if (products > 0) return { skipped: true, reason: `catalog has ${products} products` };
    return await seedCatalog(db);
  } finally {
    await db.$disconnect();
  }
}

/** Brings search up to date with the catalog (documents and vectors); cheap when nothing changed. */
export async function indexSearch(url: string, onProgress?: (done: number, total: number) => void) {
  const db = createPrismaClient(url, 1);
  try {
    return await indexCatalog(db, { onProgress });
  } finally {
    await db.$disconnect();
  }
}

/** Creates the console owner when no staff exists yet (see server/modules/auth/ensure-owner.ts). */
export async function ensureConsoleOwner(url: string): Promise<OwnerOutcome> {
  const db = createPrismaClient(url, 1);
  try {
    return await ensureOwner(db);
  } finally {
    await db.$disconnect();
  }
}

/**
 * First start: the default risk and discount policies (published v1), the trained risk model
 * and the discount heuristic as production versions. Each part is skipped once it exists.
 */
export async function ensureDecisionDefaults(url: string) {
  const db = createPrismaClient(url, 1);
  try {
    const policies = await ensureDefaultPolicies(db);
    const risk = await ensureRiskModel(db);
    const discount = await ensureDiscountModel(db);
    return {
      policies: policies.created,
      riskModel: risk.created ? { auc: risk.report!.heldOut.auc, trainMs: risk.report!.trainMs } : null,
      discountModel: discount.created,
    };
  } finally {
    await db.$disconnect();
  }
}

/** Registers one draft model version per recommendation algorithm (once). */
export async function ensureRecsModels(url: string): Promise<{ created: string[] }> {
  const db = createPrismaClient(url, 1);
  try {
    return await ensureRecommendationModels(db);
  } finally {
    await db.$disconnect();
  }
}

/**
 * Encrypts contact data and webhook secrets still in clear (rows from before field encryption,
 * ADR 027): the data half of the migration, cheap when nothing is left to do.
 */
export async function encryptPlaintextContacts(url: string, onProgress?: (p: BackfillProgress) => void): Promise<BackfillResult> {
  const db = createPrismaClient(url, 1);
  try {
    return await encryptBackfill(db, { onProgress });
  } finally {
    await db.$disconnect();
  }
}
