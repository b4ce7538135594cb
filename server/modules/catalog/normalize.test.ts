import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeWandsProduct, parseCategoryPath, parseClasses, slugify, titleCase } from './normalize';
import { parseWandsProducts } from './wands-tsv';

const POOL_FILE = path.resolve(import.meta.dirname, '../../../../shared/data/wands/products.tsv');

describe('titleCase', () => {
  it('capitalises words but keeps small words lower-case after the first', () => {
    expect(titleCase('king tufted low profile standard bed')).toBe('King Tufted Low Profile Standard Bed');
    expect(titleCase('chair and a half recliner with ottoman')).toBe('Chair and a Half Recliner with Ottoman');
    expect(titleCase('the end of the line')).toBe('The End of the Line');
    expect(titleCase('a lamp for the hall')).toBe('A Lamp for the Hall');
  });

  it('keeps short letter+digit tokens as they are', () => {
    expect(titleCase('3pc dining set')).toBe('3pc Dining Set');
    expect(titleCase('pine 2x4 shelf kit')).toBe('Pine 2x4 Shelf Kit');
    // Longer tokens are ordinary words again.
    expect(titleCase('10piece set')).toBe('10piece Set');
    expect(titleCase('abc12345 widget')).toBe('Abc12345 Widget');
  });

  it('trims and collapses whitespace, and handles non-ASCII initials', () => {
    expect(titleCase('  wall   décor  ')).toBe('Wall Décor');
    expect(titleCase('écru throw')).toBe('Écru Throw');
    expect(titleCase("modern farmhouse solid wood 28.5 '' bar stool")).toBe(
      "Modern Farmhouse Solid Wood 28.5 '' Bar Stool",
    );
  });
});

describe('parseCategoryPath', () => {
  it('splits on " / "', () => {
    expect(parseCategoryPath('Furniture / Bedroom Furniture / Beds & Headboards / Beds')).toEqual([
      'Furniture',
      'Bedroom Furniture',
      'Beds & Headboards',
      'Beds',
    ]);
    expect(parseCategoryPath('Storage & Organization / Clips/Clamps')).toEqual([
      'Storage & Organization',
      'Clips/Clamps',
    ]);
  });

  it('unquotes the CSV-quoted hierarchies and unescapes their doubled quotes', () => {
    const raw =
      '"Furniture / Kitchen & Dining Furniture / Bar Furniture / Bar Stools & Counter Stools / ' +
      'All Bar Stools & Counter Stools / Bar (28""-33"") Bar Stools & Counter Stools"';
    expect(parseCategoryPath(raw)).toEqual([
      'Furniture',
      'Kitchen & Dining Furniture',
      'Bar Furniture',
      'Bar Stools & Counter Stools',
      'All Bar Stools & Counter Stools',
      'Bar (28"-33") Bar Stools & Counter Stools',
    ]);
    expect(parseCategoryPath('"Home Improvement / Vanity Bases / 36""- 40"" Vanity Bases"').at(-1)).toBe(
      '36"- 40" Vanity Bases',
    );
  });

  it('returns [] for an empty or blank hierarchy', () => {
    expect(parseCategoryPath('')).toEqual([]);
    expect(parseCategoryPath('   ')).toEqual([]);
  });
});

describe('parseClasses', () => {
  it('splits on "|" and drops blanks', () => {
    expect(parseClasses('Teen Beds|Daybeds & Guest Beds')).toEqual(['Teen Beds', 'Daybeds & Guest Beds']);
    expect(parseClasses('Beds')).toEqual(['Beds']);
    expect(parseClasses(' Beds | |Cribs ')).toEqual(['Beds', 'Cribs']);
    expect(parseClasses('')).toEqual([]);
  });
});

