import { readFileSync } from 'node:fs';
import path from 'node:path';
import { titleCase } from '@/server/modules/catalog/normalize';

/** Display titles of every product in the committed seed catalog. */
export function seedTitles(): Set<string> {
  const tsv = readFileSync(path.resolve(import.meta.dirname, '../prisma/seed-data/wands-products.tsv'), 'utf8');
  return new Set(
    tsv
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => titleCase(line.split('\t')[1] ?? '')),
  );
}
