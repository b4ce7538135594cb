import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from './bootstrap';
import { DEFAULT_SEED_FILE, productFileIn, seedCatalog } from './seed';
import { useTestDatabase } from './testing';

const POOL_DIR = path.resolve(import.meta.dirname, '../../../shared/data/wands');
const POOL_FILE = path.join(POOL_DIR, 'products.tsv');

const ids = (file: string) =>
  new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split('\t')[0]),
  );
const seedIds = ids(DEFAULT_SEED_FILE);
const poolIds = ids(POOL_FILE);
const overlap = [...poolIds].filter((id) => seedIds.has(id)).length;
const union = new Set([...seedIds, ...poolIds]).size;

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const getDb = useTestDatabase();

// Steps build on one database: empty → seeded → forced → pool on top.
describe('seedCatalog', () => {
  it('the data files overlap as the seed README says (every seed product is in the pool)', () => {
    expect([seedIds.size, poolIds.size, overlap, union]).toEqual([3000, 6482, 3000, 6482]);
  });

  it('seedIfEmpty honours SEED_ON_START=0 without touching the database', async () => {
    expect(await seedIfEmpty(getDb().url, { SEED_ON_START: '0' })).toEqual({
      skipped: true,
      reason: 'SEED_ON_START=0',
    });
    expect(await getDb().prisma.product.count()).toBe(0);
  });

  it('loads the committed catalog once and records the run', async () => {
    const { prisma } = getDb();
    expect(await seedCatalog(prisma)).toEqual({
      skipped: false,
      source: DEFAULT_SEED_FILE,
      created: 3000,
      updated: 0,
      rejected: 0,
    });
    expect(await prisma.product.count()).toBe(3000);
    const runs = await prisma.seedRun.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      name: 'catalog:seed-data/wands-products.tsv',
      source: DEFAULT_SEED_FILE,
      rowCount: 3000,
    });
  }, 60_000);

  it('skips a second run', async () => {
    const { prisma } = getDb();
    expect(await seedCatalog(prisma)).toEqual({
      skipped: true,
      reason: 'catalog:seed-data/wands-products.tsv already loaded (3000 rows)',
    });
    expect(await prisma.product.count()).toBe(3000);
    expect(await prisma.seedRun.count()).toBe(1);
  });

  it('re-runs as updates with force, keeping one seed_runs row', async () => {
    const { prisma } = getDb();
    const before = await prisma.seedRun.findFirstOrThrow();
    const outcome = await seedCatalog(prisma, { force: true });
    expect(outcome).toMatchObject({ skipped: false, created: 0, updated: 3000, rejected: 0 });
    expect(await prisma.product.count()).toBe(3000);
    expect(await prisma.productVariant.count()).toBe(3000);
    const after = await prisma.seedRun.findFirstOrThrow();
    expect(after.id).toBe(before.id);
    expect(after.appliedAt.getTime()).toBeGreaterThanOrEqual(before.appliedAt.getTime());
  }, 60_000);

  it('seedIfEmpty skips a store that already has products', async () => {
    // Embedded mode: seedIfEmpty opens a second socket connection, so the test's own
    // client must be idle (everything above is awaited).
    expect(await seedIfEmpty(getDb().url, {})).toEqual({ skipped: true, reason: 'catalog has 3000 products' });
    expect(await getDb().prisma.product.count()).toBe(3000);
  });

  it('adds the rest of the pool on top, upserting by source id', async () => {
    const { prisma } = getDb();
    const outcome = await seedCatalog(prisma, { file: productFileIn(POOL_DIR) });
    expect(outcome).toEqual({
      skipped: false,
      source: POOL_FILE,
      created: 6482 - overlap,
      updated: overlap,
      rejected: 0,
    });
    expect(await prisma.product.count()).toBe(union);
    expect(await prisma.productVariant.count()).toBe(union);
    expect((await prisma.seedRun.findMany({ orderBy: { name: 'asc' } })).map((r) => [r.name, r.rowCount])).toEqual([
      ['catalog:seed-data/wands-products.tsv', 3000],
      ['catalog:wands/products.tsv', 6482],
    ]);
    expect(await seedCatalog(prisma, { file: POOL_FILE })).toMatchObject({ skipped: true });
  }, 120_000);

  it('refuses a file with no valid rows and records nothing', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'products.tsv');
    writeFileSync(file, 'id\tname\n1\tlamp\n');
    await expect(seedCatalog(getDb().prisma, { file })).rejects.toThrow(
      `${file}: no valid product rows (header must name product_id and product_name)`,
    );
    writeFileSync(file, '');
    await expect(seedCatalog(getDb().prisma, { file })).rejects.toThrow('no valid product rows');
    expect(await getDb().prisma.seedRun.count()).toBe(2);
  });

  it('counts rejected rows while importing the good ones', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'products.tsv');
    writeFileSync(
      file,
      'product_id\tproduct_name\tproduct_class\tcategory_hierarchy\n900001\tnew lamp\tLamps\tLighting\nx\tbad\t\t\n',
    );
    expect(await seedCatalog(getDb().prisma, { file })).toMatchObject({ created: 1, updated: 0, rejected: 1 });
  });
});

describe('productFileIn', () => {
  it('finds the pool products.tsv', () => {
    expect(productFileIn(POOL_DIR)).toBe(POOL_FILE);
  });

  it('finds a full WANDS product.csv and the committed seed file', () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'product.csv'), '');
    expect(productFileIn(dir)).toBe(path.join(dir, 'product.csv'));
    expect(productFileIn(path.dirname(DEFAULT_SEED_FILE))).toBe(DEFAULT_SEED_FILE);
  });

  it('prefers products.tsv when a directory has several', () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'product.csv'), '');
    writeFileSync(path.join(dir, 'products.tsv'), '');
    expect(productFileIn(dir)).toBe(path.join(dir, 'products.tsv'));
  });

  it('throws a clear error for a directory without one', () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'query.csv'), '');
    expect(() => productFileIn(dir)).toThrow(`${dir} has no products.tsv or product.csv`);
  });
});