describe('slugify', () => {
  it('lower-cases, strips accents and joins words with hyphens, suffixed by the source id', () => {
    expect(slugify('Metal Wall Décor', '855')).toBe('metal-wall-decor-855');
    expect(slugify("Modern Farmhouse Solid Wood 28.5 '' Bar Stool", '14116')).toBe(
      'modern-farmhouse-solid-wood-28-5-bar-stool-14116',
    );
    expect(slugify('Wayfair Basics® Fleece Blanket', '4336')).toBe('wayfair-basics-fleece-blanket-4336');
  });

  it('keeps products with the same title apart by their id', () => {
    expect(slugify('Bar Stool', '1')).not.toBe(slugify('Bar Stool', '2'));
  });

  it('caps the title part at 80 characters without a trailing hyphen', () => {
    const slug = slugify(`${'word '.repeat(40)}end`, '42');
    expect(slug.endsWith('-42')).toBe(true);
    const base = slug.slice(0, -'-42'.length);
    expect(base.length).toBeLessThanOrEqual(80);
    expect(base).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slugify('x'.repeat(200), '9')).toBe(`${'x'.repeat(80)}-9`);
  });

  it('falls back to "product-<id>" when nothing sluggable is left', () => {
    expect(slugify('', '7')).toBe('product-7');
    expect(slugify('— ® ’', '8')).toBe('product-8');
    expect(slugify('Brand™', '9')).toBe('brandtm-9'); // NFKD spells ™ out as TM
  });
});

describe('normalizeWandsProduct', () => {
  it('maps a real pool row', () => {
    const { rows } = parseWandsProducts(readFileSync(POOL_FILE, 'utf8'));
    const row = rows.find((r) => r.product_id === '842')!;
    expect(normalizeWandsProduct(row)).toEqual({
      externalId: 'wands:842',
      slug: 'pattonsburg-daybed-with-trundle-842',
      title: 'Pattonsburg Daybed with Trundle',
      description: '',
      classes: ['Teen Beds', 'Daybeds & Guest Beds'],
      categoryPath: ['Furniture', 'Bedroom Furniture', 'Daybeds'],
      attributes: { source_name: 'pattonsburg daybed with trundle' },
      ratingAvg: null,
      reviewCount: 0,
    });
  });

  it('gives every pool product a unique slug and a non-empty title', () => {
    const { rows } = parseWandsProducts(readFileSync(POOL_FILE, 'utf8'));
    const products = rows.map(normalizeWandsProduct);
    expect(new Set(products.map((p) => p.slug)).size).toBe(6482);
    expect(products.filter((p) => p.title === '')).toEqual([]);
    expect(products.filter((p) => p.categoryPath.length === 0)).toHaveLength(400);
    expect(products.filter((p) => p.categoryPath.some((c) => c.includes('"')))).toHaveLength(3);
  });

  it('parses full-WANDS features, rating and review count', () => {
    const product = normalizeWandsProduct({
      product_id: '0',
      product_name: 'solid wood platform bed',
      product_class: 'Beds',
      category_hierarchy: 'Furniture / Bedroom Furniture / Beds & Headboards / Beds',
      product_description: '  good , deep sleep can be quite difficult  ',
      product_features: 'OverallWidth-SideToSide:64.7|producttype : platform bed| : gray wood|nocolon|empty:|a:b:c',
      rating_count: '15.0',
      average_rating: '4.5',
      review_count: '15.0',
    });
    expect(product.description).toBe('good , deep sleep can be quite difficult');
    expect(product.attributes).toEqual({
      source_name: 'solid wood platform bed',
      'overallwidth-sidetoside': '64.7',
      producttype: 'platform bed',
      a: 'b:c',
    });
    expect(product.ratingAvg).toBe(4.5);
    expect(product.reviewCount).toBe(15);
  });

  it('treats unparsable rating and review count as missing', () => {
    const product = normalizeWandsProduct({
      product_id: '1',
      product_name: 'lamp',
      product_class: '',
      category_hierarchy: '',
      average_rating: 'n/a',
      review_count: '',
    });
    expect(product.ratingAvg).toBeNull();
    expect(product.reviewCount).toBe(0);
    expect(product.categoryPath).toEqual([]);
    expect(product.classes).toEqual([]);
  });
});
