// Seeds the catalog once per database. A seed_runs row marks it done, so restarts never
// reseed; `--from <dir>` imports another (e.g. the full) WANDS catalog on top, upserting
// by source id.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { newId } from '@/server/lib/ids';
import { importProducts } from '@/server/modules/catalog/import-products';
import { normalizeWandsProduct } from '@/server/modules/catalog/normalize';
import { parseWandsProducts } from '@/server/modules/catalog/wands-tsv';
import type { PrismaClient } from './generated/client';

export const DEFAULT_SEED_FILE = path.resolve(import.meta.dirname, '../../prisma/seed-data/wands-products.tsv');

export type SeedOutcome =
  | { skipped: true; reason: string }
  | { skipped: false; source: string; created: number; updated: number; rejected: number };

export async function seedCatalog(db: PrismaClient, opts: { file?: string; force?: boolean } = {}): Promise<SeedOutcome> {
  const file = opts.file ?? DEFAULT_SEED_FILE;
  const name = `catalog:${path.basename(path.dirname(file))}/${path.basename(file)}`;
  if (!opts.force) {
    const done = await db.seedRun.findUnique({ where: { name } });
    if (done) return { skipped: true, reason: `${name} already loaded (${done.rowCount} rows)` };
  }
  const { rows, errors } = parseWandsProducts(readFileSync(file, 'utf8'));
  if (rows.length === 0) throw new Error(`${file}: no valid product rows (${errors[0]?.message ?? 'empty file'})`);
  const { created, updated } = await importProducts(db, rows.map(normalizeWandsProduct));
  await db.seedRun.upsert({
    where: { name },
    create: { id: newId('seed'), name, source: file, rowCount: rows.length },
    update: { rowCount: rows.length, appliedAt: new Date() },
  });
  return { skipped: false, source: file, created, updated, rejected: errors.length };
}

/** Where a --from directory keeps its products: the dev pool's products.tsv or WANDS's product.csv. */
export function productFileIn(dir: string): string {
  for (const candidate of ['products.tsv', 'product.csv', 'wands-products.tsv']) {
    const p = path.join(dir, candidate);
    if (existsSync(p)) return p;
  }
  throw new Error(`${dir} has no products.tsv or product.csv`);
}
