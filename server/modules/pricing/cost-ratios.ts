// Cost of goods for margin checks. Variants carry no cost column, so pricing keeps an estimated
// cost ratio (cost ÷ list price) per top-level category, with a default for the rest. These
// are merchant-level estimates (home goods retail: furniture ~55%, décor ~45%, appliances
// ~75%), used only to bound discounts by the policy's margin floor; replace them with real
// costs when the catalog has them.
export const DEFAULT_COST_RATIO = 0.6;

export const COST_RATIOS: Record<string, number> = {
  Furniture: 0.55,
  'Décor & Pillows': 0.45,
  'Home Improvement': 0.65,
  Outdoor: 0.55,
  'Kitchen & Tabletop': 0.5,
  'Storage & Organization': 0.5,
  Lighting: 0.55,
  'Baby & Kids': 0.55,
  'Bed & Bath': 0.5,
  Rugs: 0.5,
  Appliances: 0.75,
  'Commercial Business Furniture': 0.6,
  Pet: 0.5,
  Contractor: 0.7,
};

export function costRatio(categoryPath: string[]): number {
  return COST_RATIOS[categoryPath[0] ?? ''] ?? DEFAULT_COST_RATIO;
}

export function lineCostCents(line: { categoryPath: string[]; unitPriceCents: number; quantity: number }): number {
  return Math.round(line.unitPriceCents * line.quantity * costRatio(line.categoryPath));
}
