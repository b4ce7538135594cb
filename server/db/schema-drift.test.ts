// The migrations are hand-written, so this is what keeps them honest against schema.prisma.
// The later tests mutate the database or the schema to prove the check can actually fail;
// each undoes its change so the next starts from the clean migrated state.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSchemaDrift, parseUnsupportedFields } from './schema-drift';
import { useTestDatabase } from './testing';

const SCHEMA = path.resolve(import.meta.dirname, '../../prisma/schema.prisma');

describe('findSchemaDrift', () => {
  const getDb = useTestDatabase();
  let tmp: string;
  let schemaText: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'schema-drift-'));
    schemaText = await readFile(SCHEMA, 'utf8');
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const drift = (schemaPath = SCHEMA) => findSchemaDrift(schemaPath, getDb().query);

  /** Writes a copy of the real schema with `edit` applied, failing loudly if an anchor vanished. */
  async function editedSchema(name: string, edit: (text: string) => string): Promise<string> {
    const text = edit(schemaText);
    expect(text).not.toBe(schemaText);
    const file = path.join(tmp, `${name}.prisma`);
    await writeFile(file, text);
    return file;
  }
  const addToProduct = (fields: string) => (text: string) =>
    text.replace('  @@map("products")', `${fields}\n  @@map("products")`);

  /**
   * Runs `alter`, checks the drift it causes, then `undo`es it and checks the schema is clean
   * again. One statement per string: embedded mode's query() uses the extended protocol.
   */
  async function withAlter(alter: string[], undo: string[], check: () => Promise<void>): Promise<void> {
    for (const sql of alter) await getDb().query(sql);
    try {
      await check();
    } finally {
      for (const sql of undo) await getDb().query(sql);
    }
    expect(await drift()).toEqual([]);
  }

  it('finds no drift between schema.prisma and the migrated database', async () => {
    expect(await drift()).toEqual([]);
  });

  it('reports a database column the schema does not declare', async () => {
    await withAlter(
      ['ALTER TABLE products ADD COLUMN sneaky text'],
      ['ALTER TABLE products DROP COLUMN sneaky'],
      async () => {
        expect(await drift()).toEqual(['products.sneaky: column in database, not in schema']);
      },
    );
  });

  it('reports a column type change', async () => {
    await withAlter(
      ['ALTER TABLE product_variants ALTER COLUMN stock_on_hand TYPE bigint'],
      ['ALTER TABLE product_variants ALTER COLUMN stock_on_hand TYPE integer'],
      async () => {
        expect(await drift()).toEqual(['product_variants.stock_on_hand: type int4 in schema, int8 in database']);
      },
    );
  });

  it('reports nullability changes and a dropped unique index', async () => {
    await withAlter(
      [
        'ALTER TABLE products ALTER COLUMN title DROP NOT NULL',
        'ALTER TABLE products ALTER COLUMN rating_avg SET NOT NULL',
      ],
      [
        'ALTER TABLE products ALTER COLUMN title SET NOT NULL',
        'ALTER TABLE products ALTER COLUMN rating_avg DROP NOT NULL',
      ],
      async () => {
        expect(await drift()).toEqual([
          'products.title: required in schema, nullable in database',
          'products.rating_avg: optional in schema, NOT NULL in database',
        ]);
      },
    );
    await withAlter(
      ['DROP INDEX products_slug_key'],
      ['CREATE UNIQUE INDEX products_slug_key ON products (slug)'],
      async () => {
        expect(await drift()).toEqual(['products(slug): unique in schema, no unique index in database']);
      },
    );
  });

  it('reports fields, models and enum values the database lacks', async () => {
    const schema = await editedSchema('additions', (text) =>
      addToProduct('  subtitle     String?\n  weightGrams  Int @map("weight_grams")\n')(text)
        .replace('  archived\n', '  archived\n  discontinued\n')
        .concat('\nmodel Coupon {\n  id   String @id\n  code String @unique\n\n  @@map("coupons")\n}\n'),
    );
    expect(await drift(schema)).toEqual([
      'enum product_status: value "discontinued" missing from database',
      'products.subtitle: column for Product.subtitle missing from database',
      'products.weight_grams: column for Product.weightGrams missing from database',
      'coupons: table for model Coupon missing from database',
    ]);
  });

  it('reports a schema type that differs from the database (String vs @db.VarChar)', async () => {
    const schema = await editedSchema('varchar', (text) =>
      text.replace(/^( {2}title\s+String)$/m, '$1 @db.VarChar(200)'),
    );
    expect(await drift(schema)).toEqual(['products.title: type varchar in schema, text in database']);
  });

  it('checks Unsupported("…") columns, which getDMMF leaves out', async () => {
    const field = (type: string) => `  embedding    Unsupported("${type}")? @map("search_embedding")\n`;
    const v384 = await editedSchema('vector384', addToProduct(field('vector(384)')));
    const v768 = await editedSchema('vector768', addToProduct(field('vector(768)')));
    expect(parseUnsupportedFields(await readFile(v384, 'utf8')).get('Product')).toEqual([
      {
        name: 'embedding',
        column: 'search_embedding',
        type: 'vector(384)',
        required: false,
      },
    ]);
    expect(await drift(v384)).toEqual([
      'products.search_embedding: column for Product.embedding missing from database',
    ]);
    await withAlter(
      ['ALTER TABLE products ADD COLUMN search_embedding vector(384)'],
      ['ALTER TABLE products DROP COLUMN search_embedding'],
      async () => {
        expect(await drift(v384)).toEqual([]);
        expect(await drift(v768)).toEqual([
          'products.search_embedding: type vector(768) in schema, vector(384) in database',
        ]);
        // Without the field in the schema, the column is unexplained.
        expect(await drift()).toEqual(['products.search_embedding: column in database, not in schema']);
      },
    );
  });

  it('reports a table the schema does not model', async () => {
    await withAlter(['CREATE TABLE stray (id int)'], ['DROP TABLE stray'], async () => {
      expect(await drift()).toEqual(['stray: table in database, not in schema']);
    });
  });
});
