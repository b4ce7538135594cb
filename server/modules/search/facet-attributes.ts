// Normalised colour and material facets. WANDS titles and features name them in free text
// ("gray velvet sofa", "color: Espresso"); we map them to a small vocabulary shoppers filter by.
import { tokenize } from './text';

const COLORS: Record<string, string[]> = {
  black: ['black', 'ebony', 'onyx', 'jet'],
  white: ['white', 'ivory', 'cream', 'off-white', 'snow'],
  gray: ['gray', 'grey', 'charcoal', 'slate', 'graphite', 'silver'],
  brown: ['brown', 'espresso', 'walnut', 'chocolate', 'mocha', 'coffee', 'cognac', 'tan', 'oak', 'mahogany', 'cherry'],
  beige: ['beige', 'khaki', 'taupe', 'sand', 'linen', 'natural', 'oatmeal'],
  blue: ['blue', 'navy', 'teal', 'aqua', 'turquoise', 'indigo', 'cobalt', 'denim'],
  green: ['green', 'sage', 'olive', 'emerald', 'mint', 'jade'],
  red: ['red', 'burgundy', 'maroon', 'crimson', 'wine'],
  pink: ['pink', 'blush', 'rose', 'coral', 'fuchsia'],
  yellow: ['yellow', 'gold', 'mustard'],
  orange: ['orange', 'rust', 'copper', 'terracotta'],
  purple: ['purple', 'lavender', 'violet', 'plum', 'lilac'],
  multi: ['multicolor', 'multi', 'rainbow'],
};

const MATERIALS: Record<string, string[]> = {
  wood: ['wood', 'wooden', 'oak', 'walnut', 'pine', 'teak', 'acacia', 'mango', 'birch', 'maple', 'bamboo', 'mahogany', 'cherry'],
  metal: ['metal', 'iron', 'steel', 'aluminum', 'brass', 'bronze', 'chrome', 'nickel', 'copper'],
  glass: ['glass', 'crystal', 'mirrored'],
  fabric: ['fabric', 'upholstered', 'cotton', 'polyester', 'linen', 'wool', 'jute', 'chenille'],
  velvet: ['velvet', 'velour'],
  leather: ['leather', 'faux-leather', 'leatherette'],
  marble: ['marble', 'granite', 'stone', 'quartz', 'travertine'],
  ceramic: ['ceramic', 'porcelain', 'stoneware', 'terracotta'],
  plastic: ['plastic', 'acrylic', 'resin', 'vinyl', 'polypropylene'],
  wicker: ['wicker', 'rattan', 'seagrass'],
};

function invert(map: Record<string, string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [canonical, words] of Object.entries(map)) for (const w of words) out.set(w, canonical);
  return out;
}
const COLOR_OF = invert(COLORS);
const MATERIAL_OF = invert(MATERIALS);

export type FacetAttributes = { color: string[]; material: string[] };

export function extractFacetAttributes(title: string, attributes: Record<string, unknown>): FacetAttributes {
  const featureText = ['color', 'colour', 'primary color', 'material', 'primary material', 'frame material', 'upholstery material']
    .map((k) => attributes[k])
    .filter((v): v is string => typeof v === 'string')
    .join(' ');
  const tokens = tokenize(`${title} ${featureText}`);
  const color = new Set<string>();
  const material = new Set<string>();
  for (const t of tokens) {
    const c = COLOR_OF.get(t);
    if (c) color.add(c);
    const m = MATERIAL_OF.get(t);
    if (m) material.add(m);
  }
  return { color: [...color].sort(), material: [...material].sort() };
}

export const COLOR_VALUES = Object.keys(COLORS);
export const MATERIAL_VALUES = Object.keys(MATERIALS);
